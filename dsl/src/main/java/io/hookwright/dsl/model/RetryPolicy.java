package io.hookwright.dsl.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How an asynchronous webhook is tried again after a failed attempt, as its definition says with {@code retry}. The
 * first attempt always goes at once; a policy only says what follows it.
 * <ul>
 * <li>{@link EngineDefault} ({@link #DEFAULT}): no {@code retry} written; the engine's own schedule.</li>
 * <li>{@link Attempts}: {@code retry attempts: 3}; the engine's schedule cut to at most that many attempts in all.</li>
 * <li>{@link Waits}: {@code retry '5s', '5m', '30m'}; one retry after each wait, so {@code waits + 1} attempts in
 * all. {@code retry false} and {@code retry 'none'} give no waits: one attempt only ({@link #none()}).</li>
 * </ul>
 * Checked when built: the DSL reports mistakes with their place in the file; these checks only refuse what it
 * would never build.
 */
public sealed interface RetryPolicy permits RetryPolicy.EngineDefault, RetryPolicy.Attempts, RetryPolicy.Waits {
    /** The most waits {@code retry '…', …} may list: 20 retries, 21 attempts in all. */
    int MAX_RETRIES = 20;
    /** The most attempts {@code retry attempts: N} may ask for. */
    int MAX_ATTEMPTS = 20;
    /** The longest one wait may be. */
    Duration MAX_WAIT = Duration.ofHours(24);

    /** No {@code retry} written: the engine's default schedule. */
    RetryPolicy DEFAULT = new EngineDefault();

    /** {@code retry false} or {@code retry 'none'}: one attempt, no retry. */
    static RetryPolicy none() {
        return new Waits(List.of());
    }

    /** {@code retry '5s', '5m'}: the waits before each retry, in order. */
    static RetryPolicy waits(List<Duration> waits) {
        return new Waits(waits);
    }

    /** {@code retry attempts: 3}: the engine's default schedule cut to {@code attempts} attempts in all. */
    static RetryPolicy attempts(int attempts) {
        return new Attempts(attempts);
    }

    /** The engine's default schedule, untouched. */
    record EngineDefault() implements RetryPolicy {
    }

    /** The engine's default schedule, cut to at most {@code max} attempts in all (1 to {@link #MAX_ATTEMPTS}). */
    record Attempts(int max) implements RetryPolicy {
        public Attempts {
            if (max < 1 || max > MAX_ATTEMPTS) {
                throw new IllegalArgumentException("attempts must be 1 to " + MAX_ATTEMPTS + ", not " + max);
            }
        }
    }

    /**
     * Exactly these waits: {@code beforeEachRetry.get(i)} is the wait before retry {@code i + 1}, that is before
     * attempt {@code i + 2}. Empty: no retry. Each wait from 0 to {@link #MAX_WAIT}, at most {@link #MAX_RETRIES}.
     */
    record Waits(List<Duration> beforeEachRetry) implements RetryPolicy {
        public Waits {
            beforeEachRetry = List.copyOf(beforeEachRetry);
            if (beforeEachRetry.size() > MAX_RETRIES) {
                throw new IllegalArgumentException("at most " + MAX_RETRIES + " retries, not " + beforeEachRetry.size());
            }
            for (Duration wait : beforeEachRetry) {
                if (wait.isNegative() || wait.compareTo(MAX_WAIT) > 0) {
                    throw new IllegalArgumentException("a retry wait must be 0 to " + MAX_WAIT + ", not " + wait);
                }
            }
        }
    }

    /** True when no {@code retry} was written and the engine's schedule applies as it is. */
    default boolean isDefault() {
        return this instanceof EngineDefault;
    }

    /** True for {@code retry false} / {@code retry 'none'}: one attempt only. */
    default boolean isNone() {
        return this instanceof Waits w && w.beforeEachRetry().isEmpty();
    }

    /** The waits before each retry when the definition lists them ({@code retry '5s', …}, or none); else empty. */
    default Optional<List<Duration>> waits() {
        return this instanceof Waits w ? Optional.of(w.beforeEachRetry()) : Optional.empty();
    }

    /**
     * The attempts in all when the definition fixes them: {@code N} for {@code retry attempts: N} (at most: the
     * engine's schedule may be shorter), waits + 1 for listed waits, 1 for none; empty for the engine's default.
     */
    default OptionalInt attempts() {
        return switch (this) {
            case EngineDefault d -> OptionalInt.empty();
            case Attempts a -> OptionalInt.of(a.max());
            case Waits w -> OptionalInt.of(w.beforeEachRetry().size() + 1);
        };
    }

    /**
     * The wait before every attempt, the first included (always {@link Duration#ZERO}), given the engine's default
     * in the same form: the default itself, its first {@code N} entries, or {@code ZERO} followed by the waits.
     */
    default List<Duration> delays(List<Duration> engineDefault) {
        Objects.requireNonNull(engineDefault, "engineDefault");
        return switch (this) {
            case EngineDefault d -> List.copyOf(engineDefault);
            case Attempts a -> List.copyOf(engineDefault.subList(0, Math.min(a.max(), engineDefault.size())));
            case Waits w -> {
                List<Duration> all = new ArrayList<>(w.beforeEachRetry().size() + 1);
                all.add(Duration.ZERO);
                all.addAll(w.beforeEachRetry());
                yield List.copyOf(all);
            }
        };
    }
}
