package io.hookwright.bench;

import io.hookwright.event.Event;
import io.hookwright.match.EventView;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * {@link io.hookwright.match.Matcher#matching} alone, in events per second, to tell matching's share of
 * {@link MatchRenderBenchmark#matchAndRender} from rendering's. Kept out of {@link BenchMain}'s default run (each
 * fork at 1000 webhooks spends tens of seconds compiling them): run it by name, {@code MatchOnly}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 3, time = 3)
public class MatchOnlyBenchmark {
    @Benchmark
    @OperationsPerInvocation(Workload.EVENTS)
    public void matchOnly(Loaded loaded, Blackhole hole) {
        for (Event event : loaded.events) {
            hole.consume(loaded.matcher.matching(new EventView(event)));
        }
    }
}
