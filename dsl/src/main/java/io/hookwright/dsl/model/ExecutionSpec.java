package io.hookwright.dsl.model;

import java.time.Duration;

/** How a webhook runs: in the caller's thread or queued, inside the host's transaction or after it. */
public record ExecutionSpec(boolean synchronous, TransactionMode transaction, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public static ExecutionSpec defaults() {
        return new ExecutionSpec(false, TransactionMode.AFTER_COMMIT, DEFAULT_TIMEOUT);
    }

    /** The four modes of the execution table, e.g. {@code sync-inside}, {@code async-after-commit}. */
    public String mode() {
        return (synchronous ? "sync-" : "async-") + transaction.word();
    }
}
