package io.hookwright.render;

import io.hookwright.definitions.CompiledDefinitions;
import io.hookwright.definitions.DefinitionCompiler;
import io.hookwright.dsl.model.DefinitionError;
import io.hookwright.event.Event;
import io.hookwright.event.EventJson;
import io.hookwright.event.Events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** A definitions folder written by a test ({@code *.groovy} plus {@code templates/*.ftl}), compiled as the engine does. */
final class RenderFixture {
    /** The event most render tests use: a project update with a before, a parent and varied attribute types. */
    static final String EVENT_JSON = """
            { "id": "evt-1", "type": "Project:Updated", "timestamp": "2026-11-23T10:00:00Z",
              "tenant": "acme",
              "initiator": {"userId": "u-1", "name": "Anna Doe", "login": "anna.doe@company.com"},
              "entity": {"type": "Project", "id": "p-1", "key": "DEMO",
                         "attributes": {"Status": "Done", "Budget": 5000, "Rate": 1.5, "Big": 1234567,
                                        "Digital": true, "Tags": ["a", "b"],
                                        "Owner": {"Name": "Anna", "Id": "u-1"}, "Manager": null,
                                        "Name": "He said \\"hi\\"\\nand left"}},
              "before": {"Status": "On track", "Budget": 4000},
              "parent": {"type": "Portfolio", "id": "pf-1", "key": "DIGITAL"} }
            """;

    private final Path folder;

    RenderFixture(Path root) {
        this.folder = root.resolve("webhooks");
    }

    Path folder() {
        return folder;
    }

    RenderFixture file(String name, String text) {
        try {
            Path path = folder.resolve(name);
            Files.createDirectories(path.getParent());
            Files.writeString(path, text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RenderFixture template(String name, String text) {
        return file("templates/" + name, text);
    }

    DefinitionCompiler.Compilation compile() {
        return new DefinitionCompiler().compile(folder);
    }

    /** Compiles and requires no errors. */
    CompiledDefinitions compileValid() {
        DefinitionCompiler.Compilation compilation = compile();
        assertTrue(compilation.valid(), () -> "expected no errors, got:\n" + format(compilation.errors()));
        return compilation.definitions();
    }

    /** Compiles and requires errors. */
    List<DefinitionError> compileErrors() {
        DefinitionCompiler.Compilation compilation = compile();
        if (compilation.valid()) {
            fail("expected definition errors, but the folder compiled");
        }
        return compilation.errors();
    }

    static String format(List<DefinitionError> errors) {
        return errors.stream().map(DefinitionError::format).collect(Collectors.joining("\n"));
    }

    static Event event(String json) {
        return Events.complete(EventJson.parse(json), Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    }

    static Event event() {
        return event(EVENT_JSON);
    }

    /** A one-webhook definition file: {@code request} is the body of {@code request { … }}. */
    static String webhook(String code, String on, String request) {
        return "webhook('" + code + "') {\n"
                + "    label 'Label of " + code + "'\n"
                + "    on '" + on + "'\n"
                + "    request {\n"
                + request.indent(8)
                + "    }\n"
                + "}\n";
    }
}
