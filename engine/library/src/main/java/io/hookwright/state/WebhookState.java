package io.hookwright.state;

import java.time.Instant;

/**
 * A webhook's delivery health as the engine keeps it, apart from its definition: an operator's deactivation and an
 * automatic one both live here, so they survive restarts and reloads.
 *
 * @param lastFailure        what the latest failure was (status or error, and the target)
 * @param deactivationReason why it was deactivated, shown to operators; null while active
 */
public record WebhookState(String code, boolean active, int consecutiveFailures, String lastFailure,
                           Instant deactivatedAt, String deactivationReason) {
    public static WebhookState fresh(String code) {
        return new WebhookState(code, true, 0, null, null, null);
    }
}
