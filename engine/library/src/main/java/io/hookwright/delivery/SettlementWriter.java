package io.hookwright.delivery;

import io.hookwright.state.WebhookState;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes the settlements of async deliveries in batches, on one thread: a batch costs one transaction however many
 * deliveries it holds, which is what lets the run log keep up with the network. A batch that fails to write
 * (the database busy, a disk error) is written again; a settlement is never dropped while the engine runs, and
 * a crash before it is written only means the message is sent again (at least once).
 */
public final class SettlementWriter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SettlementWriter.class.getName());
    static final int MAX_BATCH = 500;

    private final Ledger ledger;
    private final Consumer<WebhookState> onDeactivated;
    private final Runnable afterWrite;
    private final LinkedBlockingQueue<Unwritten> queue = new LinkedBlockingQueue<>();
    private final AtomicLong unwritten = new AtomicLong();
    private final Thread thread;
    private volatile boolean closing;

    /**
     * @param onDeactivated told of every webhook a batch deactivated
     * @param afterWrite    run after each batch is written
     */
    public SettlementWriter(Ledger ledger, Consumer<WebhookState> onDeactivated, Runnable afterWrite) {
        this.ledger = ledger;
        this.onDeactivated = onDeactivated;
        this.afterWrite = afterWrite;
        this.thread = Thread.ofPlatform().name("hookwright-settlements").daemon().unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    /** A settlement to write, and what to run once it is written (or, as the engine stops, given up). */
    private record Unwritten(Settlement settlement, Runnable done) {
    }

    /** Queues {@code settlement} to be written; {@code done} runs once it is, or once it was given up at close. */
    public void add(Settlement settlement, Runnable done) {
        unwritten.incrementAndGet();
        queue.add(new Unwritten(settlement, done));
    }

    /** Settlements added and not yet written. */
    public long unwritten() {
        return unwritten.get();
    }

    private void run() {
        List<Unwritten> batch = new ArrayList<>(MAX_BATCH);
        while (!(closing && queue.isEmpty())) {
            try {
                Unwritten first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                writeUntilDone(batch.stream().map(Unwritten::settlement).toList());
                unwritten.addAndGet(-batch.size());
                batch.forEach(u -> u.done().run());
                batch.clear();
                afterWrite.run();
            } catch (InterruptedException e) {
                if (!closing) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void writeUntilDone(List<Settlement> batch) throws InterruptedException {
        long backoff = 50;
        while (true) {
            try {
                ledger.write(batch).forEach(onDeactivated);
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "writing " + batch.size() + " delivery results failed; trying again in "
                        + backoff + " ms: " + e.getMessage());
                if (closing && backoff > 1_000) {
                    LOG.severe(batch.size() + " delivery results were not written; their messages stay queued and will be sent again");
                    return;
                }
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        closing = true;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
