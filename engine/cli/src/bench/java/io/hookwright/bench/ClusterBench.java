package io.hookwright.bench;

import io.hookwright.delivery.DeliverySettings;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cluster benchmark: durable async delivery end to end and draining, by one engine on SQLite in the host's JVM,
 * one {@code hookwright serve} node on PostgreSQL and three, each against the loopback ceiling of the delivery
 * benchmark, all in one run against one in-process {@link Receiver}; prints each measure, then a table.
 * {@code java -cp hookwright-bench.jar io.hookwright.bench.ClusterBench [EVENTS [DELAY_MS]] [--pg-url JDBC_URL]};
 * without {@code --pg-url} (or {@code HOOKWRIGHT_TEST_PG_URL}), PostgreSQL runs from the binaries in the jar.
 */
public final class ClusterBench {
    static final int EVENTS = 20_000;
    static final int WARM_UP = 2_000;
    static final int EVENTS_PER_TRANSACTION = DeliveryBench.EVENTS_PER_TRANSACTION;
    /** Kept so the level set on it holds. */
    private static final Logger JOOQ_LOG = Logger.getLogger("org.jooq");

    private record Row(String measure, ClusterDelivery.Phase phase) {
    }

    private ClusterBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        String pgUrl = System.getenv("HOOKWRIGHT_TEST_PG_URL");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--pg-url") && i + 1 < args.length) {
                pgUrl = args[++i];
            } else {
                positional.add(args[i]);
            }
        }
        int events = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : EVENTS;
        int delayMillis = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 0;
        int concurrency = DeliverySettings.DEFAULT_PER_HOST_CONCURRENCY;
        JOOQ_LOG.setLevel(Level.WARNING);
        System.out.printf("%,d events (after %,d to warm up), in transactions of %d end to end and in one to drain; "
                        + "%d requests in flight per node; receiver answers in %d ms + its own time; %d cores; "
                        + "Java %s%n", events, WARM_UP, EVENTS_PER_TRANSACTION, concurrency, delayMillis,
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        try (Receiver receiver = new Receiver(delayMillis); BenchPostgres postgres = BenchPostgres.start(pgUrl)) {
            System.out.println(postgres.describe());
            // This JVM's side (client, receiver) warmed up as in the delivery benchmark's first round.
            LoopbackCeiling.run(receiver, "bare-warm", AsyncDelivery.WEBHOOK, events, concurrency);
            LoopbackCeiling.Result ceiling = LoopbackCeiling.run(receiver, "bare", AsyncDelivery.WEBHOOK, events,
                    concurrency);
            System.out.printf("(1) loopback ceiling: %,.0f req/s, %,.0f µs CPU each%n", ceiling.perSecond(),
                    ceiling.cpuMicros());
            ClusterDelivery.Result sqlite = ClusterDelivery.sqlite(receiver, "sqlite", WARM_UP, events,
                    EVENTS_PER_TRANSACTION);
            print("SQLite, 1 node in the host's JVM", sqlite);
            ClusterDelivery.Result one = ClusterDelivery.postgres(receiver, postgres, 1, "pg1", WARM_UP, events,
                    EVENTS_PER_TRANSACTION);
            print("PostgreSQL, 1 serve node", one);
            ClusterDelivery.Result three = ClusterDelivery.postgres(receiver, postgres, 3, "pg3", WARM_UP, events,
                    EVENTS_PER_TRANSACTION);
            print("PostgreSQL, 3 serve nodes", three);
            table(ceiling, List.of(
                    new Row("(2) SQLite, 1 node in the host's JVM, end to end", sqlite.endToEnd()),
                    new Row("(3) PostgreSQL, 1 serve node, end to end", one.endToEnd()),
                    new Row("(4) PostgreSQL, 3 serve nodes, end to end", three.endToEnd()),
                    new Row("(2d) SQLite, 1 node in the host's JVM, draining", sqlite.drain()),
                    new Row("(3d) PostgreSQL, 1 serve node, draining", one.drain()),
                    new Row("(4d) PostgreSQL, 3 serve nodes, draining", three.drain())));
        }
    }

    private static void print(String setup, ClusterDelivery.Result result) {
        print(setup + ", end to end", result.endToEnd());
        print(setup + ", draining", result.drain());
        System.out.println("  succeeded runs per node (warm-up included): " + result.succeededByNode());
    }

    private static void print(String measure, ClusterDelivery.Phase phase) {
        System.out.printf("%s: %,.0f deliveries/s, CPU per delivery %s µs, queued in %s%s%n", measure,
                phase.perSecond(), cpu(phase), queueing(phase),
                phase.latency() == null ? "" : String.format(", commit to arrival p50 %,.0f p99 %,.0f ms",
                        phase.latency().p50(), phase.latency().p99()));
    }

    /** How long the host took to queue everything, and how many had arrived by then. */
    private static String queueing(ClusterDelivery.Phase phase) {
        return String.format("%.1f s (%,d delivered by then)", phase.queueing().toMillis() / 1e3,
                phase.deliveredWhileQueueing());
    }

    /** This JVM + the nodes + PostgreSQL = the total. */
    private static String cpu(ClusterDelivery.Phase phase) {
        return String.format("%,.0f + %,.0f + %s = %,.0f", phase.hostCpuMicros(), phase.nodesCpuMicros(),
                phase.postgresCpuMicros() < 0 ? "?" : String.format("%,.0f", phase.postgresCpuMicros()),
                phase.totalCpuMicros());
    }

    private static void table(LoopbackCeiling.Result ceiling, List<Row> rows) {
        System.out.println();
        System.out.println("| measure | deliveries/s | ratio to (1) | CPU per delivery (µs): this JVM + nodes + "
                + "PostgreSQL = total | host queued all in | commit to arrival p50 / p99 (ms) |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        System.out.printf("| (1) loopback ceiling, bare HttpClient (req/s) | %,.0f | 1.00 | %,.0f | | |%n",
                ceiling.perSecond(), ceiling.cpuMicros());
        for (Row row : rows) {
            ClusterDelivery.Phase phase = row.phase();
            System.out.printf("| %s | %,.0f | %.2f | %s | %s | %s |%n", row.measure(), phase.perSecond(),
                    phase.perSecond() / ceiling.perSecond(), cpu(phase), queueing(phase), phase.latency() == null
                            ? "" : String.format("%,.0f / %,.0f", phase.latency().p50(), phase.latency().p99()));
        }
    }
}
