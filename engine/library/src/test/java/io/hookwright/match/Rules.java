package io.hookwright.match;

import io.hookwright.dsl.load.DefinitionLoader;
import io.hookwright.dsl.load.LoadResult;
import io.hookwright.dsl.model.RuleSet;
import io.hookwright.dsl.model.WebhookDefinition;
import io.hookwright.event.EntityRef;
import io.hookwright.event.Entity;
import io.hookwright.event.Event;
import io.hookwright.event.Events;
import io.hookwright.event.Initiator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Definitions and events written by tests. */
final class Rules {
    private Rules() {
    }

    static RuleSet load(Path folder, String groovy) {
        try {
            Files.writeString(folder.resolve("rules.groovy"), groovy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LoadResult result = new DefinitionLoader().load(folder);
        assertTrue(result.valid(), () -> result.errors().toString());
        return result.ruleSet();
    }

    /** One webhook on Project:Updated with this filter. */
    static WebhookDefinition filter(Path folder, String filter) {
        return load(folder, """
                webhook('w') {
                    on 'Project:Updated'
                    filter {
                %s
                    }
                    request { post 'https://example.com/' }
                }
                """.formatted(filter)).webhooks().get(0);
    }

    /**
     * An updated project as the matcher gets it, without the limits every way in checks first: the matcher's own
     * bounds are tested on data beyond them too.
     */
    static Event updated(Map<String, Object> before, Map<String, Object> after) {
        return Event.builder("Project:Updated").id("e-1").timestamp(Clock.systemUTC().instant()).tenant("acme")
                .initiator(new Initiator("u-1", "Anna Doe", "anna.doe@company.com"))
                .entity(new Entity("Project", "p-1", "DEMO", after)).before(before)
                .changes(before == null ? null : Events.changes(before, after))
                .parent(new EntityRef("Portfolio", "pf-1", "DIGITAL")).build();
    }

    static Event created(String type, Map<String, Object> attributes) {
        return Events.complete(Event.builder(type).id("e-2").tenant("acme")
                .entity(new Entity(type.substring(0, type.indexOf(':')), "x-1", null, attributes)).build(),
                Clock.systemUTC());
    }
}
