package io.hookwright.outbox;

import org.jooq.DSLContext;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The durable queue of async deliveries, in domain operations. */
public interface OutboxStore {
    /**
     * Adds messages through {@code tx}: the host's own transaction for async-inside webhooks, so they commit or
     * vanish with it. A message id already queued is left as it is.
     */
    void enqueue(DSLContext tx, List<OutboxMessage> messages);

    /**
     * Claims up to {@code limit} due messages for {@code worker} until {@code now + lease}: messages that are due,
     * and messages whose previous claim's lease has run out (its worker died).
     */
    List<OutboxMessage> claimDue(String worker, int limit, Instant now, Duration lease);

    /** Removes a delivered message; false when the claim was lost (the lease ran out and another worker took it). */
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
