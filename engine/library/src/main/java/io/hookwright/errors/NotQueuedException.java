package io.hookwright.errors;

import java.util.List;

/**
 * Async-inside webhooks could not be written to the outbox on the host's connection (it is not a connection to the
 * engine's database, or that database failed), so the host's transaction must not commit: committing would lose them.
 * The transaction is rollback-only; {@code commit()} rolls it back and throws this.
 */
public final class NotQueuedException extends HookwrightException {
    private final List<String> webhooks;

    public NotQueuedException(List<String> webhooks, String message, Throwable cause) {
        super(message, cause);
        this.webhooks = List.copyOf(webhooks);
    }

    /** The webhooks whose messages were not queued. */
    public List<String> webhooks() {
        return webhooks;
    }
}
