package io.hookwright.delivery;

import io.hookwright.outbox.OutboxMessage;
import io.hookwright.outbox.OutboxStore;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
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
    private final String worker;
    private final HostLanes lanes;
    private final Semaphore wakeups = new Semaphore(0);
    private final AtomicLong wakes = new AtomicLong();
    private volatile long handledWakes;
    private volatile boolean starved;
    private volatile boolean running;
    private final Thread claimer;
    private Instant renewedAt = Instant.MIN;

    public Dispatcher(OutboxStore outbox, Delivery delivery, SettlementWriter writer, DeliverySettings settings,
                      Clock clock) {
        this.outbox = outbox;
        this.delivery = delivery;
        this.writer = writer;
        this.settings = settings;
        this.clock = clock;
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        this.worker = settings.node() + ":" + HexFormat.of().formatHex(random);
        this.lanes = new HostLanes(settings.perHostConcurrency(), settings.perHostQueue(), this::wake);
        this.claimer = Thread.ofPlatform().name("hookwright-claimer").daemon().unstarted(this::run);
    }

    /** This engine's worker id, as its claims carry it. */
    public String worker() {
        return worker;
    }

    /** Takes back this node's claims left by a crash, then starts claiming. */
    public void start() {
        int released = outbox.releaseClaims(settings.node() + ":");
        if (released > 0) {
            LOG.info("resuming " + released + " message(s) claimed before the last stop of node " + settings.node());
        }
        running = true;
        claimer.start();
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
                renewLeases();
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
     * Keeps this worker's claims alive, a third of a lease before they would end: messages wait in the lanes for as
     * long as their host needs, and only a worker that stopped renewing (a dead node) loses them. A message stays
     * claimed until its settlement is written, so the claims of settlements waiting for the writer are kept too.
     */
    private void renewLeases() {
        Instant now = clock.instant();
        boolean holding = lanes.held() > 0 || writer.unwritten() > 0;
        if (!holding || now.isBefore(renewedAt.plus(settings.lease().dividedBy(3)))) {
            return;
        }
        outbox.renewClaims(worker, now.plus(settings.lease()));
        renewedAt = now;
    }

    private void claimRound() {
        while (running) {
            int room = settings.maxInFlight() - lanes.held();
            if (room <= 0) {
                starved = true;
                return;
            }
            int wanted = Math.min(settings.claimBatch(), room);
            List<OutboxMessage> claimed = outbox.claimDue(worker, wanted, clock.instant(), settings.lease(), lanes.full());
            for (OutboxMessage message : claimed) {
                lanes.submit(message.targetHost(), () -> deliver(message));
            }
            if (claimed.size() < wanted) {
                return;
            }
        }
    }

    private void deliver(OutboxMessage message) {
        try {
            writer.add(delivery.deliver(message, worker));
        } catch (RuntimeException e) {
            // A fault of the engine's own: the message stays claimed and is tried again when its lease ends.
            LOG.log(Level.SEVERE, "delivering " + message.messageId() + " failed inside the engine", e);
        } finally {
            if (starved && lanes.held() <= settings.maxInFlight() / 2) {
                starved = false;
                wake();
            }
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
            if (handledWakes == wakes.get() && lanes.held() == 0 && writer.unwritten() == 0) {
                return true;
            }
            Thread.sleep(2);
        }
        return false;
    }

    /**
     * Stops claiming and gives deliveries in flight up to {@code drain} to finish; messages not yet sent stay in the
     * outbox, claimed until their lease ends or this node starts again.
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
        long deadline = System.nanoTime() + drain.toNanos();
        while (lanes.held() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
