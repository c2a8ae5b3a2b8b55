package io.hookwright.dsl.load;

import groovy.lang.Closure;
import io.hookwright.dsl.regex.BoundedRegex;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every regular expression definition code can run, through {@link BoundedRegex}: the pattern's length is limited,
 * the text's too, and matching stops when the running code's time ({@link SandboxLimits#remaining()}) is up.
 */
final class SandboxRegex {
    /**
     * Text methods that take a regular expression. Others Groovy has (replaceAll, eachMatch…) are not among the
     * methods a definition may call at all.
     */
    static final java.util.Set<String> METHODS = java.util.Set.of("matches", "find", "findAll", "split");

    private SandboxRegex() {
    }

    /** {@code ~'…'}, {@code ~/…/}: a pattern, after the length check. */
    static Pattern pattern(Object regex) {
        return regex instanceof Pattern p ? p : BoundedRegex.checked(BoundedText.of(regex));
    }

    static Matcher matcher(Object text, Object regex) {
        return pattern(regex).matcher(BoundedRegex.bounded(BoundedText.of(text), SandboxLimits.remaining()));
    }

    /** {@code text.name(args…)} for a method of {@link #METHODS} whose first argument is the regular expression. */
    static Object call(CharSequence text, String name, Object[] args) {
        Pattern pattern = pattern(args[0]);
        CharSequence bounded = BoundedRegex.bounded(text, SandboxLimits.remaining());
        Closure<?> closure = args.length == 2 && args[1] instanceof Closure<?> c ? c : null;
        return switch (name) {
            case "matches" -> pattern.matcher(bounded).matches();
            case "find" -> find(pattern.matcher(bounded), closure);
            case "findAll" -> findAll(pattern.matcher(bounded), closure);
            case "split" -> args.length == 2 && args[1] instanceof Number limit
                    ? pattern.split(bounded, limit.intValue()) : pattern.split(bounded);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /**
     * {@code text.find(regex)}: the first match, or null; with a closure, what it makes of the match (its groups
     * when the pattern has some), as Groovy's own, but over the bounded text (Groovy's would read a plain copy).
     */
    private static Object find(Matcher matcher, Closure<?> closure) {
        if (!matcher.find()) {
            return null;
        }
        return closure == null ? matcher.group() : closure.call(match(matcher));
    }

    private static List<Object> findAll(Matcher matcher, Closure<?> closure) {
        List<Object> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(closure == null ? matcher.group() : closure.call(match(matcher)));
            SandboxRuntime.checked(found);
        }
        return found;
    }

    private static Object match(Matcher matcher) {
        if (matcher.groupCount() == 0) {
            return matcher.group();
        }
        List<String> groups = new ArrayList<>();
        for (int i = 0; i <= matcher.groupCount(); i++) {
            groups.add(matcher.group(i));
        }
        return groups;
    }

    /** Whether a match was stopped by its time budget (rather than refused for the length of its text). */
    static boolean outOfTime(Throwable error) {
        return error instanceof io.hookwright.dsl.regex.RegexLimitException
                && !error.getMessage().startsWith("a regular expression may read at most");
    }

    /** {@code list.grep(~/…/)}: the elements whose text matches. */
    static List<Object> grep(Iterable<?> values, Pattern pattern) {
        List<Object> found = new ArrayList<>();
        for (Object value : values) {
            if (value != null && matcher(value, pattern).matches()) {
                found.add(value);
            }
        }
        return found;
    }

    /** A {@code case ~/…/:} or {@code x in ~/…/}: the whole text matches, as Groovy's {@code Pattern.isCase}. */
    static boolean isCase(Pattern pattern, Object value) {
        return value != null && matcher(value, pattern).matches();
    }
}
