package io.hookwright.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.hookwright.dryrun.TerminalText;
import io.hookwright.event.EventJson;

/**
 * Pretty JSON for {@code --json} output. JSON escapes the C0 controls already; this writer escapes the other
 * characters a terminal acts on too (C1 controls, bidirectional overrides, line separators) as {@code \}{@code uXXXX},
 * which reads back as the same text.
 */
final class Json {
    private static final ObjectWriter WRITER = EventJson.MAPPER.writerWithDefaultPrettyPrinter()
            .with(new TerminalEscapes());

    private Json() {
    }

    static String pretty(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON's own escapes, plus {@code \}{@code uXXXX} for DEL and for what {@link TerminalText} escapes past ASCII. */
    private static final class TerminalEscapes extends CharacterEscapes {
        private final int[] ascii = standardAsciiEscapesForJSON();

        TerminalEscapes() {
            ascii[0x7F] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int c) {
            // Jackson hands over UTF-16 units one by one, so a surrogate is half of a character and stays as it is.
            if (c > 0xFFFF || Character.isSurrogate((char) c)) {
                return null;
            }
            String one = String.valueOf((char) c);
            return TerminalText.line(one).equals(one) ? null
                    : new SerializedString(String.format("\\u%04x", c));
        }
    }
}
