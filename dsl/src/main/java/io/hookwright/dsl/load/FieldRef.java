package io.hookwright.dsl.load;

import io.hookwright.dsl.model.Criterion;
import io.hookwright.dsl.model.SourcePosition;
import io.hookwright.dsl.regex.BoundedRegex;
import io.hookwright.dsl.regex.RegexRefusedException;

import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code field('path')} inside a filter; each test adds one criterion. The comparison operators are
 * rewritten by the loader into {@code gt ge lt le eq ne}.
 */
public final class FieldRef {
    private final FilterContext filter;
    private final String path;
    private final SourcePosition position;
    private boolean used;

    FieldRef(FilterContext filter, String path, SourcePosition position) {
        this.filter = filter;
        this.path = path;
        this.position = position;
    }

    String path() {
        return path;
    }

    SourcePosition position() {
        return position;
    }

    boolean used() {
        return used;
    }

    public void gt(Object value) {
        compare(Criterion.Operator.GT, value, "gt");
    }

    public void ge(Object value) {
        compare(Criterion.Operator.GE, value, "ge");
    }

    public void lt(Object value) {
        compare(Criterion.Operator.LT, value, "lt");
    }

    public void le(Object value) {
        compare(Criterion.Operator.LE, value, "le");
    }

    public void eq(Object value) {
        compare(Criterion.Operator.EQ, value, "eq");
    }

    public void ne(Object value) {
        compare(Criterion.Operator.NE, value, "ne");
    }

    /** A substring, a list element, or a list element object whose Name or Id equals the value. */
    public void contains(Object value) {
        if (plain(value, "contains")) {
            filter.add(() -> new Criterion.Contains(path, Values.plain(value), position));
        }
    }

    /** {@code field('Stage').in 'Approved', 'Active'}. */
    public void in(Object... values) {
        used = true;
        List<Object> all;
        try {
            all = Values.flatten(values);
        } catch (Values.NotPlain e) {
            filter.session().error("in", "field('" + path + "').in takes texts, numbers, booleans or null, not "
                    + e.getMessage());
            return;
        }
        for (Object value : all) {
            if (!Values.isPlain(value)) {
                filter.session().error("in", "field('" + path + "').in takes texts, numbers, booleans or null, not "
                        + Values.describe(value));
                return;
            }
        }
        if (all.isEmpty()) {
            filter.session().error("in", "in needs at least one value: field('" + path + "').in 'a', 'b'");
            return;
        }
        filter.add(() -> new Criterion.In(path, all, position));
    }

    /** {@code field('Name').matches '^AI'}: the regular expression is found in the value's text. */
    public void matches(Object regex) {
        used = true;
        String text = regex instanceof Pattern p ? p.pattern()
                : regex instanceof String || regex instanceof groovy.lang.GString ? regex.toString() : null;
        if (text == null) {
            filter.session().error(filter.session().argument("matches", 0), "matches takes a regular expression in "
                    + "quotes, e.g. field('" + path + "').matches '^AI', not " + Values.describe(regex));
            return;
        }
        try {
            BoundedRegex.compile(text);
        } catch (RegexRefusedException e) {
            String reason = e.getMessage();
            filter.session().error(filter.session().argument("matches", 0), text.length() > BoundedRegex.MAX_PATTERN_LENGTH
                    ? reason : "'" + text + "' is not a valid regular expression: " + reason.substring(reason.indexOf(": ") + 2));
            return;
        }
        filter.add(() -> new Criterion.Matches(path, text, position));
    }

    /** Holds when the value is not null and not an empty text or list. */
    public void present() {
        used = true;
        filter.add(() -> new Criterion.Present(path, position));
    }

    /** Holds when the value is absent, null, or an empty text or list. */
    public void missing() {
        used = true;
        filter.add(() -> new Criterion.Missing(path, position));
    }

    private void compare(Criterion.Operator operator, Object value, String word) {
        if (plain(value, word)) {
            filter.add(() -> new Criterion.Compare(path, operator, Values.plain(value), position));
        }
    }

    private boolean plain(Object value, String word) {
        used = true;
        if (!Values.isPlain(value)) {
            filter.session().error(word, "compare field('" + path + "') with a text, number, boolean or null, not "
                    + Values.describe(value));
            return false;
        }
        return true;
    }
}
