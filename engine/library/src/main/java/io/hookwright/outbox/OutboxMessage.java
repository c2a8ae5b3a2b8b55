package io.hookwright.outbox;

import io.hookwright.render.RenderedRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A request waiting to be delivered: rendered once, when the event happened, and sent as it is on every attempt.
 *
 * @param messageId      stable across retries; the {@code webhook-id} header
 * @param signingSecrets names of the secrets it is signed with; their values are read when it is sent
 * @param attempts       attempts made so far
 * @param nextAttemptAt  when it is due
 * @param targetHost     the host it goes to: deliveries queue per host, so one slow target does not hold up the
 *                       others. Kept with the row, so a claimed message is not parsed again to find it.
 * @param orderKey       the key of a webhook with {@code orderedBy}: messages with the same key leave one at a time;
 *                       null for a message that keeps no order
 * @param orderSeq       its place in the key's sequence, given when it is queued (0 until then, and without a key)
 */
public record OutboxMessage(String messageId, String webhook, String revision, String eventId, String eventType,
                            String mode, RenderedRequest request, List<String> signingSecrets, Duration timeout,
                            int attempts, Instant nextAttemptAt, Instant createdAt, String targetHost, String orderKey,
                            long orderSeq) {
    public OutboxMessage {
        signingSecrets = List.copyOf(signingSecrets);
        if (targetHost == null) {
            targetHost = TargetHosts.of(request);
        }
    }

    /** A message that keeps no order. */
    public OutboxMessage(String messageId, String webhook, String revision, String eventId, String eventType,
                         String mode, RenderedRequest request, List<String> signingSecrets, Duration timeout,
                         int attempts, Instant nextAttemptAt, Instant createdAt, String targetHost) {
        this(messageId, webhook, revision, eventId, eventType, mode, request, signingSecrets, timeout, attempts,
                nextAttemptAt, createdAt, targetHost, null, 0);
    }

    /** This message with a key: it leaves after every message of its webhook with the same key queued before it. */
    public OutboxMessage orderedBy(String key) {
        return new OutboxMessage(messageId, webhook, revision, eventId, eventType, mode, request, signingSecrets,
                timeout, attempts, nextAttemptAt, createdAt, targetHost, key, 0);
    }

    public boolean ordered() {
        return orderKey != null;
    }

    /** A message whose target host is read from its request's URL. */
    public OutboxMessage(String messageId, String webhook, String revision, String eventId, String eventType,
                         String mode, RenderedRequest request, List<String> signingSecrets, Duration timeout,
                         int attempts, Instant nextAttemptAt, Instant createdAt) {
        this(messageId, webhook, revision, eventId, eventType, mode, request, signingSecrets, timeout, attempts,
                nextAttemptAt, createdAt, null);
    }
}
