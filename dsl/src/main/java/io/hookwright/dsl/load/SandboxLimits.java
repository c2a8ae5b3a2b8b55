package io.hookwright.dsl.load;

import io.hookwright.dsl.limit.Watchdog;
import io.hookwright.dsl.regex.BoundedRegex;

import java.time.Duration;

/**
 * The sizes definition code may build and the time it has left. Java's big numbers, string repetition and the like
 * do their work in one call that no interrupt reaches, so {@link SandboxRuntime} checks these sizes before the work
 * starts; growth made of many small steps is cut off by the {@link Watchdog}'s allocation budget instead.
 *
 * <p>The time left belongs to the thread running definition code (a where worker, a file's loading thread): it
 * bounds every regular expression that code runs.
 */
final class SandboxLimits {
    /** The most decimal digits a number computed by definition code may have (about 33,000 bits). */
    static final int MAX_DIGITS = 10_000;
    /** The same, in bits, for whole numbers. */
    static final long MAX_BITS = (long) Math.ceil(MAX_DIGITS * Math.log(10) / Math.log(2));
    /** The largest power of ten a decimal may be scaled by, either way ({@code 1e10000}, {@code 1e-10000}). */
    static final int MAX_SCALE = 10_000;
    /** The longest text definition code may build (repeat, join, replace, concatenate, format). */
    static final int MAX_TEXT = 1_000_000;
    /** The most elements a list or map built by definition code may have, and a range it may walk through. */
    static final int MAX_ELEMENTS = 100_000;
    /**
     * The most values a list or map built by definition code may hold counting those nested in it, a list reached
     * twice counting twice: {@code l = [l, l]} repeated doubles this each time while costing nothing, and comparing
     * or writing it would take as many steps.
     */
    static final long MAX_NESTED_VALUES = 1_000_000;
    /** The most element pairs a comparing method ({@code unique}, {@code intersect}…) may look at. */
    static final long MAX_PAIRS = 10_000_000;
    /** The longest text a number may be read from ({@code toBigDecimal}, {@code isNumber}…). */
    static final int MAX_NUMBER_TEXT = MAX_DIGITS + 100;
    /**
     * How many bytes one where evaluation may allocate, kept or not (the JVM counts what a thread allocates, not
     * what it keeps): far above what reading an event takes, low enough that a few closures growing a value at
     * once cannot fill the heap.
     */
    static final long WHERE_ALLOCATION = 128L << 20;
    /** How many bytes loading one definition file may allocate, kept or not. */
    static final long LOAD_ALLOCATION = 256L << 20;

    private static final ThreadLocal<long[]> DEADLINE = new ThreadLocal<>();

    private SandboxLimits() {
    }

    /** Marks the calling thread as running definition code until {@code deadline} ({@link System#nanoTime()}). */
    static Scope until(long deadline) {
        long[] previous = DEADLINE.get();
        DEADLINE.set(new long[]{deadline});
        return () -> {
            if (previous == null) {
                DEADLINE.remove();
            } else {
                DEADLINE.set(previous);
            }
        };
    }

    /** What is left of the running code's time: the budget of a regular expression it runs. */
    static Duration remaining() {
        long[] deadline = DEADLINE.get();
        if (deadline == null) {
            return BoundedRegex.DEFAULT_BUDGET;
        }
        return Duration.ofNanos(Math.max(deadline[0] - System.nanoTime(), 1_000_000));
    }

    /** Ends a thread's time limit. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
