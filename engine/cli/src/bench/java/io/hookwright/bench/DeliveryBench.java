package io.hookwright.bench;

import io.hookwright.delivery.DeliverySettings;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The delivery benchmark: a warm-up round, then {@value #ROUNDS} measured rounds, each measuring the loopback ceiling
 * ({@link LoopbackCeiling}), durable async delivery ({@link AsyncDelivery}) and the sync-inside overhead
 * ({@link SyncInsideOverhead}) against one in-process {@link Receiver}; prints every round and the medians.
 * {@code java -cp hookwright-bench.jar io.hookwright.bench.DeliveryBench [EVENTS [SYNC_TRANSACTIONS [DELAY_MS]]]},
 * where {@code DELAY_MS} makes the receiver take that long over each answer, as a distant endpoint would.
 */
public final class DeliveryBench {
    static final int ROUNDS = 3;
    static final int EVENTS = 20_000;
    static final int EVENTS_PER_TRANSACTION = 100;
    static final int SYNC_TRANSACTIONS = 2_000;
    /** Kept so the level set on it holds. */
    private static final Logger JOOQ_LOG = Logger.getLogger("org.jooq");

    private record Round(LoopbackCeiling.Result ceiling, AsyncDelivery.Result async, SyncInsideOverhead.Result sync) {
        double ratio() {
            return async.perSecond() / ceiling.perSecond();
        }

        /** What the ratio would be if CPU alone set the pace of both. */
        double cpuRatio() {
            return ceiling.cpuMicros() / async.cpuMicros();
        }
    }

    private DeliveryBench() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : EVENTS;
        int syncTransactions = args.length > 1 ? Integer.parseInt(args[1]) : SYNC_TRANSACTIONS;
        int delayMillis = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        int concurrency = DeliverySettings.DEFAULT_PER_HOST_CONCURRENCY;
        JOOQ_LOG.setLevel(Level.WARNING);
        System.out.printf("%,d events in transactions of %d; %,d sync-inside transactions; %d requests in flight; "
                        + "receiver answers in %d ms + its own time; %d cores; Java %s%n", events,
                EVENTS_PER_TRANSACTION, syncTransactions, concurrency, delayMillis,
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        List<Round> measured = new ArrayList<>();
        try (Receiver receiver = new Receiver(delayMillis)) {
            for (int r = 0; r <= ROUNDS; r++) {
                String run = "r" + r;
                Round round = new Round(LoopbackCeiling.run(receiver, "bare-" + run, AsyncDelivery.WEBHOOK, events,
                        concurrency),
                        AsyncDelivery.run(receiver, run, events, EVENTS_PER_TRANSACTION),
                        SyncInsideOverhead.run(receiver, run, syncTransactions));
                print(r == 0 ? "warm-up" : "round " + r, round);
                if (r > 0) {
                    measured.add(round);
                }
            }
        }
        table(measured);
    }

    private static void print(String name, Round round) {
        var async = round.async();
        var sync = round.sync();
        System.out.printf("%-8s (1) %,6.0f req/s, %,4.0f µs CPU each | (2) %,6.0f deliveries/s, %,4.0f µs CPU each, "
                        + "queued in %,d ms, %,d delivered by then, commit to arrival p50 %,.0f p99 %,.0f ms | "
                        + "(2)/(1) %.2f, CPU %.2f%n",
                name, round.ceiling().perSecond(), round.ceiling().cpuMicros(), async.perSecond(), async.cpuMicros(),
                async.queueing().toMillis(), async.deliveredWhileQueueing(), async.latency().p50(),
                async.latency().p99(), round.ratio(), round.cpuRatio());
        System.out.printf("%-8s (3) sync-inside transaction p50 %.2f p99 %.2f ms | bare request p50 %.2f p99 %.2f ms | "
                        + "host transaction alone p50 %.2f p99 %.2f ms%n", "", sync.transaction().p50(),
                sync.transaction().p99(), sync.bare().p50(), sync.bare().p99(), sync.hostOnly().p50(),
                sync.hostOnly().p99());
    }

    private static void table(List<Round> rounds) {
        System.out.println();
        System.out.println("Median of " + rounds.size() + " rounds:");
        System.out.println();
        System.out.println("| measure | value or p50 | p99 |");
        System.out.println("| --- | ---: | ---: |");
        row("(1) loopback ceiling, bare HttpClient (req/s)", median(rounds, r -> r.ceiling().perSecond()), "%,.0f");
        row("(2) async durable delivery, end to end (deliveries/s)", median(rounds, r -> r.async().perSecond()),
                "%,.0f");
        row("(2) / (1)", median(rounds, Round::ratio), "%.2f");
        row("CPU per request, (1) (µs)", median(rounds, r -> r.ceiling().cpuMicros()), "%,.0f");
        row("CPU per delivery, (2) (µs)", median(rounds, r -> r.async().cpuMicros()), "%,.0f");
        row("CPU (1) / CPU (2): the ratio if CPU alone set the pace", median(rounds, Round::cpuRatio), "%.2f");
        row("host queueing all events (ms)", median(rounds, r -> r.async().queueing().toMillis()), "%,.0f");
        row("delivered while the host was queueing", median(rounds, r -> r.async().deliveredWhileQueueing()),
                "%,.0f");
        row("(2) host commit to arrival (ms)", median(rounds, r -> r.async().latency().p50()),
                median(rounds, r -> r.async().latency().p99()), "%,.0f");
        row("(3) host transaction with a sync-inside webhook (ms)", median(rounds, r -> r.sync().transaction().p50()),
                median(rounds, r -> r.sync().transaction().p99()), "%.2f");
        row("bare request (ms)", median(rounds, r -> r.sync().bare().p50()), median(rounds, r -> r.sync().bare().p99()),
                "%.2f");
        row("host transaction alone (ms)", median(rounds, r -> r.sync().hostOnly().p50()),
                median(rounds, r -> r.sync().hostOnly().p99()), "%.2f");
        row("(3) sync-inside overhead: transaction − bare request (ms)",
                median(rounds, r -> r.sync().transaction().p50() - r.sync().bare().p50()),
                median(rounds, r -> r.sync().transaction().p99() - r.sync().bare().p99()), "%.2f");
    }

    private static void row(String name, double value, String format) {
        System.out.printf("| %s | %s | |%n", name, String.format(format, value));
    }

    private static void row(String name, double p50, double p99, String format) {
        System.out.printf("| %s | %s | %s |%n", name, String.format(format, p50), String.format(format, p99));
    }

    private static double median(List<Round> rounds, ToDoubleFunction<Round> measure) {
        double[] values = rounds.stream().mapToDouble(measure).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }
}
