package io.hookwright.dsl.load;

import groovy.lang.GString;
import groovy.lang.Range;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Turns values written in a definition into the plain values of the model: strings, numbers of the JDK's own
 * classes, booleans and null (lists of them are copied by the model). Anything else (a closure, an object made by
 * {@code as}, a number of a class of its own) is refused: the engine calls the values' methods when it matches
 * events, on its own threads, with no time limit.
 */
final class Values {
    /** Number classes whose methods are the JDK's own (a subclass could run anything in {@code compareTo}). */
    private static final Set<Class<?>> PLAIN_NUMBERS = Set.of(Integer.class, Long.class, Short.class, Byte.class,
            Double.class, Float.class, BigInteger.class, BigDecimal.class);
    /** How much of a value a message quotes. */
    private static final int QUOTED = 80;

    private Values() {
    }

    /** A text, number (of the JDK's classes, within the sandbox's size limits), boolean or null. */
    static boolean isPlain(Object value) {
        return value == null || value instanceof String || value instanceof GString || value instanceof Boolean
                || isPlainNumber(value);
    }

    private static boolean isPlainNumber(Object value) {
        if (value == null || !PLAIN_NUMBERS.contains(value.getClass())) {
            return false;
        }
        try {
            BoundedArithmetic.checkNumber((Number) value);
            return true;
        } catch (SandboxRuntime.SandboxViolation e) {
            return false;
        }
    }

    /** How a value is named in a message: {@code 'text'}, {@code 42}, {@code a list}… */
    static String describe(Object value) {
        if (value instanceof CharSequence text) {
            return "'" + (text.length() > QUOTED ? text.subSequence(0, QUOTED) + "…" : text) + "'";
        }
        if (value == null || value instanceof Boolean) {
            return String.valueOf(value);
        }
        if (isPlainNumber(value)) {
            String number = value.toString();
            return number.length() > QUOTED ? "a number of " + number.length() + " characters" : number;
        }
        if (value instanceof Number) {
            return "a number too large or of a class of its own (" + value.getClass().getSimpleName() + ")";
        }
        if (value instanceof java.util.Map<?, ?>) {
            return "a map";
        }
        if (value instanceof Range<?>) {
            return "a range";
        }
        if (value instanceof Collection<?>) {
            return "a list";
        }
        if (value instanceof groovy.lang.Closure<?>) {
            return "a block { }";
        }
        return "a " + value.getClass().getSimpleName();
    }

    /** A plain value as the model keeps it (a GString becomes its text); call after {@link #isPlain}. */
    static Object plain(Object value) {
        return value instanceof GString g ? g.toString() : value;
    }

    /** Flattens {@code 'a', 'b'} and {@code ['a', 'b']} alike; a range is refused when too long to copy. */
    static List<Object> flatten(Object[] values) {
        List<Object> all = new ArrayList<>();
        for (Object value : values) {
            if (value instanceof Collection<?> || value instanceof Object[]) {
                for (Object element : elements(value)) {
                    all.add(plain(element));
                }
            } else {
                all.add(plain(value));
            }
        }
        return all;
    }

    private static Iterable<?> elements(Object values) {
        if (values instanceof Object[] array) {
            checkSize(array.length);
            return java.util.Arrays.asList(array);
        }
        checkSize(SandboxRuntime.sizeOf(values));
        return (Collection<?>) values;
    }

    private static void checkSize(long size) {
        if (size > SandboxLimits.MAX_ELEMENTS) {
            throw new NotPlain("a list of " + size + " values (at most " + SandboxLimits.MAX_ELEMENTS + ")");
        }
    }

    /** A definition value that is not plain data; the message names what it is. */
    static final class NotPlain extends RuntimeException {
        NotPlain(String what) {
            super(what);
        }
    }
}
