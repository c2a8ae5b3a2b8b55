package io.hookwright.dsl.regex;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression written in a definition, run with limits that neither its author nor event data can get
 * past: the pattern and the text it reads have a length limit, and every match has a time budget, checked while the
 * matcher reads the text, so a catastrophic pattern ({@code ((a+)+)\2b} on a long text) stops on its own thread at
 * its deadline instead of burning a core for minutes.
 *
 * <p>Java's backtracking matcher reads the text through {@link CharSequence#charAt}, so a text that looks at the
 * clock every few thousand reads bounds the work itself, with no thread to cancel.
 */
public final class BoundedRegex {
    /** The longest pattern a definition may write. */
    public static final int MAX_PATTERN_LENGTH = 1_000;
    /** The longest text one match may read. */
    public static final int MAX_TEXT_LENGTH = 100_000;
    /** How long one match may take when the caller sets no budget of its own. */
    public static final Duration DEFAULT_BUDGET = Duration.ofMillis(50);

    private final String source;
    private final Pattern pattern;

    private BoundedRegex(String source, Pattern pattern) {
        this.source = source;
        this.pattern = pattern;
    }

    /**
     * Compiles a definition's pattern.
     *
     * @throws RegexRefusedException when it is too long or not a regular expression, saying which in plain words
     */
    public static BoundedRegex compile(String regex) {
        return new BoundedRegex(regex, checked(regex));
    }

    /** The JDK pattern of a definition's regex, after the same checks as {@link #compile}. */
    public static Pattern checked(String regex) {
        if (regex.length() > MAX_PATTERN_LENGTH) {
            throw new RegexRefusedException("a regular expression of " + regex.length() + " characters is longer than the "
                    + MAX_PATTERN_LENGTH + " allowed");
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new RegexRefusedException("/" + regex + "/ is not a regular expression: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " at character " + (e.getIndex() + 1) : ""));
        } catch (StackOverflowError e) {
            throw new RegexRefusedException("a regular expression nested too deeply to compile");
        }
    }

    public String source() {
        return source;
    }

    public Pattern pattern() {
        return pattern;
    }

    /** Whether the pattern is found anywhere in {@code text}, within {@code budget}. */
    public boolean find(CharSequence text, Duration budget) {
        return matcher(text, budget).find();
    }

    /** Whether the whole of {@code text} matches, within {@code budget}. */
    public boolean matches(CharSequence text, Duration budget) {
        return matcher(text, budget).matches();
    }

    /** A matcher over {@code text} that gives up with {@link RegexLimitException} once {@code budget} has passed. */
    public Matcher matcher(CharSequence text, Duration budget) {
        return pattern.matcher(bounded(text, budget));
    }

    /**
     * {@code text} as a matcher should read it: refused when longer than {@link #MAX_TEXT_LENGTH}, and stopping any
     * match that reads it after {@code budget} or once the thread is interrupted.
     */
    public static CharSequence bounded(CharSequence text, Duration budget) {
        if (text instanceof DeadlineText already) {
            return already;
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new RegexLimitException("a regular expression may read at most " + MAX_TEXT_LENGTH
                    + " characters, and this text has " + text.length());
        }
        return new DeadlineText(text.toString(), System.nanoTime() + budget.toNanos(), budget);
    }

    @Override
    public String toString() {
        return "/" + source + "/";
    }

    /** Text that looks at the clock and the thread's interruption every few thousand reads. */
    private static final class DeadlineText implements CharSequence {
        private static final int CHECK_EVERY = 0x3FF;
        private final String text;
        private final long deadline;
        private final Duration budget;
        private int reads;

        DeadlineText(String text, long deadline, Duration budget) {
            this.text = text;
            this.deadline = deadline;
            this.budget = budget;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & CHECK_EVERY) == 0) {
                if (System.nanoTime() - deadline > 0) {
                    throw new RegexLimitException("a regular expression ran longer than its "
                            + budget.toMillis() + " ms and was stopped");
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new RegexLimitException("a regular expression was stopped: its time limit ran out");
                }
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.substring(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
