package io.hookwright.bench;

import java.sql.Connection;
import java.time.Duration;

/**
 * The peer's delivery end to end, measured as {@link AsyncDelivery} measures the engine's: {@code count} events
 * published in producer transactions of {@code perTransaction}, timed from the first until the receiver has every
 * request and every row is marked completed.
 */
final class PeerDelivery {
    private PeerDelivery() {
    }

    static AsyncDelivery.Result run(Receiver receiver, String run, int count, int perTransaction, int concurrency)
            throws Exception {
        try (PeerOutbox peer = new PeerOutbox(concurrency); Connection producer = peer.connection()) {
            String target = receiver.base() + "/" + PeerOutbox.LISTENER;
            long before = receiver.received();
            long cpu = CpuTime.nanos();
            long started = System.nanoTime();
            long[] committed = peer.publish(producer, run, target, count, perTransaction);
            Duration queueing = Duration.ofNanos(System.nanoTime() - started);
            long deliveredWhileQueueing = receiver.received() - before;
            long deadline = started + Duration.ofMinutes(5).toNanos();
            while ((receiver.received() - before < count || peer.settled() < count) && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpuMicros = (CpuTime.nanos() - cpu) / 1e3 / count;
            int incomplete = peer.incomplete();
            if (incomplete != 0) {
                throw new IllegalStateException("the peer left " + incomplete + " of " + count + " rows incomplete");
            }
            if (peer.failed() > 0) {
                System.out.println("  the peer sent " + peer.failed() + " requests again; the first failure: "
                        + peer.firstFailure());
            }
            long[] latencies = new long[count];
            for (int i = 0; i < count; i++) {
                latencies[i] = receiver.arrival(Requests.messageId(run, i, PeerOutbox.LISTENER)) - committed[i];
            }
            return new AsyncDelivery.Result(count / seconds, cpuMicros, queueing, deliveredWhileQueueing,
                    Latency.of(latencies));
        }
    }
}
