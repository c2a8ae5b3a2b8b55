package io.hookwright.match;

import io.hookwright.dsl.model.WebhookDefinition;
import io.hookwright.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Absurd numbers and long texts in event data: comparisons stay right and cheap, and explanations stay short
 * ({@code 1E+999999999}, not a billion digits; a 480 KB name by its beginning and its length).
 */
class HugeValuesTest {
    /** Writing 1e999999999 out in full takes gigabytes and many seconds; every answer here takes milliseconds. */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    @TempDir
    Path folder;

    private Verdict judge(String filter, Map<String, Object> before, Map<String, Object> attributes) {
        WebhookDefinition webhook = Rules.filter(folder, filter);
        Event event = Rules.updated(before, attributes);
        return assertTimeoutPreemptively(PROMPTLY, () -> new Matcher(List.of(webhook)).judge(webhook, new EventView(event)));
    }

    private void says(String filter, Object budget, boolean holds, String reason) {
        Verdict verdict = judge(filter, null, Map.of("Budget", budget));
        assertEquals(holds, verdict.matched(), () -> filter + " on " + reason + ": " + verdict.reasons());
        assertEquals(List.of(reason), verdict.reasons());
    }

    @Test
    void hugeAndTinyNumbersCompareByValue() {
        says("field('Budget') > 10_000", new BigDecimal("1e999999999"), true, "Budget 1E+999999999 is > 10000");
        says("field('Budget') > 10_000", new BigDecimal("-1e999999999"), false, "Budget -1E+999999999 is not > 10000");
        says("field('Budget') > 10_000", new BigDecimal("1e-999999999"), false, "Budget 1E-999999999 is not > 10000");
        says("field('Budget') < 10_000", new BigDecimal("1e-999999999"), true, "Budget 1E-999999999 is < 10000");
        says("field('Budget') >= 0", new BigDecimal("-1e-999999999"), false, "Budget -1E-999999999 is not >= 0");
        says("field('Budget') == 10_000", new BigDecimal("1e999999999"), false, "Budget 1E+999999999 is not == 10000");
        says("field('Budget') != 10_000", new BigDecimal("1e999999999"), true, "Budget 1E+999999999 is != 10000");
        says("field('Budget') == 1e4", new BigDecimal("10000.000"), true, "Budget 10000 is == 10000");
        says("field('Budget').in 1, 2", new BigDecimal("2e999999999"), false, "Budget 2E+999999999 is not in 1, 2");
        says("field('Budget') > 10_000", new BigDecimal("1.5e2147483647"), true, "Budget 1.5E+2147483647 is > 10000");
    }

    @Test
    void hugeNumbersWrittenAsTextCompareToo() {
        says("field('Budget') > 10_000", "1e999999999", true, "Budget '1e999999999' is > 10000");
        says("field('Budget') > 10_000", "-1e999999999", false, "Budget '-1e999999999' is not > 10000");
        String digits = "9".repeat(2_000);
        Verdict verdict = judge("field('Budget') > 10_000", null, Map.of("Budget", digits));
        assertFalse(verdict.matched(), "text of 2,000 digits is not read as a number");
        assertTrue(verdict.reasons().get(0).endsWith("…' (2,000 characters) cannot be compared with 10000"),
                verdict.reasons().toString());
    }

    @Test
    void numbersAreShownPlainWhenShortAndScientificWhenNot() {
        says("field('Budget') > 10_000", new BigDecimal("12345678901234567890.25"), true,
                "Budget 12345678901234567890.25 is > 10000");
        says("field('Budget') > 10_000", new BigDecimal("1e21"), true, "Budget 1000000000000000000000 is > 10000");
        says("field('Budget') > 10_000", new BigDecimal("1e50"), true, "Budget 1E+50 is > 10000");
        says("field('Budget') > 10_000", new BigDecimal("0.00025"), false, "Budget 0.00025 is not > 10000");
        says("field('Budget') > 10_000", new BigDecimal("1.2e-60"), false, "Budget 1.2E-60 is not > 10000");
        says("field('Budget') > 10_000", new BigDecimal("9".repeat(1_000)), true,
                "Budget 9.9999999999999999…E+999 is > 10000");
        says("field('Budget') > 10_000", new BigDecimal("-1234567890123456789012345678901234567890123e-5"), false,
                "Budget -1.2345678901234567…E+37 is not > 10000");
    }

