package io.hookwright.dsl.model;

import java.util.List;

/**
 * One condition of a webhook's {@code filter} block. Every criterion knows where it was written so a
 * dry-run can point at it. Values are strings, numbers, booleans or null, as written in the definition.
 */
public sealed interface Criterion {
    SourcePosition position();

    /** {@code field('Budget') > 10_000} and the other comparisons. */
    record Compare(String path, Operator operator, Object value, SourcePosition position) implements Criterion {
    }

    /** {@code field('Portfolio').contains 'Digital'}: a substring, a list element, or an element whose Name or Id equals it. */
    record Contains(String path, Object value, SourcePosition position) implements Criterion {
    }

    /** {@code field('Stage').in 'Approved', 'Active'}. */
    record In(String path, List<Object> values, SourcePosition position) implements Criterion {
        public In {
            values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
        }
    }

    /** {@code field('Name').matches '^AI'}: a regular expression found anywhere in the text. */
    record Matches(String path, String regex, SourcePosition position) implements Criterion {
    }

    /** {@code field('Manager').present()}: not null, not an empty string or list. */
    record Present(String path, SourcePosition position) implements Criterion {
    }

    /** {@code field('Manager').missing()}. */
    record Missing(String path, SourcePosition position) implements Criterion {
    }

    /**
     * {@code changed 'Status'}, optionally {@code .from(x)} and {@code .to(y)}. Holds only for events with a
     * {@code before}.
     */
    record Changed(String field, boolean hasFrom, Object from, boolean hasTo, Object to,
                   SourcePosition position) implements Criterion {
    }

    /** {@code anyOf { … }}: at least one holds. */
    record AnyOf(List<Criterion> criteria, SourcePosition position) implements Criterion {
        public AnyOf {
            criteria = List.copyOf(criteria);
        }
    }

    /** {@code not { … }}: the criteria inside do not all hold. */
    record Not(List<Criterion> criteria, SourcePosition position) implements Criterion {
        public Not {
            criteria = List.copyOf(criteria);
        }
    }

    /** {@code where { e -> … }}: code, run sandboxed with a time limit. */
    record Where(EventPredicate predicate, SourcePosition position) implements Criterion {
    }

    enum Operator {
        GT(">"), GE(">="), LT("<"), LE("<="), EQ("=="), NE("!=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }
}
