package io.hookwright.dsl.load;

import io.hookwright.dsl.model.Criterion;
import io.hookwright.dsl.model.SourcePosition;

/** {@code changed 'Status'}, optionally {@code .from('On track').to('Done')}. */
public final class ChangedRef {
    private final LoadSession session;
    private final String field;
    private final SourcePosition position;
    private boolean hasFrom;
    private Object from;
    private boolean hasTo;
    private Object to;

    ChangedRef(LoadSession session, String field, SourcePosition position) {
        this.session = session;
        this.field = field;
        this.position = position;
    }

    /** The value before the change. */
    public ChangedRef from(Object value) {
        hasFrom = true;
        from = plain(value, "from");
        return this;
    }

    /** The value after the change. */
    public ChangedRef to(Object value) {
        hasTo = true;
        to = plain(value, "to");
        return this;
    }

    private Object plain(Object value, String word) {
        if (!Values.isPlain(value)) {
            session.error(session.argument(word, 0), "changed('" + field + "')." + word + " takes a text, number, "
                    + "boolean or null, not " + Values.describe(value));
            return null;
        }
        return Values.plain(value);
    }

    Criterion build() {
        return new Criterion.Changed(field, hasFrom, from, hasTo, to, position);
    }
}
