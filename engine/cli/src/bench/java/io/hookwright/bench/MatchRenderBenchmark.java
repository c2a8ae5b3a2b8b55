package io.hookwright.bench;

import io.hookwright.dsl.model.WebhookDefinition;
import io.hookwright.event.Event;
import io.hookwright.match.EventView;
import io.hookwright.match.Matcher;
import io.hookwright.match.Verdict;
import io.hookwright.render.Renderer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throughput of the engine's per-event work, in events per second: each invocation runs the whole stream of
 * {@link Workload#EVENTS} events, and each event is one operation ({@code ops/s} = events/s).
 *
 * <ul>
 *   <li>{@code matchAndRender}: {@link Matcher#matching} (the fast path), then every match rendered. The
 *       {@link Renderer} (whose constructor builds the event's data model) is made only when something matched,
 *       as a dispatcher would.</li>
 *   <li>{@code judgeAndRender}: {@link Matcher#judge}, every listener judged and explained in full as dry-run
 *       does, then every match rendered.</li>
 * </ul>
 *
 * {@code definitions} is the number of webhooks; see {@link Workload} for how they spread over event types, and
 * {@link MatchOnlyBenchmark} for matching alone.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 3, time = 3)
public class MatchRenderBenchmark {
    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public void matchAndRender(Loaded loaded, Blackhole hole) {
        for (Event event : loaded.events) {
            List<WebhookDefinition> matched = loaded.matcher.matching(new EventView(event));
            if (!matched.isEmpty()) {
                Renderer renderer = new Renderer(event);
                for (WebhookDefinition webhook : matched) {
                    hole.consume(renderer.render(loaded.compiled.compiled(webhook.code())));
                }
            }
            hole.consume(matched);
        }
    }

    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public void judgeAndRender(Loaded loaded, Blackhole hole) {
        for (Event event : loaded.events) {
            List<Verdict> verdicts = loaded.matcher.judge(new EventView(event));
            Renderer renderer = null;
            for (Verdict verdict : verdicts) {
                if (verdict.matched()) {
                    if (renderer == null) {
                        renderer = new Renderer(event);
                    }
                    hole.consume(renderer.render(loaded.compiled.compiled(verdict.webhook().code())));
                }
            }
            hole.consume(verdicts);
        }
    }
}
