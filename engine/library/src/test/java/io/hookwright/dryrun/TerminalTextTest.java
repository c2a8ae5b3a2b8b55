package io.hookwright.dryrun;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Text printed to a terminal: what a terminal would act on is shown as an escape, everything else as it is. */
class TerminalTextTest {
    @Test
    void c0ControlsAndDelAreEscaped() {
        assertEquals("\\u001b[2J\\u001b[H", TerminalText.line("\u001b[2J\u001b[H"));
        assertEquals("\\u001b]0;owned\\u0007", TerminalText.line("\u001b]0;owned\u0007"));
        assertEquals("ok\\rFAKE", TerminalText.line("ok\rFAKE"));
        assertEquals("abc\\u0008\\u0008xy", TerminalText.line("abc\b\bxy"));
        assertEquals("a\\u0000b\\u007fc\\u000bd\\u000ce", TerminalText.line("a\u0000b\u007fc\u000bd\u000ce"));
        assertEquals("one\\ntwo\\tthree", TerminalText.line("one\ntwo\tthree"));
    }

    @Test
    void c1ControlsAreEscaped() {
        assertEquals("\\u009b31mred", TerminalText.line("\u009b31mred"));
        assertEquals("\\u0085\\u0090\\u009d\\u009c\\u0080\\u009f", TerminalText.line("\u0085\u0090\u009d\u009c\u0080\u009f"));
    }

    @Test
    void bidirectionalFormattingAndLineSeparatorsAreEscaped() {
        assertEquals("\\u202eevil\\u202c", TerminalText.line("\u202eevil\u202c"));
        assertEquals("\\u202a\\u202b\\u202d", TerminalText.line("\u202a\u202b\u202d"));
        assertEquals("\\u2066x\\u2069\\u2067\\u2068", TerminalText.line("\u2066x\u2069\u2067\u2068"));
        assertEquals("\\u200e\\u200f\\u061c", TerminalText.line("\u200e\u200f\u061c"));
        assertEquals("a\\u2028b\\u2029c", TerminalText.line("a\u2028b\u2029c"));
    }

    @Test
    void unpairedSurrogatesAreEscapedAndPairsKept() {
        assertEquals("\\ud83d!", TerminalText.line("\ud83d!"));
        assertEquals("!\\ude00", TerminalText.line("!\ude00"));
        assertEquals("smile \ud83d\ude00", TerminalText.line("smile \ud83d\ude00"));
    }

    @Test
    void ordinaryTextIsReturnedAsItIs() {
        String text = "Équipe Zürich — 東京 ✓ 'quoted' \\backslash\\ ••••";
        assertSame(text, TerminalText.line(text));
        assertSame(text, TerminalText.block(text));
    }

    @Test
    void aBlockKeepsItsLinesAndTabs() {
        assertEquals("{\n\t\"a\": 1\r\n}\\r\\u001b[1A", TerminalText.block("{\n\t\"a\": 1\r\n}\r\u001b[1A"));
    }

    @Test
    void nullStaysNull() {
        assertEquals(null, TerminalText.line(null));
    }
}
