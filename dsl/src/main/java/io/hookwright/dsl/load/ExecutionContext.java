package io.hookwright.dsl.load;

import groovy.lang.GroovyObjectSupport;
import io.hookwright.dsl.model.ExecutionSpec;
import io.hookwright.dsl.model.SourcePosition;
import io.hookwright.dsl.model.TransactionMode;

import java.time.Duration;

/** The words of {@code execution { … }}. */
public final class ExecutionContext extends GroovyObjectSupport {
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
            session.error(session.argument("synchronous", 0), "synchronous takes true or false, not "
                    + Values.describe(value));
        }
    }

    /** {@code transaction 'inside'} or {@code transaction 'after-commit'}. */
    public void transaction(Object mode) {
        TransactionMode parsed = mode instanceof CharSequence s ? TransactionMode.fromWord(s.toString()).orElse(null) : null;
        if (parsed == null) {
            String suggestion = mode instanceof CharSequence s ? nearestMode(s.toString()) : null;
            session.error(session.argument("transaction", 0), "unknown transaction mode " + Values.describe(mode)
                    + ": " + (suggestion == null ? "" : "did you mean '" + suggestion + "'? ")
                    + "use 'inside' or 'after-commit'");
        } else {
            transaction = parsed;
        }
    }

    /** {@code timeout '5s'}. */
    public void timeout(Object text) {
        Duration parsed = text instanceof CharSequence s ? Durations.parse(s.toString()).orElse(null) : null;
        SourcePosition at = session.argument("timeout", 0);
        if (parsed == null) {
            session.error(at, "bad duration " + Values.describe(text) + ": " + Durations.FORMAT);
        } else if (parsed.isZero() || parsed.compareTo(MAX_TIMEOUT) > 0) {
            session.error(at, "timeout '" + text + "' is out of range: use more than 0 and at most 5m");
        } else {
            timeout = parsed;
        }
    }

    /**
     * A word this block does not know, or one of its words given arguments it does not take. The loader has
     * already reported an unknown word (it only runs files whose unknown words cannot run anything); it is
     * recorded again here, at the same place, in case it was reached another way.
     */
    public Object methodMissing(String name, Object args) {
        session.error(name, Vocabulary.EXECUTION.missing(name));
        return Ignored.INSTANCE;
    }

    private static String nearestMode(String written) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (TransactionMode mode : TransactionMode.values()) {
            int d = Levenshtein.distance(written.toLowerCase(java.util.Locale.ROOT), mode.word());
            if (d < bestDistance) {
                bestDistance = d;
                best = mode.word();
            }
        }
        return bestDistance <= 3 ? best : null;
    }

    ExecutionSpec build() {
        return new ExecutionSpec(synchronous, transaction, timeout);
    }
}
