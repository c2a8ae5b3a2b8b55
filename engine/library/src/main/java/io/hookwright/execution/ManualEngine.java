package io.hookwright.execution;

import io.hookwright.delivery.DeliverySettings;
import io.hookwright.delivery.Settlement;
import io.hookwright.outbox.OutboxMessage;
import io.hookwright.outbox.OutboxStore;
import io.hookwright.runlog.Run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An engine for tests whose async deliveries happen when the test says, in the test's thread. It is never started:
 * no dispatcher, no background threads. Publish through {@link #engine()}; {@link #runDue()} claims the messages due
 * at the engine's clock, sends each, writes its run and returns those runs. With a
 * {@link io.hookwright.testing.SettableClock} given to the builder a test makes retries due without waiting:
 * <pre>{@code
 * var clock = new SettableClock(Instant.parse("2026-11-23T10:00:00Z"));
 * try (var manual = ManualEngine.of(Engine.builder(database, definitions).clock(clock))) {
 *     manual.engine().publish(event);
 *     List<Run> first = manual.runDue();      // the first attempt, failed: PENDING_RETRY
 *     clock.advance(Duration.ofSeconds(6));
 *     List<Run> second = manual.runDue();     // the retry
 * }
 * }</pre>
 * Sync webhooks need nothing of it: they run in the publishing thread anyway. A test that does start an engine
 * waits for its background dispatcher with {@link #awaitIdle}.
 */
public final class ManualEngine implements AutoCloseable {
    private final Engine engine;
    private final AtomicLong rounds = new AtomicLong();

    private ManualEngine(Engine engine) {
        this.engine = engine;
    }

    /** Builds the engine and never starts it. */
    public static ManualEngine of(Engine.Builder builder) {
        return new ManualEngine(builder.build());
    }

    /** The engine to publish, redeliver and read runs with. */
    public Engine engine() {
        return engine;
    }

    /**
     * One round of what the dispatcher does, in this thread: claims every message due now (the engine's clock),
     * makes one attempt at each and writes what it left, as the background writer would (the run, the message's
     * retry or removal, the webhook's health). Returns the runs, in the order sent; empty when nothing was due.
     * A message a failed attempt retries at once goes in the next round.
     */
    public List<Run> runDue() {
        OutboxStore outbox = engine.outbox();
        DeliverySettings settings = engine.settings();
        // A worker of its own per round, so a round never finds claims of a round before it.
        String worker = settings.node() + ":manual-" + rounds.incrementAndGet() + "-" + System.identityHashCode(this);
        Instant now = engine.clock().instant();
        outbox.register(worker, now, now.plus(settings.lease()));
        try {
            List<OutboxMessage> claimed = new ArrayList<>();
            List<OutboxMessage> batch;
            do {
                batch = outbox.claimDue(worker, settings.claimBatch(), now);
                claimed.addAll(batch);
            } while (batch.size() == settings.claimBatch());
            List<Run> sent = new ArrayList<>(claimed.size());
            for (OutboxMessage message : claimed) {
                Settlement settled = engine.deliveries().deliver(message, worker);
                engine.record(List.of(settled));
                sent.add(settled.run());
            }
            return sent;
        } finally {
            outbox.deregister(worker);
        }
    }

    /**
     * Wakes a started engine's dispatcher and waits until no async message is due, in flight or unwritten: what a
     * test that uses the background dispatcher waits for before it looks. False when {@code timeout} passed first.
     */
    public static boolean awaitIdle(Engine started, Duration timeout) throws InterruptedException {
        return Objects.requireNonNull(started, "engine").awaitIdle(timeout);
    }

    @Override
    public void close() {
        engine.close();
    }
}
