package io.hookwright.bench;

import io.hookwright.delivery.DeliverySettings;
import io.hookwright.execution.Engine;
import io.hookwright.execution.ManualEngine;
import io.hookwright.store.Schema.Outbox;
import io.hookwright.store.Schema.Runs;
import org.jooq.impl.DSL;

import java.sql.Connection;
import java.time.Duration;

/**
 * The engine's durable async delivery, end to end: a host publishes {@code count} events in transactions of
 * {@code perTransaction}, each firing one async-inside webhook (its message written to the outbox in the host's
 * transaction); the engine claims, sends, and logs each run. Done when the receiver has every request, the engine
 * is idle, the outbox is empty and every run is logged as succeeded.
 */
final class AsyncDelivery {
    static final String WEBHOOK = "bench_async";

    /**
     * Deliveries per second end to end, CPU time per delivery in microseconds, how long the host took to queue them
     * all and how many had been delivered by then, and the time from each event's commit to its arrival: async
     * delivery is meant to leave within milliseconds of the commit, while the host goes on writing.
     */
    record Result(double perSecond, double cpuMicros, Duration queueing, long deliveredWhileQueueing,
                  Latency latency) {
    }

    private AsyncDelivery() {
    }

    static Result run(Receiver receiver, String run, int count, int perTransaction) throws Exception {
        return run(receiver, run, count, perTransaction, DeliverySettings.DEFAULT_PER_HOST_CONCURRENCY);
    }

    /** @param concurrency requests in flight to the receiver */
    static Result run(Receiver receiver, String run, int count, int perTransaction, int concurrency) throws Exception {
        return run(receiver, run, count, perTransaction, concurrency, "synchronous false\ntransaction 'inside'");
    }

    /** @param execution the webhook's {@code execution { }} block: async, with or without {@code orderedBy} */
    static Result run(Receiver receiver, String run, int count, int perTransaction, int concurrency, String execution)
            throws Exception {
        try (BenchEngine bench = new BenchEngine(receiver, WEBHOOK, execution, concurrency);
             Connection host = bench.host()) {
            Engine engine = bench.engine.start();
            long before = receiver.received();
            long cpu = CpuTime.nanos();
            long started = System.nanoTime();
            long[] committed = Requests.publish(engine, host, run, count, perTransaction);
            Duration queueing = Duration.ofNanos(System.nanoTime() - started);
            long deliveredWhileQueueing = receiver.received() - before;
            long deadline = started + Duration.ofMinutes(5).toNanos();
            while (receiver.received() - before < count && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            if (!ManualEngine.awaitIdle(engine, Duration.ofMinutes(1))) {
                throw new IllegalStateException("the engine did not settle");
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpuMicros = (CpuTime.nanos() - cpu) / 1e3 / count;
            check(bench, count);
            long[] latencies = new long[count];
            for (int i = 0; i < count; i++) {
                latencies[i] = receiver.arrival(Requests.messageId(run, i, WEBHOOK)) - committed[i];
            }
            return new Result(count / seconds, cpuMicros, queueing, deliveredWhileQueueing, Latency.of(latencies));
        }
    }

    private static void check(BenchEngine bench, int count) throws Exception {
        try (Connection c = bench.host()) {
            var dsl = DSL.using(c);
            int left = dsl.fetchCount(Outbox.TABLE);
            int succeeded = dsl.fetchCount(Runs.TABLE, Runs.OUTCOME.eq("succeeded"));
            if (left != 0 || succeeded != count) {
                throw new IllegalStateException("not all delivered: " + left + " left in the outbox, " + succeeded
                        + " succeeded runs of " + count);
            }
        }
    }
}
