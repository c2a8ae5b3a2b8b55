package io.hookwright.runlog;

import io.hookwright.render.RenderedRequest;

import java.time.Duration;
import java.time.Instant;

/**
 * One attempt to deliver one message, as logged. The request keeps secret references, never values.
 *
 * @param response null when no answer came (timeout, refused, reset)
 */
public record Run(String id, String webhook, String revision, String eventId, String eventType, String messageId,
                  String mode, int attempt, RenderedRequest request, Response response, Duration duration,
                  Outcome outcome, String error, Instant createdAt) {
}
