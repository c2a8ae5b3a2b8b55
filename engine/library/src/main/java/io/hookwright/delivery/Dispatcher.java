package io.hookwright.delivery;

import io.hookwright.outbox.OutboxMessage;
import io.hookwright.outbox.OutboxStore;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The async side: claims due messages from the outbox in batches, hands each to its host's lane, and passes what
 * each delivery left to the {@link SettlementWriter}. Woken by every enqueue, so a message leaves within
 * milliseconds of its commit; the poll interval only finds work nobody announced (retries coming due, a crashed
 * engine's messages, another node's).
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());

    /** Makes one attempt at a claimed message and says what it left. Never throws for what a target does. */
    public interface Delivery {
        Settlement deliver(OutboxMessage message, String worker);
    }

    private final OutboxStore outbox;
    private final Delivery delivery;
    private final SettlementWriter writer;
    private final DeliverySettings settings;
    private final Clock clock;
    private final HostLanes lanes;
    private final Semaphore wakeups = new Semaphore(0);
    private final AtomicLong wakes = new AtomicLong();
    private volatile long handledWakes;
    private volatile boolean starved;
    private volatile boolean running;
    private final Thread claimer;
    private final Thread leaseKeeper;
    private final HeldClaims held = new HeldClaims();
    /** Messages given up unsent while this worker's lease was in doubt: released by the lease keeper, in batches. */
    private final Queue<String> toRelease = new ConcurrentLinkedQueue<>();
    private final WorkerLease lease;

    public Dispatcher(OutboxStore outbox, Delivery delivery, SettlementWriter writer, DeliverySettings settings,
                      Clock clock) {
        this.outbox = outbox;
        this.delivery = delivery;
        this.writer = writer;
        this.settings = settings;
        this.clock = clock;
        this.lease = new WorkerLease(outbox, settings, clock, this::wake, () -> held.giveUpWaiting().size());
        this.lanes = new HostLanes(settings.perHostConcurrency(), settings.perHostQueue(), this::wake);
        this.claimer = Thread.ofPlatform().name("hookwright-claimer").daemon().unstarted(this::run);
        this.leaseKeeper = Thread.ofPlatform().name("hookwright-lease").daemon().unstarted(this::keepLease);
    }

    /** This engine's worker id, as its claims carry it. */
    public String worker() {
        return lease.worker();
    }

    /** Takes back this node's claims left by a crash, registers this worker, then starts claiming. */
    public void start() {
        int released = outbox.releaseClaims(settings.node() + ":");
        if (released > 0) {
            LOG.info("resuming " + released + " message(s) claimed before the last stop of node " + settings.node());
        }
        lease.register();
        running = true;
        claimer.start();
        leaseKeeper.start();
        wake();
    }

    /** Makes the claimer look at the outbox now. */
    public void wake() {
        wakes.incrementAndGet();
        wakeups.release();
    }

    private void run() {
        while (running) {
            try {
                wakeups.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeups.drainPermits();
                long seen = wakes.get();
                claimRound();
                handledWakes = seen;
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "claiming from the outbox failed; trying again in "
                        + settings.pollInterval().toMillis() + " ms: " + e.getMessage());
            }
        }
    }

    /**
     * On a thread of its own, so that a slow claim round cannot hold it back: renews this worker's lease every third
     * of a lease, releases what was given up, and takes back the claims of workers whose lease ended.
     */
    private void keepLease() {
        Duration tick = settings.pollInterval().compareTo(settings.lease().dividedBy(6)) < 0
                ? settings.pollInterval() : settings.lease().dividedBy(6);
        while (true) {
            // Each step on its own: a database refusing heartbeats may still take releases.
            attempt("renewing this node's lease", () -> lease.renew(false));
            attempt("releasing unsent messages", this::releaseGivenUp);
            attempt("looking for nodes whose lease ended", () -> {
                int reaped = outbox.reap(clock.instant());
                if (reaped > 0) {
                    LOG.info("took back " + reaped + " message(s) claimed by a node whose lease ended");
                    wake();
                }
            });
            try {
                Thread.sleep(tick);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void attempt(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, what + " failed; trying again shortly: " + e.getMessage());
        }
    }

    private void claimRound() {
        if (!lease.holds()) {
            lease.renew(true);
        }
        while (running && lease.holds()) {
            // Messages sent and waiting for the writer count too: a writer that falls behind slows claiming down
            // instead of piling up settlements in memory (and duplicates after a crash).
            int room = settings.maxInFlight() - inFlight();
            if (room <= 0) {
                starved = true;
                return;
            }
            int wanted = Math.min(settings.claimBatch(), room);
            String claimant = lease.worker();
            List<OutboxMessage> claimed = outbox.claimDue(claimant, wanted, clock.instant(), lanes.full());
            held.claimed(claimed.stream().map(OutboxMessage::messageId).toList());
            for (OutboxMessage message : claimed) {
                lanes.submit(message.targetHost(), () -> deliver(message, claimant));
            }
            if (claimed.size() < wanted) {
                return;
            }
        }
    }

    private void deliver(OutboxMessage message, String claimant) {
        String id = message.messageId();
        try {
            if (!claimant.equals(lease.worker())) {
                // Claimed under a lease since lost: the node that found it ended has released the message.
                held.giveUp(id);
                return;
            }
            if (!lease.holds()) {
                if (held.giveUp(id)) {
                    toRelease.add(id);
                }
                return;
            }
            if (held.send(id)) {
                writer.add(delivery.deliver(message, claimant), () -> {
                    held.settled(id);
                    wakeIfRoom();
                });
            }
        } catch (RuntimeException e) {
            // A fault of the engine's own: the message stays claimed until this node stops (or dies), then goes again.
            held.settled(id);
            LOG.log(Level.SEVERE, "delivering " + id + " failed inside the engine", e);
        } finally {
            wakeIfRoom();
        }
    }

    /** Messages claimed and not yet settled: in the lanes, or sent and waiting for the writer. */
    private int inFlight() {
        return lanes.held() + (int) writer.unwritten();
    }

    /** Wakes a claimer that stopped for want of room once half the room is free again. */
    private void wakeIfRoom() {
        if (starved && inFlight() <= settings.maxInFlight() / 2) {
            starved = false;
            wake();
        }
    }

    /** Releases the messages given up while the lease was in doubt; they stay counted as work until then. */
    private void releaseGivenUp() {
        List<String> ids = List.copyOf(toRelease);
        if (ids.isEmpty()) {
            return;
        }
        release(ids, "while this node's lease was in doubt (its heartbeats were late)", Level.WARNING);
        wake();
        toRelease.removeAll(ids);
    }

    /** Makes messages given up unsent due again at once, for any node. */
    private void release(List<String> unsent, String when, Level level) {
        if (unsent.isEmpty()) {
            return;
        }
        try {
            int released = outbox.releaseClaims(lease.worker(), unsent);
            LOG.log(level, unsent.size() + " message(s) were not sent " + when + "; " + released
                    + " released for any node to send");
        } catch (RuntimeException e) {
            LOG.warning(unsent.size() + " unsent message(s) stay claimed until this node's lease ends: "
                    + e.getMessage());
        }
    }

    /**
     * Waits until nothing is due, in flight or unwritten: for tests and for a command that sends and exits.
     * Returns false when {@code timeout} passed first.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        wake();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (handledWakes == wakes.get() && lanes.held() == 0 && writer.unwritten() == 0 && toRelease.isEmpty()) {
                return true;
            }
            Thread.sleep(2);
        }
        return false;
    }

    /**
     * Stops claiming and gives deliveries in flight up to {@code drain} to finish and be written. Messages not yet
     * sent are released at once, for any node to send. When everything this node held is settled it leaves the
     * workers; a message whose request or settlement outlasts the drain stays claimed until the lease ends.
     */
    public void close(Duration drain) {
        running = false;
        claimer.interrupt();
        try {
            // The claimer may be between a claim and handing its messages to the lanes: let it finish first.
            claimer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lanes.stop();
        // Released before the drain, so that other nodes start on them while this one finishes its requests.
        release(held.giveUpWaiting(), "as this node stops", Level.INFO);
        long deadline = System.nanoTime() + drain.toNanos();
        while (!held.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        leaseKeeper.interrupt();
        try {
            leaseKeeper.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        release(List.copyOf(toRelease), "as this node stops", Level.INFO);
        if (held.isEmpty()) {
            try {
                outbox.deregister(lease.worker());
            } catch (RuntimeException e) {
                LOG.warning("could not leave the workers; the lease ends by itself: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
