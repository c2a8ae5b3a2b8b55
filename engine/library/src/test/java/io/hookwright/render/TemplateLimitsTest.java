package io.hookwright.render;

import io.hookwright.definitions.CompiledDefinitions;
import io.hookwright.dryrun.DryRun;
import io.hookwright.dryrun.WebhookOutcome;
import io.hookwright.dsl.model.DefinitionError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rendering's limits hold exactly and leave nothing behind: the time limit stops a loop, the output limit admits a
 * body of exactly its size and refuses one byte more, a stopped render leaves the calling thread uninterrupted and
 * able to render again, and templates that nest too deeply or are too large fail to compile with a clear error.
 */
class TemplateLimitsTest {
    /** Generous for a loaded machine; a hang would take minutes. */
    private static final Duration SLACK = Duration.ofSeconds(20);

    @TempDir
    Path root;

    private CompiledWebhook webhook(String template) {
        return definitions(template).compiled("limited");
    }

    private CompiledDefinitions definitions(String template) {
        return new RenderFixture(root)
                .template("limited.ftl", template)
                .file("limited.groovy", RenderFixture.webhook("limited", "Project:Updated", """
                        post 'https://example.com/hook'
                        body template('limited.ftl')
                        """))
                .compileValid();
    }

    private List<DefinitionError> errors(String template) {
        return new RenderFixture(root)
                .template("limited.ftl", template)
                .file("limited.groovy", RenderFixture.webhook("limited", "Project:Updated", """
                        post 'https://example.com/hook'
                        body template('limited.ftl')
                        """))
                .compileErrors();
    }

    private static RenderLimits limits(Duration time, long allocation) {
        return new RenderLimits(time, allocation, RenderLimits.BODY_BYTES, RenderLimits.LINE_CHARS);
    }

    @Test
    void aLoopStopsAtTheTimeLimit() {
        CompiledWebhook endless = webhook("<#list 1..2147483647 as i></#list>");
        long start = System.nanoTime();
        RenderException error = assertThrows(RenderException.class,
                () -> new Renderer(RenderFixture.event(), limits(Duration.ofMillis(300), Long.MAX_VALUE)).render(endless));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(error.getMessage().contains("took longer than 300 ms to render, the render time limit"), error.getMessage());
        assertTrue(error.getMessage().startsWith("templates/limited.ftl:1:1: body of limited"), error.getMessage());
        assertTrue(took.compareTo(Duration.ofMillis(300)) >= 0 && took.compareTo(SLACK) < 0, "took " + took);
    }

    @Test
    void growingTextStopsAtTheMemoryLimit() {
        CompiledWebhook doubling = webhook("<#assign s = 'x'><#list 1..64 as i><#assign s = s + s></#list>${s?length}");
        RenderException error = assertThrows(RenderException.class,
                () -> new Renderer(RenderFixture.event(), limits(SLACK, 16L << 20)).render(doubling));
        assertTrue(error.getMessage().contains("allocated more than 16 MiB while rendering, the render memory limit"),
                error.getMessage());
    }

    @Test
    void aStoppedRenderLeavesTheThreadUninterruptedAndReadyForTheNext() {
        CompiledWebhook endless = webhook("<#list 1..2147483647 as i></#list>");
        Renderer renderer = new Renderer(RenderFixture.event(), limits(Duration.ofMillis(100), Long.MAX_VALUE));
        for (int i = 0; i < 3; i++) {
            assertThrows(RenderException.class, () -> renderer.render(endless));
            assertFalse(Thread.currentThread().isInterrupted(), "the caller's thread was left interrupted");
        }
        CompiledWebhook fine = new RenderFixture(root.resolve("next"))
                .template("fine.ftl", "<#list 1..3 as i>${i}</#list>")
                .file("fine.groovy", RenderFixture.webhook("fine", "Project:Updated", """
                        post 'https://example.com/hook'
                        body template('fine.ftl')
                        """))
                .compileValid().compiled("fine");
        assertEquals("123", renderer.render(fine).body());
    }

    @Test
    void aBodyOfExactlyTheLimitRendersAndOneByteMoreDoesNot() {
        String exact = new Renderer(RenderFixture.event()).render(webhook("${''?left_pad(1048576, 'x')}")).body();
        assertEquals(RenderLimits.BODY_BYTES, exact.length());
        RenderException over = assertThrows(RenderException.class,
                () -> new Renderer(RenderFixture.event()).render(webhook("${''?left_pad(1048576, 'x')}y")));
        assertEquals("templates/limited.ftl:1:1: body of limited renders more than 1048576 bytes, the largest body a "
                + "request may have", over.getMessage());
    }

