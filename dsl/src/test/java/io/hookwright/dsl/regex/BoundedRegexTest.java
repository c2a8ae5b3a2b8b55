package io.hookwright.dsl.regex;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedRegexTest {
    private static final Duration BUDGET = Duration.ofMillis(50);

    @Test
    void findsAndMatchesAsJavaDoes() {
        BoundedRegex ai = BoundedRegex.compile("^AI");
        assertTrue(ai.find("AI roadmap", BUDGET));
        assertFalse(ai.find("Roadmap AI", BUDGET));
        assertTrue(BoundedRegex.compile("[a-z]+").matches("abc", BUDGET));
        assertFalse(BoundedRegex.compile("[a-z]+").matches("abc1", BUDGET));
    }

    @Test
    void aCatastrophicPatternStopsAtItsBudgetOnTheCallersThread() {
        BoundedRegex nested = BoundedRegex.compile("^((a+)+)\\2b");
        String text = "a".repeat(5_000) + "!";
        RegexLimitException stopped = assertThrows(RegexLimitException.class, () -> nested.find(text, BUDGET));
        assertTrue(stopped.getMessage().contains("ran longer than its 50 ms"), stopped.getMessage());
    }

    @Test
    void anInterruptedThreadStopsMatching() {
        BoundedRegex nested = BoundedRegex.compile("((a+)+)b");
        Thread.currentThread().interrupt();
        try {
            assertThrows(RegexLimitException.class, () -> nested.find("a".repeat(5_000), Duration.ofMinutes(1)));
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aTextOverTheLimitIsRefusedBeforeMatching() {
        RegexLimitException refused = assertThrows(RegexLimitException.class,
                () -> BoundedRegex.compile("x").find("a".repeat(BoundedRegex.MAX_TEXT_LENGTH + 1), BUDGET));
        assertTrue(refused.getMessage().contains("at most 100000 characters"), refused.getMessage());
    }

    @Test
    void aPatternOverTheLimitOrNotARegexIsRefusedInPlainWords() {
        RegexRefusedException tooLong = assertThrows(RegexRefusedException.class,
                () -> BoundedRegex.compile("a".repeat(BoundedRegex.MAX_PATTERN_LENGTH + 1)));
        assertEquals("a regular expression of 1001 characters is longer than the 1000 allowed", tooLong.getMessage());
        RegexRefusedException broken = assertThrows(RegexRefusedException.class, () -> BoundedRegex.compile("(ab"));
        assertTrue(broken.getMessage().startsWith("/(ab/ is not a regular expression: "), broken.getMessage());
    }
}
