package io.hookwright.match;

import io.hookwright.dsl.regex.BoundedRegex;
import io.hookwright.dsl.regex.RegexLimitException;
import io.hookwright.dsl.regex.RegexRefusedException;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The regular expressions of {@code matches} criteria, run so that event data cannot stall matching: each match
 * has a time budget and a text length limit ({@link BoundedRegex}), and a pattern that backtracks without end on
 * some text ({@code ((a+)+)\2b}, {@code (a|a)*b}) is stopped on the engine's own thread instead of holding it.
 *
 * <p>Compiled patterns are kept by their source, which the definitions wrote; a matcher lives as long as the
 * definitions it was built from, so the cache is as large as they are, whatever the events carry.
 */
final class CriteriaRegexes {
    /**
     * How long one {@code matches} criterion may take on one event. A sound pattern takes about a millisecond on
     * the longest text allowed (more while the JVM is still cold, hence the slack); one that would take longer is
     * stopped, and its criterion is undecided and does not hold.
     */
    static final Duration MATCH_BUDGET = Duration.ofMillis(50);
    /**
     * How long all the {@code matches} criteria of all webhooks may take together on one event, so that many
     * webhooks with regexes cannot multiply what one event costs; past it, the event's remaining regex criteria are
     * undecided without being run.
     */
    static final Duration EVENT_BUDGET = Duration.ofMillis(250);

    /** A compiled pattern, or why the pattern cannot be used. */
    private record Compiled(BoundedRegex regex, String refused) {
    }

    private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();

    /**
     * Whether {@code regex} is found in {@code text}, within {@code budget} (at most {@link #MATCH_BUDGET}).
     *
     * @throws Stopped when the text is too long, the match ran past its budget or out of stack, or the pattern is
     *                 not usable; the message says which
     */
    boolean find(String regex, String text, Duration budget) {
        Compiled pattern = compiled.computeIfAbsent(regex, CriteriaRegexes::compile);
        if (pattern.refused() != null) {
            throw new Stopped(pattern.refused());
        }
        if (text.length() > BoundedRegex.MAX_TEXT_LENGTH) {
            throw new Stopped(String.format(Locale.ROOT, "a regular expression reads at most %,d characters",
                    BoundedRegex.MAX_TEXT_LENGTH));
        }
        try {
            return pattern.regex().find(text, budget.compareTo(MATCH_BUDGET) < 0 ? budget : MATCH_BUDGET);
        } catch (RegexLimitException e) {
            throw new Stopped(e.getMessage());
        } catch (StackOverflowError e) {
            // The JDK's matcher recurses once per repetition of some groups; the stack unwinds with no state left behind.
            throw new Stopped("the regular expression ran out of stack on this text and was stopped");
        }
    }

    private static Compiled compile(String regex) {
        try {
            return new Compiled(BoundedRegex.compile(regex), null);
        } catch (RegexRefusedException e) {
            return new Compiled(null, e.getMessage());
        }
    }

    /** A match that was not decided: it hit a limit, or the pattern cannot be used. Carries no stack trace. */
    static final class Stopped extends RuntimeException {
        Stopped(String message) {
            super(message, null, false, false);
        }
    }
}
