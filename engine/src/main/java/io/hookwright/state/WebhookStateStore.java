package io.hookwright.state;

import java.time.Instant;
import java.util.Map;

/** Consecutive failures, automatic deactivation, and the operator's activate/deactivate. */
public interface WebhookStateStore {
    /** The state of every webhook that has one; a webhook missing here is active with no failures. */
    Map<String, WebhookState> all();

    WebhookState get(String code);

    /** A delivery succeeded: the failure count starts again. */
    void succeeded(String code, Instant now);

    /**
     * A delivery failed. When this makes {@code threshold} failures in a row, the webhook is deactivated with a reason
     * naming the count and the last failure. Returns the state after.
     */
    WebhookState failed(String code, Instant now, String failure, int threshold);

    /** Deactivates at once, e.g. on 410 Gone or by an operator. */
    WebhookState deactivate(String code, Instant now, String reason);

    /** Reactivates; the failure count starts again. */
    WebhookState activate(String code, Instant now);
}
