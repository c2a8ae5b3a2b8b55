package io.hookwright.runlog;

import io.hookwright.render.RenderedRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One attempt to deliver one message, as logged. The request keeps secret references, never values.
 *
 * @param signingSecrets names of the secrets the request was signed with, so a redelivery signs it the same way
 * @param response       null when no answer came (timeout, refused, reset)
 * @param captured       sent to the local receiver of {@code serve --capture} instead of its target: the response is
 *                       the receiver's, and nothing reached the request's URL
 */
public record Run(String id, String webhook, String revision, String eventId, String eventType, String messageId,
                  String mode, int attempt, RenderedRequest request, List<String> signingSecrets, Response response,
                  Duration duration, Outcome outcome, String error, Instant createdAt, String node, boolean captured) {
    public Run {
        signingSecrets = List.copyOf(signingSecrets);
    }

    /** A run sent to its target (or not sent at all): not captured. */
    public Run(String id, String webhook, String revision, String eventId, String eventType, String messageId,
               String mode, int attempt, RenderedRequest request, List<String> signingSecrets, Response response,
               Duration duration, Outcome outcome, String error, Instant createdAt, String node) {
        this(id, webhook, revision, eventId, eventType, messageId, mode, attempt, request, signingSecrets, response,
                duration, outcome, error, createdAt, node, false);
    }
}
