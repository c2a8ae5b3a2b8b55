package io.hookwright.dsl.load;

import groovy.lang.Range;

import java.util.Collection;
import java.util.Set;

/**
 * Size checks for the value methods whose cost grows faster than what they are given: walking a range that holds
 * no memory ({@code (1..1e9).join()}), comparing every element with every other ({@code unique}), searching or
 * replacing in long texts, reading a number from a long text.
 */
final class SandboxSizes {
    /** The most character comparisons one text search or replacement may need. */
    static final long MAX_SEARCH = 1_000_000_000L;

    /** What may be asked of a range of any length: none of these walks through it. */
    private static final Set<String> CHEAP = Set.of("size", "isEmpty", "contains", "get", "first", "last",
            "asBoolean", "toString", "equals", "*.contains");
    private static final Set<String> PAIRWISE = Set.of("unique", "intersect", "disjoint");
    private static final Set<String> NUMBER_READERS = Set.of("toBigDecimal", "toInteger", "toLong", "toDouble");
    private static final Set<String> NUMBER_TESTS = Set.of("isNumber", "isInteger", "isBigDecimal");
    private static final Set<String> SEARCHES = Set.of("contains", "indexOf", "tokenize", "count");

    private SandboxSizes() {
    }

    /**
     * Refuses a list or map holding more than {@link SandboxLimits#MAX_NESTED_VALUES} values, nested ones included
     * as often as they are reached. Each list is looked into once, so the check costs what the distinct lists hold.
     */
    static Object nested(Object value) {
        if (value instanceof Collection<?> || value instanceof java.util.Map<?, ?> || value instanceof Object[]) {
            count(value, new java.util.IdentityHashMap<>());
        }
        return value;
    }

    private static long count(Object value, java.util.IdentityHashMap<Object, Long> seen) {
        if (value instanceof Range<?> || !(value instanceof Collection<?> || value instanceof java.util.Map<?, ?>
                || value instanceof Object[])) {
            return 1;
        }
        Long known = seen.get(value);
        if (known != null) {
            return known;
        }
        seen.put(value, 1L);
        long total = 1;
        Iterable<?> children = value instanceof java.util.Map<?, ?> map ? map.values()
                : value instanceof Object[] array ? java.util.Arrays.asList(array) : (Collection<?>) value;
        for (Object child : children) {
            total += count(child, seen);
            if (total > SandboxLimits.MAX_NESTED_VALUES) {
                throw new SandboxRuntime.SandboxViolation("this list holds more than " + SandboxLimits.MAX_NESTED_VALUES
                        + " values counting those nested in it (a list inside it twice counts twice): more than a "
                        + "definition may build");
            }
        }
        seen.put(value, total);
        return total;
    }

    /** Refuses to walk through a range longer than {@link SandboxLimits#MAX_ELEMENTS}. */
    static void walk(Object values, String name) {
        if (values instanceof Range<?> range && !CHEAP.contains(name)) {
            long size = SandboxRuntime.sizeOf(range);
            if (size > SandboxLimits.MAX_ELEMENTS) {
                throw new SandboxRuntime.SandboxViolation(name + " would walk through a range of "
                        + (size == Long.MAX_VALUE ? "more than " + Integer.MAX_VALUE : size) + " values, more than the "
                        + SandboxLimits.MAX_ELEMENTS + " a definition may");
            }
        }
    }

    /** Refuses {@code unique}, {@code intersect}, {@code disjoint} on lists too long to compare pairwise. */
    static void pairs(Object receiver, String name, Object[] args) {
        if (!PAIRWISE.contains(name)) {
            return;
        }
        long size = SandboxRuntime.sizeOf(receiver);
        long other = args.length > 0 && (args[0] instanceof java.util.Collection<?> || args[0] instanceof Object[])
                ? SandboxRuntime.sizeOf(args[0]) : size;
        if ((double) size * other > SandboxLimits.MAX_PAIRS) {
            throw SandboxRuntime.tooMuchWork(name, size, other);
        }
    }

    /** A text method that is bounded here, or {@link SandboxRuntime#UNBOUNDED}. */
    static Object text(CharSequence text, String name, Object[] args) {
        int length = text.length();
        if (NUMBER_READERS.contains(name) && length > SandboxLimits.MAX_NUMBER_TEXT) {
            throw new SandboxRuntime.SandboxViolation(name + "() on a text of " + length + " characters: a number is "
                    + "read from at most " + SandboxLimits.MAX_NUMBER_TEXT);
        }
        if (NUMBER_TESTS.contains(name) && length > SandboxLimits.MAX_NUMBER_TEXT) {
            return false;
        }
        if (name.equals("toString") && args.length == 0) {
            return text.toString();
        }
        if (args.length >= 1 && args[0] instanceof CharSequence needle
                && (SEARCHES.contains(name) || name.equals("replace"))) {
            search(length, needle.length(), name);
            if (name.equals("replace") && args.length == 2 && args[1] instanceof CharSequence with) {
                long pieces = needle.length() == 0 ? length + 1L : length / needle.length();
                BoundedText.check(length + pieces * with.length(), "replace(…)");
            }
        }
        return SandboxRuntime.UNBOUNDED;
    }

    private static void search(long length, long needle, String name) {
        if (length * needle > MAX_SEARCH) {
            throw new SandboxRuntime.SandboxViolation(name + "(…) would compare a text of " + length + " characters "
                    + "with one of " + needle + ": more than a definition may search; use shorter texts");
        }
    }
}
