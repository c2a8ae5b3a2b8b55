package io.hookwright.event;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Comparing and showing JSON-like values: numbers compare by value whatever their Java type. */
public final class Values {
    /** Text longer than this is shown in messages by its beginning and its length. */
    public static final int MAX_SHOWN_TEXT = 80;
    /**
     * Text longer than this is never read as a number (JSON input allows numbers of 1,000 characters): reading one
     * costs time that grows faster than its length.
     */
    public static final int MAX_NUMBER_TEXT = 1_000;

    private Values() {
    }

    /**
     * The value as a number, when it is one or is text holding one; null for anything else, including a double
     * that is infinite or not a number (see {@link #infinite}).
     */
    public static BigDecimal number(Object value) {
        if (value instanceof BigDecimal b) {
            return b;
        }
        if (value instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (value instanceof String s && !s.isBlank() && s.length() <= MAX_NUMBER_TEXT) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Whether the value is a double or float that is infinite or not a number, which {@link #number} leaves out. */
    public static boolean infinite(Object value) {
        return (value instanceof Double || value instanceof Float) && !Double.isFinite(((Number) value).doubleValue());
    }

    /** Equality as a user means it: 5000 equals 5000.0 and "5000"; otherwise plain equality. */
    public static boolean same(Object a, Object b) {
        if (a instanceof Number || b instanceof Number) {
            BigDecimal x = number(a);
            BigDecimal y = number(b);
            if (x != null && y != null) {
                return x.compareTo(y) == 0;
            }
        }
        if (a instanceof Map<?, ?> || a instanceof List<?>) {
            return deepSame(a, b);
        }
        if (a instanceof Boolean || b instanceof Boolean) {
            return a != null && b != null && a.toString().equalsIgnoreCase(b.toString());
        }
        return Objects.equals(a, b);
    }

    private static boolean deepSame(Object a, Object b) {
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return x.size() == y.size() && x.entrySet().stream().allMatch(e -> y.containsKey(e.getKey())
                    && same(e.getValue(), y.get(e.getKey())));
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * A short form for messages: text in quotes, numbers as written (scientific past 40 characters), lists and
     * objects as JSON; text longer than {@link #MAX_SHOWN_TEXT} by its beginning and its length,
     * {@code 'aaaa…' (480,000 characters)}.
     */
    public static String show(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return s.length() <= MAX_SHOWN_TEXT ? "'" + s + "'" : "'" + beginning(s) + "…' (" + length(s) + ")";
        }
        if (value instanceof BigDecimal b) {
            return ShownNumber.of(b);
        }
        if (value instanceof BigInteger b) {
            return ShownNumber.of(b);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        String json = EventJson.write(value);
        return json.length() > MAX_SHOWN_TEXT ? json.substring(0, MAX_SHOWN_TEXT - 3) + "..." : json;
    }

    /** {@code 480,000 characters}. */
    public static String length(CharSequence text) {
        return String.format(Locale.ROOT, "%,d characters", text.length());
    }

    /** The first {@link #MAX_SHOWN_TEXT} characters, without splitting a surrogate pair. */
    private static String beginning(String text) {
        int end = MAX_SHOWN_TEXT;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
