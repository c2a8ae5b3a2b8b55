package io.hookwright.dsl.load;

import io.hookwright.dsl.model.Criterion;
import io.hookwright.dsl.model.SourcePosition;

/** {@code changed 'Status'}, optionally {@code .from('On track').to('Done')}. */
public final class ChangedRef {
    private final String field;
    private final SourcePosition position;
    private boolean hasFrom;
    private Object from;
    private boolean hasTo;
    private Object to;

    ChangedRef(String field, SourcePosition position) {
        this.field = field;
        this.position = position;
    }

    /** The value before the change. */
    public ChangedRef from(Object value) {
        hasFrom = true;
        from = Values.plain(value);
        return this;
    }

    /** The value after the change. */
    public ChangedRef to(Object value) {
        hasTo = true;
        to = Values.plain(value);
        return this;
    }

    Criterion build() {
        return new Criterion.Changed(field, hasFrom, from, hasTo, to, position);
    }
}
