package io.hookwright.bench;

import io.hookwright.delivery.DeliverySettings;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What keeping an order per key costs: durable async delivery ({@link AsyncDelivery}) of the same events with and
 * without {@code orderedBy}, the events spread over {@value #KEYS} keys (event {@code i} is of key {@code i % KEYS}),
 * in alternating rounds after a warm-up of each; prints every round and the median ratio ordered / unordered.
 * {@code java -cp hookwright-bench.jar io.hookwright.bench.OrderedBench [EVENTS [KEYS [ROUNDS]]]}.
 */
public final class OrderedBench {
    static final int EVENTS = 20_000;
    static final int KEYS = 1_000;
    static final int ROUNDS = 3;
    static final String UNORDERED = "synchronous false\ntransaction 'inside'";
    /** Kept so the level set on it holds. */
    private static final Logger JOOQ_LOG = Logger.getLogger("org.jooq");

    private OrderedBench() {
    }

    static String ordered(int keys) {
        // The entity ids are p-0, p-1, …: the key is the id's number modulo KEYS.
        return UNORDERED + "\norderedBy '${(entity.id?keep_after(\"p-\")?number % " + keys + ")?c}'";
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : EVENTS;
        int keys = args.length > 1 ? Integer.parseInt(args[1]) : KEYS;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : ROUNDS;
        int concurrency = DeliverySettings.DEFAULT_PER_HOST_CONCURRENCY;
        JOOQ_LOG.setLevel(Level.WARNING);
        System.out.printf("%,d events over %,d keys in transactions of %d; %d requests in flight; %d cores; Java %s%n",
                events, keys, DeliveryBench.EVENTS_PER_TRANSACTION, concurrency,
                Runtime.getRuntime().availableProcessors(), Runtime.version());
        List<Double> ratios = new ArrayList<>();
        try (Receiver receiver = new Receiver(0)) {
            for (int r = 0; r <= rounds; r++) {
                AsyncDelivery.Result plain = AsyncDelivery.run(receiver, "u" + r, events,
                        DeliveryBench.EVENTS_PER_TRANSACTION, concurrency, UNORDERED);
                AsyncDelivery.Result ordered = AsyncDelivery.run(receiver, "o" + r, events,
                        DeliveryBench.EVENTS_PER_TRANSACTION, concurrency, ordered(keys));
                double ratio = ordered.perSecond() / plain.perSecond();
                System.out.printf("%-8s unordered %,6.0f deliveries/s (%,4.0f µs CPU each, queued in %,d ms) | ordered "
                                + "%,6.0f deliveries/s (%,4.0f µs CPU each, queued in %,d ms) | ordered/unordered %.2f%n",
                        r == 0 ? "warm-up" : "round " + r, plain.perSecond(), plain.cpuMicros(),
                        plain.queueing().toMillis(), ordered.perSecond(), ordered.cpuMicros(),
                        ordered.queueing().toMillis(), ratio);
                if (r > 0) {
                    ratios.add(ratio);
                }
            }
        }
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        System.out.printf("%nmedian of %d rounds: ordered / unordered throughput %.2f%n", ratios.size(), median);
    }
}
