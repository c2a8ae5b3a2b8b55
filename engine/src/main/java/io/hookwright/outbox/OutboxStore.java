package io.hookwright.outbox;

import org.jooq.DSLContext;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The durable queue of async deliveries, in domain operations. */
public interface OutboxStore {
    /**
     * Adds messages through {@code tx}: the host's own transaction for async-inside webhooks, so they commit or
     * vanish with it. A message id already queued is left as it is.
     */
    void enqueue(DSLContext tx, List<OutboxMessage> messages);

    /**
     * Tells every node, when {@code tx} commits, that messages were queued: once per transaction, however many
     * {@link #enqueue} calls it made.
     */
    void announce(DSLContext tx);

    /**
     * Claims up to {@code limit} due messages for {@code worker} until {@code now + lease}: messages that are due,
     * and messages whose previous claim's lease has run out (its worker died). Messages to {@code passOver} hosts
     * stay for later: their queues are full.
     */
    List<OutboxMessage> claimDue(String worker, int limit, Instant now, Duration lease, Set<String> passOver);

    default List<OutboxMessage> claimDue(String worker, int limit, Instant now, Duration lease) {
        return claimDue(worker, limit, now, lease, Set.of());
    }

    /**
     * Extends every claim {@code worker} holds to {@code until}: a live worker keeps its messages however long they
     * wait in its queues, so the lease can be short and a dead worker's messages return soon. Returns how many.
     */
    int renewClaims(String worker, Instant until);

    /**
     * Releases the claims of earlier workers whose id starts with {@code workerPrefix}: a node that restarts after a
     * crash takes its own messages back at once instead of waiting for their leases to end. Returns how many.
     */
    int releaseClaims(String workerPrefix);

    /**
     * Removes messages that are done with, delivered or given up (their run log keeps them), in {@code tx}.
     * Returns how many were still {@code worker}'s: a claim is lost when its lease ran out and another worker took it.
     */
    int remove(DSLContext tx, Collection<String> messageIds, String worker);

    /** Releases a claimed message to be tried again at {@code next}, in {@code tx}. */
    boolean retryAt(DSLContext tx, String messageId, String worker, int attempts, Instant next);

    /** Removes a delivered message; false when the claim was lost. */
    boolean delivered(String messageId, String worker);

    /** Releases a claimed message to be tried again at {@code next}. */
    boolean retryAt(String messageId, String worker, int attempts, Instant next);

    /** Removes a message that will not be tried again (its run log keeps it). */
    boolean gaveUp(String messageId, String worker);

    /** Messages not yet delivered. */
    int depth();

    /** When the oldest undelivered message was queued. */
    Optional<Instant> oldestCreatedAt();
}
