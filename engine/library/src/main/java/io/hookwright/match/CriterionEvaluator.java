package io.hookwright.match;

import io.hookwright.dsl.model.Criterion;
import io.hookwright.dsl.model.EventPredicate;
import io.hookwright.event.Values;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Decides each kind of criterion and explains the answer. */
final class CriterionEvaluator {
    /** Regular expressions of {@code matches} criteria, compiled once; keyed by what the definitions wrote. */
    private final CriteriaRegexes regexes = new CriteriaRegexes();

    Explanation evaluate(Criterion criterion, EventView event) {
        return switch (criterion) {
            case Criterion.Compare c -> compare(c, event.field(c.path()));
            case Criterion.Contains c -> contains(c, event.field(c.path()));
            case Criterion.In c -> in(c, event.field(c.path()));
            case Criterion.Matches c -> matches(c, event.field(c.path()), event);
            case Criterion.Present c -> {
                Lookup value = event.field(c.path());
                yield Explanation.of(!value.empty(), c.path() + " is present", c.path() + " is missing");
            }
            case Criterion.Missing c -> {
                Lookup value = event.field(c.path());
                yield Explanation.of(value.empty(), c.path() + " is missing",
                        c.path() + " is present (" + Values.show(value.value()) + ")");
            }
            case Criterion.Changed c -> changed(c, event);
            case Criterion.AnyOf c -> anyOf(c, event);
            case Criterion.Not c -> not(c, event);
            case Criterion.Where c -> where(c, event);
        };
    }

    private static Explanation compare(Criterion.Compare c, Lookup field) {
        String op = c.operator().symbol();
        String wanted = op + " " + Values.show(c.value());
        if (c.operator() == Criterion.Operator.EQ || c.operator() == Criterion.Operator.NE) {
            Object actual = field.found() ? field.value() : null;
            boolean equal = Values.same(actual, c.value());
            boolean holds = c.operator() == Criterion.Operator.EQ ? equal : !equal;
            String shown = field.found() ? c.path() + " " + Values.show(actual) : c.path() + " (missing)";
            return Explanation.of(holds, shown + " is " + wanted, shown + " is not " + wanted);
        }
        if (field.empty()) {
            return new Explanation(false, c.path() + " is missing, so it is not " + wanted);
        }
        Integer order = order(field.value(), c.value());
        if (order == null) {
            return new Explanation(false, c.path() + " " + Values.show(field.value()) + " cannot be compared with "
                    + Values.show(c.value()));
        }
        boolean holds = switch (c.operator()) {
            case GT -> order > 0;
            case GE -> order >= 0;
            case LT -> order < 0;
            default -> order <= 0;
        };
        String shown = c.path() + " " + Values.show(field.value());
        return Explanation.of(holds, shown + " is " + wanted, shown + " is not " + wanted);
    }

    /** Numbers by value; otherwise text (ISO dates sort as text); null when the two cannot be ordered. */
    private static Integer order(Object actual, Object wanted) {
        if (Values.infinite(actual) || Values.infinite(wanted)) {
            return infiniteOrder(actual, wanted);
        }
        BigDecimal a = Values.number(actual);
        BigDecimal b = Values.number(wanted);
        if (a != null && b != null) {
            return a.compareTo(b);
        }
        if (actual instanceof String x && wanted instanceof String y) {
            return x.compareTo(y);
        }
        return null;
    }

    /** A double's infinities come before or after every number; NaN has no order. */
    private static Integer infiniteOrder(Object actual, Object wanted) {
        Double a = rank(actual);
        Double b = rank(wanted);
        if (a == null || b == null || a.isNaN() || b.isNaN()) {
            return null;
        }
        return Double.compare(a, b);
    }

    /** An infinite double as itself; any other number as 0, which is all an infinity needs to be ordered with it. */
    private static Double rank(Object value) {
        if (Values.infinite(value)) {
            return ((Number) value).doubleValue();
        }
        return Values.number(value) == null ? null : 0.0;
    }

    private static Explanation contains(Criterion.Contains c, Lookup field) {
        String shown = c.path() + " " + Values.show(field.value());
        if (field.empty()) {
            return new Explanation(false, c.path() + " is missing, so it does not contain " + Values.show(c.value()));
        }
        boolean holds;
        if (field.value() instanceof List<?> list) {
            holds = list.stream().anyMatch(element -> element instanceof Map<?, ?> m
                    ? Values.same(m.get("Name"), c.value()) || Values.same(m.get("Id"), c.value())
                    : Values.same(element, c.value()));
        } else {
            holds = String.valueOf(field.value()).contains(String.valueOf(c.value()));
        }
        return Explanation.of(holds, shown + " contains " + Values.show(c.value()),
                shown + " does not contain " + Values.show(c.value()));
    }

