package io.hookwright.dsl.load;

import io.hookwright.dsl.model.ExecutionSpec;
import io.hookwright.dsl.model.TransactionMode;

import java.time.Duration;

/** The words of {@code execution { … }}. */
public final class ExecutionContext {
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    private final LoadSession session;
    private boolean synchronous;
    private TransactionMode transaction = TransactionMode.AFTER_COMMIT;
    private Duration timeout = ExecutionSpec.DEFAULT_TIMEOUT;

    ExecutionContext(LoadSession session) {
        this.session = session;
    }

    /** {@code synchronous true}: sent in the caller's thread; {@code false}: queued, retried. */
    public void synchronous(Object value) {
        if (value instanceof Boolean b) {
            synchronous = b;
        } else {
            session.error("synchronous", "synchronous takes true or false");
        }
    }

    /** {@code transaction 'inside'} or {@code transaction 'after-commit'}. */
    public void transaction(Object mode) {
        TransactionMode parsed = mode instanceof CharSequence s ? TransactionMode.fromWord(s.toString()).orElse(null) : null;
        if (parsed == null) {
            session.error("transaction", "unknown transaction mode '" + mode + "': use 'inside' or 'after-commit'");
        } else {
            transaction = parsed;
        }
    }

    /** {@code timeout '5s'}. */
    public void timeout(Object text) {
        Duration parsed = text instanceof CharSequence s ? Durations.parse(s.toString()).orElse(null) : null;
        if (parsed == null) {
            session.error("timeout", "bad duration '" + text + "': " + Durations.FORMAT);
        } else if (parsed.isZero() || parsed.compareTo(MAX_TIMEOUT) > 0) {
            session.error("timeout", "timeout '" + text + "' is out of range: use more than 0 and at most 5m");
        } else {
            timeout = parsed;
        }
    }

    ExecutionSpec build() {
        return new ExecutionSpec(synchronous, transaction, timeout);
    }
}
