package io.hookwright.dsl.model;

import java.time.Duration;
import java.util.Objects;

/**
 * How a webhook runs: in the caller's thread or queued, inside the host's transaction or after it, how long one
 * attempt may take, and (queued only) how it is tried again after a failure.
 */
public record ExecutionSpec(boolean synchronous, TransactionMode transaction, Duration timeout, RetryPolicy retry) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public ExecutionSpec {
        Objects.requireNonNull(retry, "retry: use RetryPolicy.DEFAULT for the engine's schedule");
    }

    public static ExecutionSpec defaults() {
        return new ExecutionSpec(false, TransactionMode.AFTER_COMMIT, DEFAULT_TIMEOUT, RetryPolicy.DEFAULT);
    }

    /** The four modes of the execution table, e.g. {@code sync-inside}, {@code async-after-commit}. */
    public String mode() {
        return (synchronous ? "sync-" : "async-") + transaction.word();
    }
}
