package io.hookwright.bench;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** What {@link PeerBench} prints: each round as it ends, then the medians as a Markdown table. */
final class PeerTable {
    private PeerTable() {
    }

    static void print(String name, PeerBench.Round round) {
        StringBuilder line = new StringBuilder(String.format("%-8s", name));
        if (round.ceiling() != null) {
            line.append(String.format(" | (a) %,.0f req/s, %,.0f µs CPU", round.ceiling().perSecond(),
                    round.ceiling().cpuMicros()));
            line.append(String.format(" | (a') %,.0f req/s, %,.0f µs CPU", round.asyncCeiling().perSecond(),
                    round.asyncCeiling().cpuMicros()));
        }
        append(line, "(b)", round.peer());
        append(line, "(c)", round.async());
        if (round.serve() != null) {
            line.append(String.format(" | (d) %,.0f/s, µs CPU serve %,.0f + bench %,.0f, POST to arrival %s",
                    round.serve().perSecond(), round.serve().serveCpuMicros(), round.serve().benchCpuMicros(),
                    latency(round.serve().latency())));
        }
        if (round.unheard() != null) {
            line.append(String.format(" | (n) %,.0f events/s, serve %,.1f µs CPU each", round.unheard().perSecond(),
                    round.unheard().serveCpuMicros()));
        }
        System.out.println(line);
    }

    private static void append(StringBuilder line, String name, AsyncDelivery.Result result) {
        if (result != null) {
            line.append(String.format(" | %s %,.0f/s, %,.0f µs CPU, commit to arrival %s", name, result.perSecond(),
                    result.cpuMicros(), latency(result.latency())));
        }
    }

    static void print(SteadyLoad.Result steady) {
        System.out.printf("steady   | (e) %,.0f events/s posted, POST to arrival %s ms, %d lost, %d refused of %,d%s%n",
                steady.postedPerSecond(), latency(steady.latency()), steady.lost(), steady.refused(), steady.events(),
                steady.firstRefusal() == null ? "" : "; the first refused: " + steady.firstRefusal());
    }

    static void print(Backlog.Result queue) {
        System.out.printf("backlog  | (q) %,d events: %,d deliveries queued at most, taken at %,.0f/s, drained at %,.0f/s, "
                + "heap at most %,d MB of 512%n", queue.events(), queue.queued(), queue.takenPerSecond(),
                queue.drainedPerSecond(), queue.heapPeakMb());
    }

    private static String latency(Latency latency) {
        return String.format("%,.0f / %,.0f", latency.p50(), latency.p99());
    }

