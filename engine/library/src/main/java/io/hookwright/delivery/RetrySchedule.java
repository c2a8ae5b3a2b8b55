package io.hookwright.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a failed message is tried again. {@code delays.get(i)} is the wait before attempt {@code i + 1}: the default
 * tries now, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h. Each wait is spread by up to {@code jitter}
 * either way, so a target that comes back is not hit by every queued message at once. A {@code Retry-After} from
 * the target (429, 503) is honoured when it asks for longer. Checked when built: a bad schedule is refused at once.
 */
public record RetrySchedule(List<Duration> delays, double jitter) {
    public static final RetrySchedule DEFAULT = new RetrySchedule(List.of(Duration.ZERO, Duration.ofSeconds(5),
            Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5),
            Duration.ofHours(10), Duration.ofHours(10)), 0.1);
    /** The longest a target may push a retry back with Retry-After. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

    public RetrySchedule {
        delays = List.copyOf(delays);
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("a retry schedule needs at least one attempt");
        }
        for (Duration delay : delays) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("a retry delay cannot be negative: " + delay);
            }
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter must be at least 0 and below 1, not " + jitter);
        }
    }

    /** How many attempts a message gets in all. */
    public int attempts() {
        return delays.size();
    }

    /**
     * When to make the next attempt after {@code attemptsMade} attempts failed, or empty when none is left.
     *
     * @param retryAfter what the target asked for, if anything
     */
    public Optional<Instant> next(int attemptsMade, Instant now, Optional<Duration> retryAfter, RandomGenerator random) {
        if (attemptsMade >= delays.size()) {
            return Optional.empty();
        }
        Duration planned = delays.get(attemptsMade);
        long millis = planned.toMillis();
        if (millis > 0 && jitter > 0) {
            millis += Math.round(millis * jitter * (2 * random.nextDouble() - 1));
        }
        Duration wait = Duration.ofMillis(millis);
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter.get();
            if (asked.compareTo(wait) > 0) {
                wait = asked;
            }
        }
        return Optional.of(now.plus(wait));
    }
}
