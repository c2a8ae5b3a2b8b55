package io.hookwright.testwait;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one way tests wait for something another thread or process does: poll a condition until it holds, and fail
 * with what was expected when it does not within the timeout. The timeout is a bound on a failing test, never a
 * measured time: a passing test goes on as soon as the condition holds. The library's tests have the same class;
 * the DSL module cannot see them, so it keeps this copy.
 */
public final class Await {
    private static final long FIRST_PAUSE_MILLIS = 2;
    private static final long LONGEST_PAUSE_MILLIS = 50;

    private Await() {
    }

    /**
     * Returns once {@code condition} holds.
     *
     * @throws AssertionError naming {@code whatWasExpected} when {@code timeout} passed first
     */
    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> whatWasExpected) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(whatWasExpected.get() + " (not within " + timeout.toMillis() + " ms)");
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting: " + whatWasExpected.get(), e);
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
        }
    }

    /** {@link #until(Duration, BooleanSupplier, Supplier)} with a fixed description. */
    public static void until(Duration timeout, BooleanSupplier condition, String whatWasExpected) {
        until(timeout, condition, () -> whatWasExpected);
    }
}