    static void table(List<PeerBench.Round> rounds, SteadyLoad.Result steady, Backlog.Result queue,
                      DefinitionsTimes.Result times) {
        System.out.println();
        System.out.println("Medians of " + rounds.size() + " rounds:");
        System.out.println();
        System.out.println("| measure | deliveries/s | ratio to (a) | CPU per delivery (µs) | to arrival p50 / p99 (ms) |");
        System.out.println("| --- | ---: | ---: | ---: | ---: |");
        double ceiling = median(rounds, r -> r.ceiling() == null ? Double.NaN : r.ceiling().perSecond());
        if (!Double.isNaN(ceiling)) {
            System.out.printf("| (a) loopback ceiling, bare HttpClient, %d in flight (req/s) | %,.0f | 1.00 | %,.0f | |%n",
                    PeerBench.CONCURRENCY, ceiling, median(rounds, r -> r.ceiling().cpuMicros()));
            double async = median(rounds, r -> r.asyncCeiling().perSecond());
            System.out.printf("| (a') the same with sendAsync from one thread, %d in flight (req/s) | %,.0f | %.2f | %,.0f | |%n",
                    PeerBench.CONCURRENCY, async, async / ceiling, median(rounds, r -> r.asyncCeiling().cpuMicros()));
        }
        delivery("(b) peer: JDBC outbox on SQLite, poller, end to end (from commit)", rounds, ceiling,
                PeerBench.Round::peer);
        delivery("(c) engine in-process, async durable, end to end (from commit)", rounds, ceiling,
                PeerBench.Round::async);
        if (!rounds.isEmpty() && rounds.stream().allMatch(r -> r.serve() != null)) {
            double perSecond = median(rounds, r -> r.serve().perSecond());
            System.out.printf("| (d) serve, POST /events arrays of %d, after-commit async (from POST) | %,.0f | %s "
                            + "| serve %,.0f + bench %,.0f | %,.0f / %,.0f |%n", PeerBench.PER_POST, perSecond,
                    ratio(perSecond, ceiling), median(rounds, r -> r.serve().serveCpuMicros()),
                    median(rounds, r -> r.serve().benchCpuMicros()), median(rounds, r -> r.serve().latency().p50()),
                    median(rounds, r -> r.serve().latency().p99()));
        }
        if (!rounds.isEmpty() && rounds.stream().allMatch(r -> r.peer() != null)) {
            ratio("(d) serve / (b) peer", rounds, r -> r.serve() == null ? Double.NaN : r.serve().perSecond());
            ratio("(c) in-process / (b) peer", rounds, r -> r.async() == null ? Double.NaN : r.async().perSecond());
        }
        if (!rounds.isEmpty() && rounds.stream().allMatch(r -> r.unheard() != null)) {
            System.out.printf("| (n) serve, an event no webhook hears, arrays of %d (events/s; serve CPU µs per event) "
                            + "| %,.0f | | %,.1f | |%n", PeerBench.PER_POST, median(rounds, r -> r.unheard().perSecond()),
                    median(rounds, r -> r.unheard().serveCpuMicros()));
        }
        if (steady != null) {
            System.out.printf("| (e) serve, steady 1,000 events/s as 10 per POST for 20 s: %d lost, %d refused of %,d "
                            + "| %,.0f posted | | | %,.0f / %,.0f |%n", steady.lost(), steady.refused(), steady.events(),
                    steady.postedPerSecond(), steady.latency().p50(), steady.latency().p99());
        }
        if (queue != null) {
            System.out.printf("| (q) serve under -Xmx512m, %,d deliveries queued (receiver slow, then fast), all delivered; "
                            + "heap at most %,d MB | %,.0f drained | %s | | |%n", queue.queued(), queue.heapPeakMb(),
                    queue.drainedPerSecond(), ratio(queue.drainedPerSecond(), ceiling));
        }
        if (times != null) {
            System.out.println();
            System.out.printf("| %,d definitions, %s | seconds |%n| --- | ---: |%n", times.definitions(),
                    DefinitionsTimes.HEAP);
            System.out.printf("| (f) validate, cold JVM to exit | %.1f |%n", times.validate().toMillis() / 1e3);
            System.out.printf("| (f) serve, JVM start to /health 200 | %.1f |%n", times.serveReady().toMillis() / 1e3);
            System.out.printf("| (f) POST /admin/reload after one changed file (median of %d) | %.1f |%n",
                    DefinitionsTimes.RELOADS, times.reload().toMillis() / 1e3);
        }
    }

    private static void delivery(String name, List<PeerBench.Round> rounds, double ceiling,
                                 Function<PeerBench.Round, AsyncDelivery.Result> measure) {
        if (rounds.isEmpty() || rounds.stream().anyMatch(r -> measure.apply(r) == null)) {
            return;
        }
        double perSecond = median(rounds, r -> measure.apply(r).perSecond());
        System.out.printf("| %s | %,.0f | %s | %,.0f | %,.0f / %,.0f |%n", name, perSecond, ratio(perSecond, ceiling),
                median(rounds, r -> measure.apply(r).cpuMicros()), median(rounds, r -> measure.apply(r).latency().p50()),
                median(rounds, r -> measure.apply(r).latency().p99()));
    }

    /** Blank when the ceiling was not measured. */
    private static String ratio(double rate, double ceiling) {
        return Double.isNaN(ceiling) ? "" : String.format("%.2f", rate / ceiling);
    }

    /** The median over rounds of this rate over the peer's in the same round. */
    private static void ratio(String name, List<PeerBench.Round> rounds, ToDoubleFunction<PeerBench.Round> rate) {
        double ratio = median(rounds, r -> rate.applyAsDouble(r) / r.peer().perSecond());
        if (!Double.isNaN(ratio)) {
            System.out.printf("| %s | | %.2f | | |%n", name, ratio);
        }
    }

    static double median(List<PeerBench.Round> rounds, ToDoubleFunction<PeerBench.Round> measure) {
        if (rounds.isEmpty()) {
            return Double.NaN;
        }
        double[] values = rounds.stream().mapToDouble(measure).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }
}
