package io.hookwright.dsl.load;

import io.hookwright.dsl.model.DefinitionError;
import io.hookwright.dsl.model.EventPredicate;
import io.hookwright.dsl.model.EventPredicate.PredicateFailure;
import io.hookwright.dsl.model.WebhookDefinition;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.hookwright.dsl.load.Definitions.format;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every file under {@code escapes/} tries to get out of the sandbox. Each must be refused when validated or, if
 * it loads, its {@code where} closures must fail safely; nothing may run, and the loader must keep working.
 *
 * <p>A file's first line may say what must happen: {@code // expect: text} (an error holding the text) or
 * {@code // where-failure: text} (the file loads and every where closure fails with the text). Whatever happens,
 * the work must have stopped shortly after: no where worker or loading thread is left running. The text
 * {@code @MARKER@} in a file is replaced by a path that an escape would create.
 */
@Tag("slow")
class SandboxEscapeTest {
    private static final Duration WHERE_LIMIT = Duration.ofMillis(500);
    private static final Duration FILE_LIMIT = Duration.ofSeconds(1);
    private static final DefinitionLoader LOADER = new DefinitionLoader(WHERE_LIMIT, FILE_LIMIT);
    private static final String EXPECT = "// expect:";
    private static final String WHERE_FAILURE = "// where-failure:";

    /** Slack for a loaded machine: a limit must cut in at about its time, not to the millisecond. */
    private static final Duration SLACK = Duration.ofSeconds(3);
    /** How soon after failing its limit the work must have stopped: generous, for a loaded machine. */
    private static final Duration STOPPED_WITHIN = Duration.ofSeconds(5);

    /** The first load pays for starting Groovy's compiler; pay it before any limit is measured. */
    @BeforeAll
    static void warmUp(@TempDir Path dir) {
        new Definitions(dir.resolve("cold")).file("a.groovy", "webhook('a') { on 'A:B'; request { get 'https://x' } }")
                .load(new DefinitionLoader());
        aGoodDefinitionStillLoads(dir.resolve("warm"));
    }

    static Stream<String> escapes() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(corpus())) {
            // -Dhookwright.escapes=<regex> runs only the files whose names match, while working on a few
            String only = System.getProperty("hookwright.escapes", ".*");
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".groovy"))
                    .filter(n -> n.matches(only)).sorted().toList().stream();
        }
    }

    private static Path corpus() throws URISyntaxException {
        return Path.of(SandboxEscapeTest.class.getResource("/escapes").toURI());
    }

    @Test
    void theCorpusHoldsAtLeastAHundredAttempts() throws Exception {
        try (Stream<Path> files = Files.list(corpus())) {
            assertTrue(files.filter(p -> p.toString().endsWith(".groovy")).count() >= 100);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    void isContained(String name, @TempDir Path dir) throws Exception {
        String source = Files.readString(Path.of(getClass().getResource("/escapes/" + name).toURI()),
                StandardCharsets.UTF_8);
        Path marker = dir.resolve("escaped.marker");
        Path definitions = Files.createDirectories(dir.resolve("webhooks"));
        Files.writeString(definitions.resolve(name), source.replace("@MARKER@", marker.toString()));
        Map<String, Object> event = Definitions.event(Map.of("Budget", 100, "Status", "Done"),
                Map.of("Budget", 50, "Status", "Open"));
        String firstLine = source.lines().findFirst().orElse("");

        long started = System.nanoTime();
        LoadResult result = LOADER.load(definitions);
        Duration loading = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(loading.compareTo(FILE_LIMIT.plus(SLACK)) < 0, "loading took " + loading);

        if (!result.valid()) {
            assertTrue(result.ruleSet().webhooks().isEmpty(), "a file with errors must give no webhook");
            if (firstLine.startsWith(EXPECT)) {
                String expected = firstLine.substring(EXPECT.length()).trim();
                assertTrue(result.errors().stream().anyMatch(e -> e.message().contains(expected)),
                        () -> "expected an error mentioning \"" + expected + "\", got:\n" + format(result.errors()));
            }
            result.errors().forEach(e -> {
                assertEquals(name, e.file());
                assertTrue(e.line() >= 1 && e.column() >= 1, e::format);
            });
            assertFalse(firstLine.startsWith(WHERE_FAILURE), () -> "expected to load, got:\n" + format(result.errors()));
        } else {
            assertFalse(firstLine.startsWith(EXPECT), () -> "loaded, but " + firstLine);
            List<EventPredicate> wheres = result.ruleSet().webhooks().stream()
                    .flatMap(w -> Definitions.wheres(w).stream()).toList();
            if (wheres.isEmpty()) {
                fail("loaded without errors and without a where closure to contain it: " + result.ruleSet());
            }
            for (EventPredicate where : wheres) {
                long start = System.nanoTime();
                Throwable thrown = assertThrows(Throwable.class, () -> where.test(event));
                // the engine's contract: a where closure fails with a PredicateFailure, never an Error or other
                PredicateFailure failure = assertInstanceOf(PredicateFailure.class, thrown);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertTrue(took.compareTo(WHERE_LIMIT.plus(SLACK)) < 0, "the where closure took " + took);
                if (firstLine.startsWith(WHERE_FAILURE)) {
                    String expected = firstLine.substring(WHERE_FAILURE.length()).trim();
                    assertTrue(failure.getMessage().contains(expected), failure::getMessage);
                }
            }
        }

        SandboxThreads.assertNoneBusy(STOPPED_WITHIN);
        assertFalse(Files.exists(marker), "the escape created " + marker);
        assertEquals(Map.of("Budget", 100, "Status", "Done"), event.get("attributes"), "the event was changed");
        assertEquals("ABC", InvokerHelper.invokeMethod("abc", "toUpperCase", null), "String's metaclass was changed");
        aGoodDefinitionStillLoads(dir.resolve("good"));
    }

    @Test
    void aTemplateLinkCannotReadAFileOutsideTheTemplatesFolder(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "the secret");
        Path definitions = Files.createDirectories(dir.resolve("webhooks"));
        Files.createDirectories(definitions.resolve("templates"));
        Files.createSymbolicLink(definitions.resolve("templates/body.ftl"), secret);
        Files.writeString(definitions.resolve("hook.groovy"), """
                webhook('hook') {
                    on 'Project:Created'
                    request {
                        post 'https://example.com/hook'
                        body template('body.ftl')
                    }
                }
                """);
        LoadResult result = LOADER.load(definitions);
        Definitions.assertError(result, "hook.groovy", 5, 24, "template 'body.ftl' cannot be used",
                "templates/body.ftl is a symbolic link");
        Definitions.assertError(result, "templates/body.ftl", 1, 1, "symbolic link");
        assertTrue(result.ruleSet().webhooks().isEmpty());
        assertFalse(Definitions.format(result.errors()).contains("the secret"));
    }

    @Test
    void aTemplatesFolderLinkedElsewhereIsRefused(@TempDir Path dir) throws IOException {
        Path shared = Files.createDirectories(dir.resolve("shared-templates"));
        Files.writeString(shared.resolve("body.ftl"), "{}");
        Path definitions = Files.createDirectories(dir.resolve("webhooks"));
        Files.createSymbolicLink(definitions.resolve("templates"), shared);
        Files.writeString(definitions.resolve("hook.groovy"), """
                webhook('hook') {
                    on 'Project:Created'
                    request {
                        post 'https://example.com/hook'
                        body template('body.ftl')
                    }
                }
                """);
        LoadResult result = LOADER.load(definitions);
        Definitions.assertError(result, "templates", 1, 1, "is a symbolic link");
        Definitions.assertError(result, "hook.groovy", 5, 24, "template 'body.ftl' cannot be used",
                "templates is a symbolic link");
        assertTrue(result.ruleSet().webhooks().isEmpty());
    }

    @Test
    void aDefinitionLinkCannotReadAFileOutsideTheFolder(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "root:x:0:0:the secret");
        Path definitions = Files.createDirectories(dir.resolve("webhooks"));
        Files.createSymbolicLink(definitions.resolve("secret.groovy"), secret);
        LoadResult result = LOADER.load(definitions);
        DefinitionError error = Definitions.single(result);
        assertEquals("secret.groovy", error.file());
        assertTrue(error.message().contains("is a symbolic link"), error.message());
        assertFalse(error.message().contains("secret"), error.message().replace("secret.groovy", ""));
    }

    private static void aGoodDefinitionStillLoads(Path folder) {
        LoadResult good = new Definitions(folder).file("good.groovy", """
                webhook('good') {
                    on 'Project:Updated'
                    filter {
                        field('Budget') > 10
                        where { e -> e.attributes.Budget > e.before.Budget }
                    }
                    request { post 'https://example.com/${entity.id}' }
                }
                """).load(LOADER);
        assertTrue(good.valid(), () -> format(good.errors()));
        WebhookDefinition webhook = good.ruleSet().find("good").orElseThrow();
        EventPredicate where = Definitions.wheres(webhook).get(0);
        assertTrue(where.test(Definitions.event(Map.of("Budget", 20), Map.of("Budget", 10))));
        assertFalse(where.test(Definitions.event(Map.of("Budget", 5), Map.of("Budget", 10))));
    }
}
