package io.hookwright.dsl.load;

import groovy.lang.Range;
import org.codehaus.groovy.runtime.InvokerHelper;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * The text of a value as Groovy would write it ({@code [a, b]}, {@code [k:v]}), built with a length limit: a list
 * that holds the same long text a hundred thousand times is cheap to make, but its text would fill the heap.
 */
final class BoundedText {
    /** How deep nested lists and maps are written before the rest is cut to {@code …}. */
    private static final int MAX_NESTING = 100;

    private final StringBuilder out = new StringBuilder();
    private final int limit;

    private BoundedText(int limit) {
        this.limit = limit;
    }

    /** {@code value} as text, refused when longer than {@link SandboxLimits#MAX_TEXT}. */
    static String of(Object value) {
        if (value instanceof String s) {
            return s;
        }
        BoundedText text = new BoundedText(SandboxLimits.MAX_TEXT);
        text.append(value, 0);
        return text.out.toString();
    }

    /** {@code values} joined by {@code separator}, as {@code join} does, within the same limit. */
    static String join(Iterable<?> values, String separator) {
        BoundedText text = new BoundedText(SandboxLimits.MAX_TEXT);
        boolean first = true;
        for (Object value : values) {
            if (!first) {
                text.add(separator);
            }
            first = false;
            text.append(value, 0);
        }
        return text.out.toString();
    }

    /** Refuses a text of {@code length} characters. */
    static void check(long length, String what) {
        if (length > SandboxLimits.MAX_TEXT) {
            throw new SandboxRuntime.SandboxViolation(what + " would make a text of " + length
                    + " characters, more than the " + SandboxLimits.MAX_TEXT + " a definition may build");
        }
    }

    private void append(Object value, int depth) {
        if (depth > MAX_NESTING) {
            add("…");
        } else if (value instanceof CharSequence text) {
            add(text);
        } else if (value instanceof Range<?> range) {
            add(range.toString());
        } else if (value instanceof Collection<?> list) {
            elements(list.iterator(), depth);
        } else if (value instanceof Object[] array) {
            elements(java.util.Arrays.asList(array).iterator(), depth);
        } else if (value instanceof Map<?, ?> map) {
            entries(map, depth);
        } else {
            add(InvokerHelper.toString(value));
        }
    }

    private void elements(Iterator<?> values, int depth) {
        add("[");
        while (values.hasNext()) {
            append(values.next(), depth + 1);
            if (values.hasNext()) {
                add(", ");
            }
        }
        add("]");
    }

    private void entries(Map<?, ?> map, int depth) {
        if (map.isEmpty()) {
            add("[:]");
            return;
        }
        add("[");
        Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<?, ?> entry = entries.next();
            append(entry.getKey(), depth + 1);
            add(":");
            append(entry.getValue(), depth + 1);
            if (entries.hasNext()) {
                add(", ");
            }
        }
        add("]");
    }

    private void add(CharSequence text) {
        check((long) out.length() + text.length(), "writing this value");
        out.append(text);
    }
}
