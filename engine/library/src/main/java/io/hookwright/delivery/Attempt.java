package io.hookwright.delivery;

import io.hookwright.runlog.Response;

import java.time.Duration;
import java.util.Optional;

/**
 * What one send gave: the response when one came, or the error (timeout, refused, reset, a target the policy
 * refused, a secret not set). {@code retryAfter} is the target's own request for a later retry (429, 503).
 */
public record Attempt(Response response, String error, Duration duration, Optional<Duration> retryAfter) {
    public boolean succeeded() {
        return response != null && response.status() >= 200 && response.status() < 300;
    }

    /** 410 Gone: the target says it will never want this webhook again. */
    public boolean gone() {
        return response != null && response.status() == 410;
    }

    /** A short description for logs and for a veto: the status and the start of the body, or the error. */
    public String describe() {
        if (response == null) {
            return error;
        }
        String body = response.body() == null ? "" : response.body().strip();
        return "HTTP " + response.status() + (body.isEmpty() ? "" : ": " + (body.length() > 200 ? body.substring(0, 197) + "..." : body));
    }
}
