package io.hookwright.bench;

import io.hookwright.event.Entity;
import io.hookwright.event.Event;
import io.hookwright.event.Initiator;
import io.hookwright.render.MessageIds;

import java.util.List;
import java.util.Map;

/**
 * What the delivery benchmarks send: a {@code Project:Updated} event per request, and the body the bench webhook
 * renders for it, so the bare HTTP loop posts exactly what the engine posts.
 */
final class Requests {
    /** The bench webhook's body template; {@link #body} writes the same text without the engine. */
    static final String TEMPLATE = "{\"project\": \"${entity.key}\", \"status\": \"${entity.attributes.Status}\", "
            + "\"message\": \"${message.id}\"}";

    private Requests() {
    }

    static String eventId(String run, int i) {
        return "evt-" + run + "-" + i;
    }

    static Event event(String run, int i) {
        return new Event(eventId(run, i), "Project:Updated", null, "acme", new Initiator("u-1", "Anna Doe", "anna"),
                new Entity("Project", "p-" + i, "KEY-" + i, Map.of("Status", "Done")), Map.of("Status", "On track"),
                List.of(), null);
    }

    static String messageId(String run, int i, String webhook) {
        return MessageIds.of(eventId(run, i), webhook);
    }

    static String body(String run, int i, String webhook) {
        return "{\"project\": \"KEY-" + i + "\", \"status\": \"Done\", \"message\": \"" + messageId(run, i, webhook)
                + "\"}";
    }
}