    private static Explanation in(Criterion.In c, Lookup field) {
        Object actual = field.found() ? field.value() : null;
        boolean holds = c.values().stream().anyMatch(v -> Values.same(actual, v));
        String set = c.values().stream().map(Values::show).collect(Collectors.joining(", "));
        String shown = field.found() ? c.path() + " " + Values.show(actual) : c.path() + " (missing)";
        return Explanation.of(holds, shown + " is in " + set, shown + " is not in " + set);
    }

    private Explanation matches(Criterion.Matches c, Lookup field, EventView event) {
        if (field.empty()) {
            return new Explanation(false, c.path() + " is missing, so it does not match /" + c.regex() + "/");
        }
        String shown = c.path() + " " + Values.show(field.value());
        Duration left = event.regexTimeLeft();
        if (left.isZero()) {
            return Explanation.undecided(shown + " was not matched against /" + c.regex() + "/: this event used up its "
                    + CriteriaRegexes.EVENT_BUDGET.toMillis() + " ms for regular expressions");
        }
        long start = System.nanoTime();
        try {
            boolean holds = regexes.find(c.regex(), String.valueOf(field.value()), left);
            return Explanation.of(holds, shown + " matches /" + c.regex() + "/", shown + " does not match /" + c.regex() + "/");
        } catch (CriteriaRegexes.Stopped e) {
            return Explanation.undecided(shown + " could not be matched against /" + c.regex() + "/: " + e.getMessage());
        } finally {
            event.spentOnRegex(System.nanoTime() - start);
        }
    }

    private static Explanation changed(Criterion.Changed c, EventView event) {
        if (event.event().before() == null) {
            return new Explanation(false, c.field() + " did not change: the event carries no before");
        }
        Lookup before = event.before(c.field());
        Lookup after = event.field(c.field());
        Object previous = before.value();
        Object current = after.value();
        if (!before.found() || Values.same(previous, current)) {
            return new Explanation(false, c.field() + " did not change");
        }
        String change = c.field() + " changed from " + Values.show(previous) + " to " + Values.show(current);
        if (c.hasFrom() && !Values.same(previous, c.from())) {
            return new Explanation(false, change + ", not from " + Values.show(c.from()));
        }
        if (c.hasTo() && !Values.same(current, c.to())) {
            return new Explanation(false, change + ", not to " + Values.show(c.to()));
        }
        return new Explanation(true, change);
    }

    private Explanation anyOf(Criterion.AnyOf c, EventView event) {
        List<Explanation> inner = c.criteria().stream().map(x -> evaluate(x, event)).toList();
        for (Explanation e : inner) {
            if (e.holds()) {
                return new Explanation(true, "any of: " + e.text());
            }
        }
        String words = "none of: " + inner.stream().map(Explanation::text).collect(Collectors.joining("; "));
        return inner.stream().anyMatch(Explanation::undecided) ? Explanation.undecided(words) : new Explanation(false, words);
    }

    private Explanation not(Criterion.Not c, EventView event) {
        List<Explanation> inner = c.criteria().stream().map(x -> evaluate(x, event)).toList();
        List<Explanation> decidedFalse = inner.stream().filter(e -> !e.holds() && !e.undecided()).toList();
        if (!decidedFalse.isEmpty()) {
            return new Explanation(true, "not { } holds: " + decidedFalse.stream().map(Explanation::text)
                    .collect(Collectors.joining("; ")));
        }
        String words = inner.stream().map(Explanation::text).collect(Collectors.joining("; "));
        // What was cut short might have held or not: not { } cannot be said to hold either.
        return inner.stream().anyMatch(Explanation::undecided) ? Explanation.undecided("not { } is undecided: " + words)
                : new Explanation(false, "not { } fails: " + words);
    }

    private static Explanation where(Criterion.Where c, EventView event) {
        try {
            boolean holds = c.predicate().test(event.tree());
            return Explanation.of(holds, "where { } at " + c.position() + " holds",
                    "where { } at " + c.position() + " is false");
        } catch (EventPredicate.PredicateFailure e) {
            return Explanation.undecided(e.getMessage());
        }
    }
}
