package io.hookwright.dsl.load;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.lang.GroovyObjectSupport;
import io.hookwright.dsl.model.Criterion;
import io.hookwright.dsl.model.SourcePosition;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The words of {@code filter { … }}, {@code anyOf { … }} and {@code not { … }}. */
public final class FilterContext extends GroovyObjectSupport {
    private final LoadSession session;
    /** In the order written; a field or changed word fills its slot when its comparison arrives. */
    private final List<Supplier<Criterion>> slots = new ArrayList<>();
    private final List<FieldRef> fields = new ArrayList<>();

    FilterContext(LoadSession session) {
        this.session = session;
    }

    LoadSession session() {
        return session;
    }

    /** {@code field('Budget')}: a path into the event; follow it with a comparison or a test. */
    public FieldRef field(Object path) {
        SourcePosition at = session.here("field");
        String text = path instanceof CharSequence s ? s.toString().trim() : "";
        if (text.isEmpty()) {
            session.error(session.argument("field", 0), "field needs a path in quotes, e.g. field('Budget') or "
                    + "field('parent.id')");
        }
        FieldRef ref = new FieldRef(this, text, at);
        fields.add(ref);
        return ref;
    }

    /** {@code changed 'Status'}: the field differs between before and after; narrow with .from(x).to(y). */
    public ChangedRef changed(Object field) {
        SourcePosition at = session.here("changed");
        if (!(field instanceof CharSequence)) {
            session.error(at, "changed needs a field name in quotes, e.g. changed 'Status'");
        }
        ChangedRef ref = new ChangedRef(session, field instanceof CharSequence ? field.toString() : "", at);
        slots.add(ref::build);
        return ref;
    }

    /** {@code anyOf { … }}: at least one of the criteria inside holds. */
    public void anyOf(@DelegatesTo(value = FilterContext.class, strategy = Closure.DELEGATE_ONLY) Closure<?> body) {
        SourcePosition at = session.here("anyOf");
        List<Criterion> inner = nested(body);
        if (inner.isEmpty()) {
            session.error(at, "anyOf { } is empty: put at least one criterion inside");
        }
        slots.add(() -> new Criterion.AnyOf(inner, at));
    }

    /** {@code not { … }}: the criteria inside do not all hold. */
    public void not(@DelegatesTo(value = FilterContext.class, strategy = Closure.DELEGATE_ONLY) Closure<?> body) {
        SourcePosition at = session.here("not");
        List<Criterion> inner = nested(body);
        if (inner.isEmpty()) {
            session.error(at, "not { } is empty: put at least one criterion inside");
        }
        slots.add(() -> new Criterion.Not(inner, at));
    }

    /** {@code where { e -> e.attributes.Budget > e.before.Budget }}: code, sandboxed and time-limited. */
    public void where(Closure<?> test) {
        SourcePosition at = session.here("where");
        if (test.getMaximumNumberOfParameters() > 1) {
            session.error(at, "where takes a closure of one parameter, the event: where { e -> … }");
            return;
        }
        slots.add(() -> new Criterion.Where(new SandboxedPredicate(test, session.whereLimit(), at), at));
    }

    /**
     * A word this block does not know, or one of its words given arguments it does not take. The loader has
     * already reported an unknown word (it only runs files whose unknown words cannot run anything); it is
     * recorded again here, at the same place, in case it was reached another way.
     */
    public Object methodMissing(String name, Object args) {
        session.error(name, Vocabulary.FILTER.missing(name));
        return Ignored.INSTANCE;
    }

    private List<Criterion> nested(Closure<?> body) {
        FilterContext inner = new FilterContext(session);
        Blocks.run(body, inner);
        return inner.criteria();
    }

    void add(Supplier<Criterion> criterion) {
        slots.add(criterion);
    }

    List<Criterion> criteria() {
        for (FieldRef field : fields) {
            if (!field.used()) {
                session.error(field.position(), "field('" + field.path() + "') is not compared with anything: "
                        + "write e.g. field('" + field.path() + "') == 'x', .contains 'x' or .present()");
            }
        }
        return slots.stream().map(Supplier::get).toList();
    }
}
