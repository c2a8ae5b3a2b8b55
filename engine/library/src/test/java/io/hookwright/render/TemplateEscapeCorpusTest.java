package io.hookwright.render;

import com.fasterxml.jackson.core.type.TypeReference;
import io.hookwright.definitions.DefinitionCompiler;
import io.hookwright.dsl.model.DefinitionError;
import io.hookwright.event.EventJson;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The template escape corpus: each file under {@code template-escapes/} is a template (a URL, a header value, a
 * JSON body or a text body), the event data it gets, and what must come of it: an exact output, a JSON value, or a
 * compile or render error holding given words. Every case ends within bounded time and leaves the calling thread
 * uninterrupted.
 *
 * <p>File format: {@code name = value} lines ({@code kind}: url, header, json-body, text-body; {@code key}: the
 * entity's key as a JSON string; {@code attributes}: a JSON object merged into the entity's attributes;
 * {@code expect}: output, json, compile-error, render-error; {@code contains}: words the error holds, repeatable),
 * then {@code ----- template} and the template, then {@code ----- expected} and the expected output or JSON.
 */
class TemplateEscapeCorpusTest {
    /** Far above every limit, so a case that ends at all ends in time; a hang would take minutes. */
    private static final Duration BOUND = Duration.ofSeconds(30);

    @TempDir
    Path root;

    record Case(String name, Map<String, String> settings, List<String> contains, String template, String expected) {
        String kind() {
            return settings.getOrDefault("kind", "text-body");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> corpus() throws IOException, URISyntaxException {
        Path folder = Path.of(TemplateEscapeCorpusTest.class.getResource("/template-escapes").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            List<Case> cases = new ArrayList<>();
            for (Path file : files.sorted().toList()) {
                cases.add(parse(file.getFileName().toString(), Files.readString(file)));
            }
            return cases.stream();
        }
    }

    private static Case parse(String name, String text) {
        int templateAt = text.indexOf("----- template\n");
        int expectedAt = text.indexOf("\n----- expected\n");
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> contains = new ArrayList<>();
        for (String line : text.substring(0, templateAt).lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf(" = ");
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 3);
            if (key.equals("contains")) {
                contains.add(value);
            } else {
                settings.put(key, value);
            }
        }
        int templateStart = templateAt + "----- template\n".length();
        String template = expectedAt < 0 ? text.substring(templateStart).stripTrailing()
                : text.substring(templateStart, expectedAt);
        String expected = expectedAt < 0 ? null : text.substring(expectedAt + "\n----- expected\n".length())
                .replaceFirst("\n$", "");
        return new Case(name, settings, contains, template, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachCaseEndsAsExpected(Case c) throws Exception {
        try {
            check(c);
        } catch (AssertionError e) {
            throw new AssertionError(c.name() + ": " + e.getMessage(), e);
        }
    }

    private void check(Case c) throws Exception {
        long start = System.nanoTime();
        String expect = c.settings().get("expect");
        DefinitionCompiler.Compilation compilation = fixture(c).compile();
        if (expect.equals("compile-error")) {
            assertFalse(compilation.valid(), "expected a compile error");
            String errors = RenderFixture.format(compilation.errors());
            c.contains().forEach(words -> assertTrue(errors.contains(words), "'" + words + "' not in: " + errors));
            DefinitionError first = compilation.errors().getFirst();
            assertTrue(first.line() > 0 && first.column() > 0, errors);
            return;
        }
        assertTrue(compilation.valid(), () -> RenderFixture.format(compilation.errors()));
        String result = null;
        String error = null;
        try {
            result = rendered(c, new Renderer(event(c)).render(compilation.definitions().compiled("escape")));
        } catch (RenderException e) {
            error = e.getMessage();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(BOUND) < 0, "took " + took);
        assertFalse(Thread.currentThread().isInterrupted(), "the render left the thread interrupted");
        switch (expect) {
            case "render-error" -> {
                if (error == null) {
                    fail("expected a render error, got: " + abbreviate(result));
                }
                for (String words : c.contains()) {
                    assertTrue(error.contains(words), "'" + words + "' not in: " + error);
                }
                assertFalse(error.contains("\n"), "one line: " + error);
            }
            case "output" -> {
                assertEquals(null, error);
                assertEquals(c.expected(), result);
            }
            case "json" -> {
                assertEquals(null, error);
                assertEquals(EventJson.MAPPER.readTree(c.expected()), EventJson.MAPPER.readTree(result), result);
            }
            default -> fail("unknown expect: " + expect);
        }
    }

    private RenderFixture fixture(Case c) {
        RenderFixture fixture = new RenderFixture(root);
        String request = switch (c.kind()) {
            case "url" -> "post '" + groovy(c.template()) + "'";
            case "header" -> "post 'https://example.com/hook'\nheader 'X-Test', '" + groovy(c.template()) + "'";
            case "json-body" -> "post 'https://example.com/hook'\nheader 'Content-Type', 'application/json'\n"
                    + "body template('escape.ftl')";
            case "text-body" -> "post 'https://example.com/hook'\nheader 'Content-Type', 'text/plain'\n"
                    + "body template('escape.ftl')";
            default -> throw new IllegalArgumentException("unknown kind: " + c.kind());
        };
        if (c.kind().endsWith("body")) {
            fixture.template("escape.ftl", c.template());
        }
        return fixture.file("escape.groovy", RenderFixture.webhook("escape", "Project:Updated", request));
    }

    private static String groovy(String text) {
        return text.replace("\\", "\\\\").replace("'", "\\'");
    }

    private static String rendered(Case c, RenderedRequest request) {
        return switch (c.kind()) {
            case "url" -> request.url();
            case "header" -> request.headerMap().get("X-Test");
            default -> request.body();
        };
    }

    @SuppressWarnings("unchecked")
    private static io.hookwright.event.Event event(Case c) throws IOException {
        Map<String, Object> event = EventJson.MAPPER.readValue(RenderFixture.EVENT_JSON, new TypeReference<>() {
        });
        Map<String, Object> entity = (Map<String, Object>) event.get("entity");
        if (c.settings().containsKey("key")) {
            entity.put("key", EventJson.MAPPER.readValue(c.settings().get("key"), String.class));
        }
        if (c.settings().containsKey("attributes")) {
            ((Map<String, Object>) entity.get("attributes")).putAll(
                    EventJson.MAPPER.readValue(c.settings().get("attributes"), new TypeReference<Map<String, Object>>() {
                    }));
        }
        return RenderFixture.event(EventJson.MAPPER.writeValueAsString(event));
    }

    private static String abbreviate(String text) {
        return text == null || text.length() < 200 ? text : text.substring(0, 200) + "… (" + text.length() + " chars)";
    }
}
