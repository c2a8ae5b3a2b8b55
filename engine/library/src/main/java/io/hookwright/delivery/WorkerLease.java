package io.hookwright.delivery;

import io.hookwright.outbox.OutboxStore;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import java.util.logging.Logger;

/**
 * This engine's worker in the outbox and its one lease, which every claim it makes holds by: registered at start,
 * renewed by a heartbeat every third of a lease. Whether the lease holds is judged a third of a lease ahead, the time
 * a late heartbeat has to land before another node could find it ended. When another node did find it ended (and
 * released its claims), the engine goes on as a new worker.
 */
final class WorkerLease {
    private static final Logger LOG = Logger.getLogger(WorkerLease.class.getName());

    private final OutboxStore outbox;
    private final DeliverySettings settings;
    private final Clock clock;
    private final Runnable onRestored;
    private final IntSupplier onLost;
    private final ReentrantLock renewing = new ReentrantLock();
    private volatile String worker;
    /** Until when the lease is known to hold. */
    private volatile Instant aliveUntil = Instant.MIN;
    private Instant heartbeatAt = Instant.MIN;

    /**
     * @param onRestored run when a heartbeat restored a lease that was in doubt: claiming can go on
     * @param onLost     run when the lease was found ended by another node; gives up the messages not yet sent and
     *                   says how many
     */
    WorkerLease(OutboxStore outbox, DeliverySettings settings, Clock clock, Runnable onRestored, IntSupplier onLost) {
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
        this.onRestored = onRestored;
        this.onLost = onLost;
        this.worker = newWorkerId();
    }

    /** The worker id the claims carry now. */
    String worker() {
        return worker;
    }

    void register() {
        Instant now = clock.instant();
        Instant until = now.plus(settings.lease());
        outbox.register(worker, now, until);
        aliveUntil = until;
        heartbeatAt = now;
    }

    /** Whether the lease holds a third of a lease more. */
    boolean holds() {
        return clock.instant().plus(settings.lease().dividedBy(3)).isBefore(aliveUntil);
    }

    /**
     * Renews the lease once a third of it has passed or, with {@code inDoubt}, at once if it does not {@link #holds}
     * (the claimer after a long pause, or a jump of the clock).
     */
    void renew(boolean inDoubt) {
        renewing.lock();
        try {
            Instant now = clock.instant();
            if (inDoubt ? holds() : now.isBefore(heartbeatAt.plus(settings.lease().dividedBy(3)))) {
                return;
            }
            heartbeat(now);
        } finally {
            renewing.unlock();
        }
    }

    private void heartbeat(Instant now) {
        Instant until = now.plus(settings.lease());
        boolean wasInDoubt = !holds();
        if (outbox.heartbeat(worker, until)) {
            aliveUntil = until;
            heartbeatAt = now;
            if (wasInDoubt) {
                onRestored.run();
            }
            return;
        }
        // Another node found this lease ended and released its claims: none of its waiting messages may go out from
        // here now.
        int lost = onLost.getAsInt();
        worker = newWorkerId();
        register();
        LOG.warning("this node's lease ended before it was renewed (the node or its database stalled for longer "
                + "than " + settings.lease().toSeconds() + " s); " + lost + " message(s) it had not sent yet went to "
                + "other nodes; it goes on as worker " + worker);
    }

    private String newWorkerId() {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        return settings.node() + ":" + HexFormat.of().formatHex(random);
    }
}
