package io.hookwright.match;

import io.hookwright.dsl.model.WebhookDefinition;
import io.hookwright.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code matches} criteria against event text that makes a backtracking regex run for hours: each match stops at its
 * budget, its criterion does not hold and says why, and nothing a {@code not} or {@code anyOf} does around it makes
 * the webhook fire.
 */
class CriteriaRegexLimitsTest {
    /** Far above the 50 ms budget, for a loaded machine; without the limits each of these runs for minutes or more. */
    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    @TempDir
    Path folder;

    /**
     * Patterns that backtrack without end on their text. Alternations of one letter ({@code (a|a)*b}) are left out:
     * the JDK's matcher remembers where such a loop failed, and on a long text it either ends quickly or runs out
     * of stack depending on how much of it is compiled, so they do not stop the same way every time.
     */
    static Stream<Arguments> catastrophic() {
        String a = "a".repeat(30_000);
        return Stream.of(
                Arguments.of("^((a+)+)\\\\2b", a),
                Arguments.of("(a+)+b", a),
                Arguments.of("(.*a){20}", ("x".repeat(150) + "a").repeat(19)),
                Arguments.of("^(\\\\w+\\\\s?)*$", "a".repeat(5_000) + "!"),
                Arguments.of("^([a-z]+)*[0-9]$", "abc".repeat(5_000) + "!"),
                Arguments.of("(x+x+)+y", "x".repeat(20_000)),
                Arguments.of("((ab)*)*c", "ab".repeat(15_000)),
                Arguments.of("^(a*)*$", a + "b"),
                Arguments.of("(\\\\d+)*\\\\1x", "1".repeat(20_000)));
    }

    private Verdict judge(String filter, String name) {
        WebhookDefinition webhook = Rules.filter(folder, filter);
        Event event = Rules.updated(null, Map.of("Name", name, "Stage", "Approved"));
        Matcher matcher = new Matcher(List.of(webhook));
        return assertTimeoutPreemptively(PROMPTLY, () -> {
            Verdict verdict = matcher.judge(webhook, new EventView(event));
            assertEquals(verdict.matched(), !matcher.matching(new EventView(event)).isEmpty(), "matching and judging agree");
            return verdict;
        });
    }

    @ParameterizedTest(name = "/{0}/")
    @MethodSource("catastrophic")
    void aPatternThatBacktracksWithoutEndIsStoppedAndDoesNotHold(String regex, String name) {
        Verdict verdict = judge("field('Name').matches '" + regex + "'", name);
        assertFalse(verdict.matched());
        String reason = verdict.reasons().get(0);
        String written = regex.replace("\\\\", "\\");
        assertTrue(reason.startsWith("Name '" + name.substring(0, 10)), reason);
        assertTrue(reason.contains(String.format(java.util.Locale.ROOT, "…' (%,d characters) could not be matched against /",
                name.length()) + written + "/: "), reason);
        assertTrue(reason.contains("ms and was stopped") || reason.contains("ran out of stack"), reason);
        assertTrue(reason.length() < 400, "the reason does not repeat the text: " + reason.length());
    }

    @ParameterizedTest(name = "not '{' /{0}/ '}'")
    @MethodSource("catastrophic")
    void aStoppedMatchInsideNotDoesNotMakeTheWebhookFire(String regex, String name) {
        Verdict verdict = judge("not { field('Name').matches '" + regex + "' }", name);
        assertFalse(verdict.matched(), () -> verdict.reasons().toString());
        assertTrue(verdict.reasons().get(0).startsWith("not { } is undecided: Name '"), verdict.reasons().toString());
    }

    @Test
    void aStoppedMatchInsideAnyOfFailsUnlessAnotherAlternativeHolds() {
        String name = "a".repeat(30_000);
        Verdict none = judge("anyOf { field('Name').matches '(a+)+b'; field('Stage') == 'Draft' }", name);
        assertFalse(none.matched());
        assertTrue(none.reasons().get(0).contains("could not be matched"), none.reasons().toString());
        Verdict other = judge("anyOf { field('Name').matches '(a+)+b'; field('Stage') == 'Approved' }", name);
        assertTrue(other.matched(), other.reasons().toString());
        assertEquals(List.of("any of: Stage 'Approved' is == 'Approved'"), other.reasons());
        Verdict decided = judge("not { field('Name').matches '(a+)+b'; field('Stage') == 'Draft' }", name);
        assertTrue(decided.matched(), "one criterion inside is false for sure: " + decided.reasons());
    }

    @Test
    void textOverTheLimitIsNotMatchedAndTheReasonSaysHowLong() {
        String name = "AI " + "x".repeat(479_997);
        Verdict verdict = judge("field('Name').matches '^AI'", name);
        assertFalse(verdict.matched());
        assertEquals(List.of("Name '" + name.substring(0, 80) + "…' (480,000 characters) could not be matched against "
                + "/^AI/: a regular expression reads at most 100,000 characters"), verdict.reasons());
    }

    @Test
    void soundPatternsStillMatchLongText() {
        String name = "a".repeat(99_990) + "bot";
        Verdict verdict = judge("field('Name').matches 'a+bot$'", name);
        assertTrue(verdict.matched(), verdict.reasons().toString());
        assertEquals(List.of("Name '" + "a".repeat(80) + "…' (99,993 characters) matches /a+bot$/"), verdict.reasons());
        assertFalse(judge("field('Name').matches '^b'", name).matched());
    }

    @Test
    void manyWebhooksWithStalledRegexesShareOneBudgetPerEvent() {
        StringBuilder groovy = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            groovy.append("webhook('w").append(i).append("') { on 'Project:Updated'; filter { field('Name').matches '(a+)+b' }; ")
                    .append("request { post 'https://example.com/' } }\n");
        }
        Matcher matcher = new Matcher(Rules.load(folder, groovy.toString()).webhooks());
        Event event = Rules.updated(null, Map.of("Name", "a".repeat(30_000)));
        List<Verdict> verdicts = assertTimeoutPreemptively(PROMPTLY, () -> matcher.judge(new EventView(event)));
        assertTrue(verdicts.stream().noneMatch(Verdict::matched));
        assertTrue(verdicts.get(0).reasons().get(0).contains("could not be matched against /(a+)+b/: a regular "
                + "expression ran longer than its 50 ms"), verdicts.get(0).reasons().toString());
        String last = verdicts.get(11).reasons().get(0);
        assertTrue(last.endsWith("was not matched against /(a+)+b/: this event used up its 250 ms for regular expressions"),
                "12 stalled matches of 50 ms are more than one event's 250 ms: " + last);
        assertEquals(List.of(), assertTimeoutPreemptively(PROMPTLY, () -> matcher.matching(new EventView(event))));
    }

    @Test
    void theSameStoppedPatternAgainOnManyEventsStaysPrompt() {
        WebhookDefinition webhook = Rules.filter(folder, "field('Name').matches '(a+)+b'");
        Matcher matcher = new Matcher(List.of(webhook));
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 50; i++) {
                Event event = Rules.updated(null, Map.of("Name", "a".repeat(20_000 + i) + "!"));
                assertEquals(List.of(), matcher.matching(new EventView(event)));
            }
        });
    }
}
