package io.hookwright.bench;

import io.hookwright.definitions.CompiledDefinitions;
import io.hookwright.definitions.DefinitionCompiler;
import io.hookwright.dsl.model.WebhookDefinition;
import io.hookwright.event.Event;
import io.hookwright.match.EventView;
import io.hookwright.match.Matcher;
import io.hookwright.render.Renderer;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the benchmarks run on, made once per fork: {@code definitions} webhooks written to a temporary folder and
 * compiled as the engine does ({@link DefinitionCompiler}), and the event stream (see {@link Workload}).
 *
 * <p>Compiling is the slow part of a run: about 20 ms per webhook on an idle 2-core machine, several times that on
 * a busy one (1000 webhooks: 20 s or more per fork, however they are spread over files), which is why the
 * benchmarks keep to one fork each.
 */
@State(Scope.Benchmark)
public class Loaded {
    @Param({"10", "1000"})
    public int definitions;

    CompiledDefinitions compiled;
    Matcher matcher;
    Event[] events;

    @Setup(Level.Trial)
    public void load() throws IOException {
        Path folder = Files.createTempDirectory("hookwright-bench-");
        try {
            Workload.writeDefinitions(folder, definitions);
            long start = System.nanoTime();
            DefinitionCompiler.Compilation compilation = new DefinitionCompiler().compile(folder);
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (!compilation.valid()) {
                throw new IllegalStateException("the generated definitions do not compile: "
                        + compilation.errors().subList(0, Math.min(5, compilation.errors().size())));
            }
            compiled = compilation.definitions();
            matcher = compiled.matcher();
            events = Workload.events();
            describe(millis);
        } finally {
            delete(folder);
        }
    }

    /** Says once per fork what the stream does with these definitions, so that the figures can be read. */
    private void describe(long compileMillis) {
        int listeners = 0;
        int matches = 0;
        long bodyChars = 0;
        for (Event event : events) {
            listeners += matcher.listening(event.type()).size();
            List<WebhookDefinition> matched = matcher.matching(new EventView(event));
            matches += matched.size();
            Renderer renderer = new Renderer(event);
            for (WebhookDefinition webhook : matched) {
                bodyChars += renderer.render(compiled.compiled(webhook.code())).body().length();
            }
        }
        System.out.printf("%n[workload] %d webhooks compiled in %,d ms; %d events: %.2f listeners/event, "
                        + "%.2f matches/event (%.0f%% of listeners fire), %.0f body chars/match%n",
                compiled.size(), compileMillis, events.length, (double) listeners / events.length,
                (double) matches / events.length, listeners == 0 ? 0 : 100.0 * matches / listeners,
                matches == 0 ? 0 : (double) bodyChars / matches);
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