    @Test
    void aMillionDigitNumberFromTheJavaApiIsShownByItsLeadingDigits() {
        BigInteger huge = BigInteger.TEN.pow(1_000_000).multiply(BigInteger.valueOf(3));
        Verdict verdict = judge("field('Budget') > 10_000", null, Map.of("Budget", huge));
        assertTrue(verdict.matched());
        String reason = verdict.reasons().get(0);
        assertTrue(reason.matches("Budget ~(3|2\\.9{6,}\\d*)…E\\+1000000 is > 10000"), reason);
        Verdict negative = judge("field('Budget') > 10_000", null, Map.of("Budget", new BigDecimal(huge.negate(), 7)));
        assertFalse(negative.matched());
        assertTrue(negative.reasons().get(0).matches("Budget ~-(3|2\\.9{6,}\\d*)…E\\+999993 is not > 10000"),
                negative.reasons().get(0));
    }

    @Test
    void infiniteDoublesFromTheJavaApiAreOrderedAndNaNIsNot() {
        says("field('Budget') > 10_000", Double.POSITIVE_INFINITY, true, "Budget Infinity is > 10000");
        says("field('Budget') < 10_000", Double.NEGATIVE_INFINITY, true, "Budget -Infinity is < 10000");
        says("field('Budget') > 10_000", Double.NaN, false, "Budget NaN cannot be compared with 10000");
        says("field('Budget') == 10_000", Double.POSITIVE_INFINITY, false, "Budget Infinity is not == 10000");
    }

    @Test
    void hugeNumbersInEveryOtherExplanationAreShort() {
        Map<String, Object> before = Map.of("Budget", new BigDecimal("1e999999999"));
        Map<String, Object> after = new HashMap<>(Map.of("Budget", new BigDecimal("-1e-999999999"),
                "Tags", List.of(new BigDecimal("1e999999999"))));
        assertEquals(List.of("Budget changed from 1E+999999999 to -1E-999999999"),
                judge("changed 'Budget'", before, after).reasons());
        assertEquals(List.of("Budget changed from 1E+999999999 to -1E-999999999, not to 0"),
                judge("changed('Budget').to(0)", before, after).reasons());
        assertEquals(List.of("Budget is present (-1E-999999999)"), judge("field('Budget').missing()", before, after).reasons());
        assertEquals(List.of("Tags [1E+999999999] does not contain 'x'"), judge("field('Tags').contains 'x'", before, after).reasons());
        assertEquals(List.of("Budget -1E-999999999 does not match /^9/"), judge("field('Budget').matches '^9'", before, after).reasons());
    }

    @Test
    void longTextIsShownByItsBeginningAndLength() {
        String name = "N".repeat(480_000);
        Verdict verdict = judge("field('Name') == 'x'", null, Map.of("Name", name));
        assertEquals(List.of("Name '" + "N".repeat(80) + "…' (480,000 characters) is not == 'x'"), verdict.reasons());
        assertEquals(List.of("Name '" + "N".repeat(80) + "…' (480,000 characters) does not contain 'x'"),
                judge("field('Name').contains 'x'", null, Map.of("Name", name)).reasons());
        assertEquals(List.of("Name is present ('" + "N".repeat(80) + "…' (480,000 characters))"),
                judge("field('Name').missing()", null, Map.of("Name", name)).reasons());
        String emoji = "N".repeat(79) + "\uD83D\uDE00" + "N".repeat(100);
        String shown = judge("field('Name') == 'x'", null, Map.of("Name", emoji)).reasons().get(0);
        assertEquals("Name '" + "N".repeat(79) + "…' (181 characters) is not == 'x'", shown,
                "a character of two UTF-16 units is kept whole or left out");
    }
}
