package io.hookwright.dsl.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a webhook runs: in the caller's thread or queued, inside the host's transaction or after it, how long one
 * attempt may take, and (queued only) how it is tried again after a failure and whether its messages keep an order
 * per key ({@code orderedBy}).
 */
public record ExecutionSpec(boolean synchronous, TransactionMode transaction, Duration timeout, RetryPolicy retry,
                            Optional<Ordering> ordering) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public ExecutionSpec {
        Objects.requireNonNull(retry, "retry: use RetryPolicy.DEFAULT for the engine's schedule");
        Objects.requireNonNull(ordering, "ordering: use Optional.empty() for no order");
    }

    /** A spec without {@code orderedBy}. */
    public ExecutionSpec(boolean synchronous, TransactionMode transaction, Duration timeout, RetryPolicy retry) {
        this(synchronous, transaction, timeout, retry, Optional.empty());
    }

    public static ExecutionSpec defaults() {
        return new ExecutionSpec(false, TransactionMode.AFTER_COMMIT, DEFAULT_TIMEOUT, RetryPolicy.DEFAULT);
    }

    /** The four modes of the execution table, e.g. {@code sync-inside}, {@code async-after-commit}. */
    public String mode() {
        return (synchronous ? "sync-" : "async-") + transaction.word();
    }
}
