package io.hookwright.errors;

/**
 * A synchronous webhook sent inside the host's transaction failed, so the transaction was rolled back. The run
 * that failed is in the run log under {@link #runId()}.
 */
public final class WebhookVetoedException extends HookwrightException {
    private final String webhook;
    private final String runId;
    private final String reason;

    public WebhookVetoedException(String webhook, String runId, String reason) {
        super("webhook " + webhook + " vetoed the transaction: " + reason + " (run " + runId + ")");
        this.webhook = webhook;
        this.runId = runId;
        this.reason = reason;
    }

    public String webhook() {
        return webhook;
    }

    public String runId() {
        return runId;
    }

    /** The response or error, e.g. {@code HTTP 500: out of stock}. */
    public String reason() {
        return reason;
    }
}
