package io.hookwright.dsl.load;

import groovy.lang.GString;
import groovy.lang.GroovyObjectSupport;
import io.hookwright.dsl.model.ExecutionSpec;
import io.hookwright.dsl.model.Ordering;
import io.hookwright.dsl.model.RetryPolicy;
import io.hookwright.dsl.model.SourcePosition;
import io.hookwright.dsl.model.Template;
import io.hookwright.dsl.model.TransactionMode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The words of {@code execution { … }}. */
public final class ExecutionContext extends GroovyObjectSupport {
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
    static final String RETRY_USAGE = "retry takes waits such as '5s', '5m', false, or attempts: N";
    static final String ORDERED_USAGE = "orderedBy takes a template in single quotes giving the key, such as "
            + "orderedBy '${entity.id}', and optionally onFailure: 'skip' or 'block'";

    private final LoadSession session;
    private boolean synchronous;
    private TransactionMode transaction = TransactionMode.AFTER_COMMIT;
    private Duration timeout = ExecutionSpec.DEFAULT_TIMEOUT;
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    /** Where {@code retry} is written, if it is: it must not be given to a synchronous webhook. */
    private SourcePosition retryAt;
    private Ordering ordering;
    /** Where {@code orderedBy} is written, if it is: only queued webhooks keep an order. */
    private SourcePosition orderedAt;

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
     * {@code retry '5s', '5m', '30m'}: the waits before each retry (the first attempt goes at once, so 4 attempts);
     * {@code retry false} or {@code retry 'none'}: one attempt only; {@code retry attempts: 3}: the engine's schedule
     * cut to 3 attempts in all. Only for queued webhooks ({@code synchronous false}), checked in {@link #build()}.
     */
    public void retry(Object... args) {
        retryAt = session.here("retry");
        RetryPolicy parsed = args.length == 0 ? null : args[0] instanceof Map<?, ?> named ? attempts(named, args)
                : args.length == 1 && isNone(args[0]) ? RetryPolicy.none() : waits(args);
        if (args.length == 0) {
            session.error(retryAt, "retry needs a value: write waits such as '5s', '5m', false, or attempts: N");
        }
        if (parsed != null) {
            retry = parsed;
        }
    }

    /**
     * {@code orderedBy '${entity.id}'}: messages with the same key leave one at a time, in commit order;
     * {@code onFailure: 'block'} keeps the key waiting behind a message given up until an operator redelivers or skips
     * it ({@code 'skip'}, the default, lets the next one go). Only for queued webhooks, checked in {@link #build()}.
     */
    public void orderedBy(Object... args) {
        orderedAt = session.here("orderedBy");
        Map<?, ?> named = args.length > 0 && args[0] instanceof Map<?, ?> m ? m : Map.of();
        int first = args.length > 0 && args[0] instanceof Map<?, ?> ? 1 : 0;
        if (args.length - first != 1) {
            session.error(args.length - first > 1 ? session.argument("orderedBy", first + 1) : orderedAt, ORDERED_USAGE);
            return;
        }
        Ordering.OnFailure onFailure = Ordering.OnFailure.SKIP;
        for (Map.Entry<?, ?> option : named.entrySet()) {
            String name = String.valueOf(option.getKey());
            if (!"onFailure".equals(name)) {
                session.error(session.namedArgument("orderedBy", name, false), "orderedBy has no option '" + name + "': "
                        + (Vocabulary.nearest(name, List.of("onFailure")) != null ? "did you mean 'onFailure'? " : "")
                        + ORDERED_USAGE);
                return;
            }
            Object value = option.getValue();
            Optional<Ordering.OnFailure> parsed = value instanceof String w ? Ordering.OnFailure.fromWord(w) : Optional.empty();
            if (parsed.isEmpty()) {
                session.error(session.namedArgument("orderedBy", name, true), "orderedBy onFailure: takes 'skip' (a "
                        + "message given up lets the next of its key go) or 'block' (the key waits for an operator), not "
                        + Values.describe(value));
                return;
            }
            onFailure = parsed.get();
        }
        Object key = args[first];
        SourcePosition at = session.argument("orderedBy", first);
        if (key instanceof GString) {
            session.error(at, "use single quotes for templates: in double quotes Groovy fills in \"${…}\" when the file "
                    + "loads, before any event exists");
        } else if (!(key instanceof String text) || text.isBlank()) {
            session.error(at, ORDERED_USAGE + ", not " + Values.describe(key));
        } else {
            ordering = new Ordering(new Template("orderedBy", text, at, true), onFailure);
        }
    }

    private static boolean isNone(Object value) {
        return Boolean.FALSE.equals(value) || value instanceof CharSequence s && s.toString().trim().equals("none");
    }

    /** {@code retry attempts: 3}; null when it is wrong (the error is recorded). */
    private RetryPolicy attempts(Map<?, ?> named, Object[] args) {
        boolean ok = true;
        for (Object key : named.keySet()) {
            if (!"attempts".equals(key)) {
                String name = String.valueOf(key);
                session.error(session.namedArgument("retry", name, false), "retry has no option '" + name + "': "
                        + (Vocabulary.nearest(name, List.of("attempts")) != null ? "did you mean 'attempts'? " : "")
                        + RETRY_USAGE);
                ok = false;
            }
        }
        if (args.length > 1) {
            session.error(session.argument("retry", 1), "retry takes either attempts: N or waits such as '5s', '5m', "
                    + "not both");
            ok = false;
        }
        if (!named.containsKey("attempts")) {
            return null;
        }
        Object value = named.get("attempts");
        SourcePosition at = session.namedArgument("retry", "attempts", true);
        if (!(value instanceof Integer || value instanceof Long)) {
            session.error(at, "retry attempts: takes a whole number from 1 to " + RetryPolicy.MAX_ATTEMPTS + ", not "
                    + Values.describe(value));
            return null;
        }
        long attempts = ((Number) value).longValue();
        if (attempts < 1 || attempts > RetryPolicy.MAX_ATTEMPTS) {
            session.error(at, "retry attempts: " + attempts + " is out of range: use 1 to " + RetryPolicy.MAX_ATTEMPTS
                    + " (attempts in all, the first included)");
            return null;
        }
        return ok ? RetryPolicy.attempts((int) attempts) : null;
    }

    /** {@code retry '5s', '5m'}; null when a wait is wrong (each error is recorded). */
    private RetryPolicy waits(Object[] args) {
        List<Duration> waits = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < args.length; i++) {
            SourcePosition at = session.argument("retry", i);
            for (Object arg : Values.flatten(new Object[]{args[i]})) {
                if (isNone(arg)) {
                    session.error(at, "retry " + Values.describe(arg) + " stands alone: write retry false (or retry "
                            + "'none') for one attempt only, or list the waits");
                    ok = false;
                    continue;
                }
                if (!(arg instanceof CharSequence text)) {
                    session.error(at, RETRY_USAGE + ", not " + Values.describe(arg));
                    ok = false;
                    continue;
                }
                Duration wait = Durations.parse(text.toString()).orElse(null);
                if (wait == null) {
                    session.error(at, "bad duration " + Values.describe(arg) + ": " + Durations.FORMAT);
                    ok = false;
                } else if (wait.isNegative() || wait.compareTo(RetryPolicy.MAX_WAIT) > 0) {
                    session.error(at, "retry wait '" + text + "' is out of range: use 0 to 24h");
                    ok = false;
                } else if (waits.size() == RetryPolicy.MAX_RETRIES) {
                    session.error(at, "retry takes at most " + RetryPolicy.MAX_RETRIES + " waits ("
                            + (RetryPolicy.MAX_RETRIES + 1) + " attempts in all): drop this one and those after it");
                    return null;
                } else {
                    waits.add(wait);
                }
            }
        }
        if (ok && waits.isEmpty()) {
            session.error(session.argument("retry", 0), "retry needs a value: write waits such as '5s', '5m', false, "
                    + "or attempts: N");
            return null;
        }
        return ok ? RetryPolicy.waits(waits) : null;
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

    /** The block's spec; a {@code retry} on a synchronous webhook is reported here, whichever word came first. */
    ExecutionSpec build() {
        if (synchronous && retryAt != null) {
            session.error(retryAt, "retry applies to async webhooks (synchronous false): a synchronous webhook is "
                    + "sent once");
        }
        if (synchronous && orderedAt != null) {
            session.error(orderedAt, "orderedBy applies to async webhooks (synchronous false): a synchronous webhook is "
                    + "sent in the caller's thread, in the caller's order");
        }
        return new ExecutionSpec(synchronous, transaction, timeout, retry,
                synchronous ? Optional.empty() : Optional.ofNullable(ordering));
    }
}
