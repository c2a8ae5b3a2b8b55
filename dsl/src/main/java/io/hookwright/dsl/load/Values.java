package io.hookwright.dsl.load;

import groovy.lang.GString;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Turns values written in a definition into the plain values of the model (strings, numbers, booleans, null). */
final class Values {
    private Values() {
    }

    static boolean isPlain(Object value) {
        return value == null || value instanceof String || value instanceof GString || value instanceof Number
                || value instanceof Boolean;
    }

    /** How a value is named in a message: {@code 'text'}, {@code 42}, {@code a list}… */
    static String describe(Object value) {
        if (value instanceof CharSequence text) {
            return "'" + text + "'";
        }
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        if (value instanceof java.util.Map<?, ?>) {
            return "a map";
        }
        if (value instanceof Collection<?>) {
            return "a list";
        }
        if (value instanceof groovy.lang.Closure<?>) {
            return "a block { }";
        }
        return "a " + value.getClass().getSimpleName();
    }

    static Object plain(Object value) {
        return value instanceof GString g ? g.toString() : value;
    }

    /** Flattens {@code 'a', 'b'} and {@code ['a', 'b']} alike. */
    static List<Object> flatten(Object[] values) {
        List<Object> all = new ArrayList<>();
        for (Object value : values) {
            if (value instanceof Collection<?> c) {
                c.forEach(v -> all.add(plain(v)));
            } else if (value instanceof Object[] array) {
                all.addAll(flatten(array));
            } else {
                all.add(plain(value));
            }
        }
        return all;
    }
}
