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
 */
public record OutboxMessage(String messageId, String webhook, String revision, String eventId, String eventType,
                            String mode, RenderedRequest request, List<String> signingSecrets, Duration timeout,
                            int attempts, Instant nextAttemptAt, Instant createdAt) {
    public OutboxMessage {
        signingSecrets = List.copyOf(signingSecrets);
    }

    /** The host it goes to: deliveries queue per host, so one slow target does not hold up the others. */
    public String targetHost() {
        return request.host();
    }
}
