package io.hookwright.dryrun;

/**
 * Text from events, runs and receivers made safe to print in a terminal: every character a terminal would act on
 * instead of showing is written as a visible escape, so data cannot move the cursor, rewrite what was printed, ring
 * the bell, change the title or reorder the line it sits in.
 *
 * <p>Escaped: C0 controls (ESC, CR, BEL, backspace, …) and DEL as {@code \n}, {@code \r}, {@code \t} or
 * {@code \u001b}; C1 controls U+0080–U+009F (U+009B starts a sequence like ESC [ does); the bidirectional
 * formatting characters (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) that make a terminal show text in
 * another order than it is; the line and paragraph separators U+2028 and U+2029; and unpaired surrogates.
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** One line: line breaks and tabs are escaped too, so data cannot start a line of its own. */
    public static String line(String text) {
        return escape(text, false);
    }

    /** Several lines: {@code \n} (and {@code \r\n}) and tabs stay; everything else a terminal acts on is escaped. */
    public static String block(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean lines) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean kept = !acted(text, i) || lines && (c == '\n' || c == '\t' || c == '\r' && next(text, i) == '\n');
            if (kept) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            out.append(switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> String.format("\\u%04x", (int) c);
            });
        }
        return out == null ? text : out.toString();
    }

    /** Whether the terminal would act on the character at {@code i} rather than show it. */
    private static boolean acted(String text, int i) {
        char c = text.charAt(i);
        if (c < 0x20 || c >= 0x7F && c <= 0x9F) {
            return true;
        }
        if (Character.isHighSurrogate(c)) {
            return !Character.isLowSurrogate(next(text, i));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
        }
        return c == 0x061C || c == 0x200E || c == 0x200F || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069
                || c == 0x2028 || c == 0x2029;
    }

    private static char next(String text, int i) {
        return i + 1 < text.length() ? text.charAt(i + 1) : 0;
    }
}
