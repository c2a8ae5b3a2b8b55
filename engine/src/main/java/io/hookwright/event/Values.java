package io.hookwright.event;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Comparing and showing JSON-like values: numbers compare by value whatever their Java type. */
public final class Values {
    /** Numbers whose exponent or digits go beyond this are shown in scientific notation. */
    private static final int PLAIN_EXPONENT = 40;

    private Values() {
    }

    /** The value as a number, when it is one or is text holding one. */
    public static BigDecimal number(Object value) {
        if (value instanceof BigDecimal b) {
            return b;
        }
        if (value instanceof Number n) {
            return n instanceof Double || n instanceof Float ? BigDecimal.valueOf(n.doubleValue()) : new BigDecimal(n.toString());
        }
        if (value instanceof String s && !s.isBlank()) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
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

    /** A short form for messages: text in quotes, numbers as written, lists and objects as JSON. */
    public static String show(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        if (value instanceof BigDecimal b) {
            return plain(b);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        String json = EventJson.write(value);
        return json.length() > 80 ? json.substring(0, 77) + "..." : json;
    }

    /**
     * A decimal as written without an exponent when that is short, else in scientific notation: written out in full,
     * {@code 1e999999999} would be a billion characters.
     */
    static String plain(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        long exponent = (long) value.precision() - value.scale() - 1;
        if (Math.abs(exponent) > PLAIN_EXPONENT || value.precision() > PLAIN_EXPONENT) {
            return value.toString();
        }
        return value.stripTrailingZeros().toPlainString();
    }
}
