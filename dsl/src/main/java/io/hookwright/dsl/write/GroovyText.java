package io.hookwright.dsl.write;

import java.math.BigDecimal;
import java.math.BigInteger;
import io.hookwright.dsl.load.Durations;

import java.time.Duration;
import java.util.Optional;

/**
 * Values as a person writes them in a definition: texts in single quotes (so {@code ${…}} stays FreeMarker's, not
 * Groovy's), numbers as numbers whose literal gives back the same class and value, durations such as {@code '5s'}.
 */
final class GroovyText {
    private GroovyText() {
    }

    /** {@code 'text'}: backslashes and quotes escaped, line breaks and other invisible controls as escapes. */
    static String quoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('\'');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> appendVisible(out, text, i);
            }
        }
        return out.append('\'').toString();
    }

    /**
     * {@code '''text'''} for text over several lines, its line breaks written as they are. A quote that would end
     * the text early (one starting a run of three, or one of those just before the closing quotes) is escaped.
     */
    static String tripleQuoted(String text) {
        StringBuilder out = new StringBuilder(text.length() + 6).append("'''");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == '\'' && (text.startsWith("''", i + 1) || onlyQuotesFrom(text, i))) {
                out.append("\\'");
            } else if (c == '\n' || c == '\t') {
                out.append(c);
            } else {
                appendVisible(out, text, i);
            }
        }
        return out.append("'''").toString();
    }

    private static boolean onlyQuotesFrom(String text, int start) {
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) != '\'') {
                return false;
            }
        }
        return true;
    }

    /**
     * The character at {@code i} as is, or as an escape when a reader could not see it or a file could not hold it:
     * a control character (a carriage return would also be read back as a plain line break), a line or paragraph
     * separator, half of a broken surrogate pair.
     */
    private static void appendVisible(StringBuilder out, String text, int i) {
        char c = text.charAt(i);
        boolean brokenPair = Character.isHighSurrogate(c)
                ? i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))
                : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
        switch (c) {
            case '\r' -> out.append("\\r");
            case '\b' -> out.append("\\b");
            case '\f' -> out.append("\\f");
            default -> {
                if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || brokenPair) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
    }

    /** A criterion's value: a text, number, boolean or null; empty for anything a definition cannot write. */
    static Optional<String> value(Object value) {
        if (value == null) {
            return Optional.of("null");
        }
        if (value instanceof String text) {
            return Optional.of(quoted(text));
        }
        if (value instanceof Boolean b) {
            return Optional.of(b.toString());
        }
        return value instanceof Number n ? number(n) : Optional.empty();
    }

    /**
     * A number whose literal Groovy reads back as the same class and value: {@code 42}, {@code 42L} for a small
     * Long, {@code 42G} for a small BigInteger, {@code 1.50} for a BigDecimal (scale kept), {@code 1.5d}, {@code
     * 1.5f}, {@code Double.NaN}. Groovy has no literal for a Short or a Byte (a definition cannot make one): they are
     * written as ints.
     */
    static Optional<String> number(Number number) {
        return Optional.ofNullable(switch (number) {
            case Integer i -> i.toString();
            case Short s -> s.toString();
            case Byte b -> b.toString();
            case Long l -> l == l.intValue() ? l + "L" : l.toString();
            case BigInteger b -> b.bitLength() < Long.SIZE ? b + "G" : b.toString();
            case BigDecimal d -> decimal(d);
            case Double d -> Double.isFinite(d) ? d + "d" : special(d);
            // a definition cannot name Float, nor make an infinite one by arithmetic (which gives doubles)
            case Float f -> Float.isFinite(f) ? f + "f" : null;
            default -> null;
        });
    }

    /** A decimal's own text, which Groovy reads back with the same scale; {@code 5E0} for a whole one of scale 0. */
    private static String decimal(BigDecimal d) {
        String text = d.toString();
        return text.indexOf('.') < 0 && text.indexOf('E') < 0 ? text + "E0" : text;
    }

    private static String special(double value) {
        return Double.isNaN(value) ? "Double.NaN" : value > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
    }

    /** True for a value whose text starts with a minus, which must be put in brackets after a word. */
    static boolean negative(String written) {
        return written.startsWith("-");
    }

    /** {@code '5s'}, {@code '500ms'}, {@code '1m'}, {@code '2h'}: the largest unit that counts it exactly. */
    static Optional<String> duration(Duration duration) {
        return Durations.written(duration).map(GroovyText::quoted);
    }
}
