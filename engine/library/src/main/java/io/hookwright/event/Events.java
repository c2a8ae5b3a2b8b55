package io.hookwright.event;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Completes events as they arrive: an id and a timestamp when absent, {@code changes} from {@code before}. */
public final class Events {
    private Events() {
    }

    /**
     * @throws EventFormatException when the event breaks one of {@link EventLimits}, naming the field
     */
    public static Event complete(Event event, Clock clock) {
        return complete(event, clock, true);
    }

    /**
     * {@link #complete}, for an event no webhook hears: checked the same, without the changes still to be found by
     * comparing {@code before} to the attributes (nothing reads them, and comparing cost more than matching).
     */
    public static Event completeUnheard(Event event, Clock clock) {
        return complete(event, clock, false);
    }

    private static Event complete(Event event, Clock clock, boolean changed) {
        EventLimits.check(event);
        String id = event.id() != null ? event.id() : newId();
        var timestamp = event.timestamp() != null ? event.timestamp() : clock.instant();
        List<Change> changes = !changed || !event.changes().isEmpty() || event.before() == null
                ? event.changes() : changes(event.before(), event.entity().attributes());
        return event.toBuilder().id(id).timestamp(timestamp).changes(changes).build();
    }

    /** The event with its id, or with a new one when it has none: as {@link #complete} would give it, nothing else checked. */
    public static Event identified(Event event) {
        return event.id() != null ? event : event.toBuilder().id(newId()).build();
    }

    private static String newId() {
        return "evt_" + UUID.randomUUID();
    }

    /**
     * The fields of {@code before} whose values differ now, in the order of the entity's attributes. Hosts often
     * send only the previous values of what they touched, so a field absent from {@code before} is not a change.
     */
    public static List<Change> changes(Map<String, Object> before, Map<String, Object> after) {
        Set<String> fields = new LinkedHashSet<>();
        after.keySet().stream().filter(before::containsKey).forEach(fields::add);
        fields.addAll(before.keySet());
        List<Change> changes = new ArrayList<>();
        for (String field : fields) {
            Object previous = before.get(field);
            Object current = after.get(field);
            if (!Values.same(previous, current)) {
                changes.add(new Change(field, previous, current));
            }
        }
        return changes;
    }
}
