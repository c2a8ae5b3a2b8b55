package io.hookwright.outbox;

import io.hookwright.render.RenderedRequest;

import java.time.Duration;
import java.time.Instant;

/**
 * A request waiting to be delivered: rendered once, when the event happened, and sent as it is on every attempt.
 *
 * @param messageId     stable across retries; the {@code webhook-id} header
 * @param attempts      attempts made so far
 * @param nextAttemptAt when it is due
 */
public record OutboxMessage(String messageId, String webhook, String revision, String eventId, String eventType,
                            String mode, RenderedRequest request, Duration timeout, int attempts,
                            Instant nextAttemptAt, Instant createdAt) {
}