    @Test
    void theBodyLimitCountsUtf8Bytes() {
        assertEquals(RenderLimits.BODY_BYTES / 2, new Renderer(RenderFixture.event())
                .render(webhook("${''?left_pad(524288, 'é')}")).body().length());
        assertThrows(RenderException.class,
                () -> new Renderer(RenderFixture.event()).render(webhook("${''?left_pad(524288, 'é')}x")));
    }

    @Test
    void outputWrittenPieceByPieceStopsAtTheLimit() {
        CompiledWebhook loop = webhook("<#list 1..2147483647 as i>0123456789</#list>");
        RenderException error = assertThrows(RenderException.class, () -> new Renderer(RenderFixture.event()).render(loop));
        assertTrue(error.getMessage().contains("renders more than 1048576 bytes"), error.getMessage());
    }

    @Test
    void macroRecursionIsARenderErrorOnASmallStackToo() throws Exception {
        CompiledWebhook recursive = webhook("<#macro m n>${n}<@m n=n+1/></#macro><@m n=1/>");
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread small = new Thread(null, () -> {
            try {
                new Renderer(RenderFixture.event()).render(recursive);
            } catch (Throwable e) {
                outcome.set(e);
            }
        }, "small-stack", 256 * 1024);
        small.start();
        small.join(SLACK.toMillis());
        assertTrue(outcome.get() instanceof RenderException, String.valueOf(outcome.get()));
        assertTrue(outcome.get().getMessage().contains("nests calls too deeply"), outcome.get().getMessage());
    }

    @Test
    void dryRunShowsALimitAsTheWebhooksError() {
        CompiledDefinitions definitions = definitions("<#macro m><@m/></#macro><@m/>");
        WebhookOutcome outcome = new DryRun(definitions, Secrets.none()).run(RenderFixture.event()).webhooks().getFirst();
        assertTrue(outcome.matched());
        assertNull(outcome.request());
        assertTrue(outcome.error().contains("nests calls too deeply"), outcome.error());
    }

    @Test
    void tenThousandNestedIfsFailToCompileWithAClearError() {
        int depth = 10_000;
        String error = errors("<#if true>".repeat(depth) + "x" + "</#if>".repeat(depth)).getFirst().format();
        assertTrue(error.startsWith("templates/limited.ftl:1:"), error);
        assertTrue(error.contains("nests"), error);
    }

    @Test
    void nestingJustOverTheLimitNamesWhere() {
        int depth = TemplateChecks.MAX_DEPTH + 1;
        DefinitionError error = errors("<#if true>\n".repeat(depth) + "x" + "</#if>".repeat(depth)).getFirst();
        assertTrue(error.message().contains("nests more than " + TemplateChecks.MAX_DEPTH + " levels deep"), error.format());
        assertTrue(error.line() > 1, error.format());
    }

    @Test
    void ordinaryNestingCompiles() {
        int depth = 20;
        assertEquals("x", new Renderer(RenderFixture.event()).render(
                webhook("<#if true>".repeat(depth) + "x" + "</#if>".repeat(depth))).body());
    }

    @Test
    void longExpressionsFailToCompileWithAClearError() {
        for (String template : List.of("${" + "1+".repeat(20_000) + "1}", "${" + "(".repeat(10_000) + "1"
                + ")".repeat(10_000) + "}", "${json(" + "[".repeat(5_000) + "]".repeat(5_000) + ")}")) {
            String error = errors(template).getFirst().format();
            assertTrue(error.startsWith("templates/limited.ftl:1:"), error);
            assertTrue(error.contains("nests"), error);
        }
    }

    @Test
    void aHugeTemplateIsRefused() {
        String fromFile = errors("x".repeat(TemplateEngine.MAX_SOURCE_CHARS + 1)).getFirst().format();
        assertTrue(fromFile.contains("a file of a definitions folder may hold at most 256 KiB"), fromFile);
        io.hookwright.dsl.model.Template given = new io.hookwright.dsl.model.Template("huge.ftl",
                "x".repeat(TemplateEngine.MAX_SOURCE_CHARS + 1),
                io.hookwright.dsl.model.SourcePosition.of("huge.ftl"), false);
        String compiled = new TemplateEngine().compile(given, TemplateKind.TEXT_BODY).error().format();
        assertTrue(compiled.contains("more than the " + TemplateEngine.MAX_SOURCE_CHARS + " a template may have"),
                compiled);
    }
}
