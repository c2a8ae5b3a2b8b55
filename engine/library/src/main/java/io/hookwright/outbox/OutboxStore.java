package io.hookwright.outbox;

import io.hookwright.store.StoreTransaction;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The durable queue of async deliveries, in domain operations. A failure of the database comes out as a
 * {@link io.hookwright.errors.StoreUnavailableException}.
 */
public interface OutboxStore {
    /**
     * Adds messages through {@code tx}: the host's own transaction for async-inside webhooks, so they commit or
     * vanish with it. A message id already queued is left as it is.
     */
    void enqueue(StoreTransaction tx, List<OutboxMessage> messages);

    /**
     * Tells every node, when {@code tx} commits, that messages were queued: once per transaction, however many
     * {@link #enqueue} calls it made.
     */
    void announce(StoreTransaction tx);

    /**
     * Adds messages already claimed by {@code worker}, through {@code tx}: the records of sync-after-commit webhooks
     * that the committing thread sends itself. Should that thread or its engine die first, the claims are released
     * with the worker's (its lease ends, or its node restarts) and the dispatcher sends them. An id already queued is
     * left as it is.
     */
    void hold(StoreTransaction tx, List<OutboxMessage> messages, String worker);

    /**
     * Claims up to {@code limit} due messages for {@code worker}, which must be registered: its claims hold as long
     * as its lease. Messages to {@code passOver} hosts stay for later: their queues are full. A worker removed as
     * dead claims nothing.
     */
    List<OutboxMessage> claimDue(String worker, int limit, Instant now, Set<String> passOver);

    default List<OutboxMessage> claimDue(String worker, int limit, Instant now) {
        return claimDue(worker, limit, now, Set.of());
    }

    /** Registers {@code worker}, alive until {@code until} unless a heartbeat extends it. */
    void register(String worker, Instant now, Instant until);

    /**
     * Extends {@code worker}'s lease to {@code until}, and with it every claim it holds: one write however many
     * messages it holds, so the lease can be short and a dead worker's messages return soon. False when the worker
     * was removed as dead: its claims were released, and other workers may be sending them.
     */
    boolean heartbeat(String worker, Instant until);

    /**
     * Removes the workers whose lease ended before {@code now} (dead, or stalled for longer than a lease) and makes
     * their claims due again for any worker, in one transaction. Returns how many claims were released.
     */
    int reap(Instant now);

    /**
     * Removes {@code worker}, an engine that stopped, and releases any claim it still holds (a message whose delivery
     * failed inside the engine): due again at once, for any worker.
     */
    void deregister(String worker);

    /**
     * Releases the claims of earlier workers whose id starts with {@code workerPrefix}, and removes those workers: a
     * node that restarts after a crash takes its own messages back at once instead of waiting for its lease to end.
     * Returns how many.
     */
    int releaseClaims(String workerPrefix);

    /**
     * Gives up {@code worker}'s claims on {@code messageIds} without an attempt: due again at once, for any worker.
     * Returns how many were still {@code worker}'s.
     */
    int releaseClaims(String worker, Collection<String> messageIds);

    /**
     * Removes messages that are done with, delivered or given up (their run log keeps them), in {@code tx}.
     * Returns how many were still {@code worker}'s: a claim is lost when its worker's lease ended and it was released.
     */
    int remove(StoreTransaction tx, Collection<String> messageIds, String worker);

    /** Releases a claimed message to be tried again at {@code next}, in {@code tx}. */
    boolean retryAt(StoreTransaction tx, String messageId, String worker, int attempts, Instant next);

    /** Removes a delivered message; false when the claim was lost. */
    boolean delivered(String messageId, String worker);

    /** Releases a claimed message to be tried again at {@code next}. */
    boolean retryAt(String messageId, String worker, int attempts, Instant next);

    /** Removes a message that will not be tried again (its run log keeps it). */
    boolean gaveUp(String messageId, String worker);

    /**
     * Keeps a claimed message of an ordered webhook that was given up in the outbox, unclaimable, in {@code tx}: the
     * messages of its key behind it wait until {@link #unblock} (an operator's redelivery that succeeded, or a skip).
     */
    boolean block(StoreTransaction tx, String messageId, String worker, int attempts);

    /**
     * Marks the messages of {@code webhook}'s {@code key} queued after place {@code seq} as held behind {@code headId},
     * in {@code tx}; returns those not marked so before, to log as held once per head.
     */
    List<OutboxMessage> holdBehind(StoreTransaction tx, String headId, String webhook, String key, long seq);

    /** Removes a blocked message, letting the next of its key go (and waking every node to it); false if not blocked. */
    boolean unblock(StoreTransaction tx, String messageId);

    /** A message still in the outbox: whether it blocks its key, and its key (null: it keeps no order). */
    record Queued(boolean blocked, String orderKey) {
    }

    /** The message if it is still queued. */
    Optional<Queued> queued(String messageId);

    /** The key an ordered message was queued with, long after it left the outbox; empty for one that keeps no order. */
    Optional<String> orderKeyOf(String messageId);

    /**
     * Forgets the keys of ordered messages queued before {@code before}: their runs' bodies are purged by then, so
     * they cannot be redelivered. Returns how many.
     */
    int forgetKeysBefore(Instant before);

    /** The last message queued of {@code webhook}'s {@code key}, if any is left. */
    Optional<String> tail(String webhook, String key);

    /** Messages not yet delivered. */
    int depth();

    /** When each of these messages that is still queued is due next, by message id; one no longer queued is missing. */
    java.util.Map<String, Instant> nextAttempts(java.util.Collection<String> messageIds);

    /** When the oldest undelivered message was queued. */
    Optional<Instant> oldestCreatedAt();
}
