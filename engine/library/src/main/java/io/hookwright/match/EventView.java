package io.hookwright.match;

import io.hookwright.event.Change;
import io.hookwright.event.Event;
import io.hookwright.event.EventJson;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An event as filters read it. {@code field(path)} reads {@code entity.*}, {@code parent.*}, {@code initiator.*},
 * {@code event.*} or {@code tenant} from the event; any other path reads the entity's attributes, dots going
 * into nested objects (and list positions).
 */
public final class EventView {
    private final Event event;
    private Map<String, Object> tree;
    private long regexNanosLeft = CriteriaRegexes.EVENT_BUDGET.toNanos();

    public EventView(Event event) {
        this.event = event;
    }

    public Event event() {
        return event;
    }

    Lookup field(String path) {
        if (path.equals("tenant")) {
            return new Lookup(path, event.tenant() != null, event.tenant());
        }
        int dot = path.indexOf('.');
        String root = dot < 0 ? path : path.substring(0, dot);
        Map<String, Object> source = switch (root) {
            case "entity", "parent", "initiator", "event" -> dot < 0 ? null : tree();
            default -> null;
        };
        if (source != null) {
            return walk(path, source, path);
        }
        return walk(path, event.entity().attributes(), path);
    }

    /** What is left of this event's time for regular expressions ({@link CriteriaRegexes#EVENT_BUDGET}). */
    Duration regexTimeLeft() {
        return Duration.ofNanos(Math.max(0, regexNanosLeft));
    }

    void spentOnRegex(long nanos) {
        regexNanosLeft -= nanos;
    }

    /** Reads an attribute as it was before the event. */
    Lookup before(String field) {
        return event.before() == null ? Lookup.absent(field) : walk(field, event.before(), field);
    }

    private static Lookup walk(String path, Object start, String remaining) {
        Object current = start;
        String rest = remaining;
        while (true) {
            if (current instanceof Map<?, ?> map) {
                if (map.containsKey(rest)) {
                    return new Lookup(path, true, map.get(rest));
                }
                int dot = rest.indexOf('.');
                if (dot < 0 || !map.containsKey(rest.substring(0, dot))) {
                    return Lookup.absent(path);
                }
                current = map.get(rest.substring(0, dot));
                rest = rest.substring(dot + 1);
            } else if (current instanceof List<?> list) {
                int dot = rest.indexOf('.');
                String head = dot < 0 ? rest : rest.substring(0, dot);
                if (!head.matches("\\d{1,9}") || Integer.parseInt(head) >= list.size()) {
                    return Lookup.absent(path);
                }
                Object element = list.get(Integer.parseInt(head));
                if (dot < 0) {
                    return new Lookup(path, true, element);
                }
                current = element;
                rest = rest.substring(dot + 1);
            } else {
                return Lookup.absent(path);
            }
        }
    }

    /**
     * What a {@code where} closure receives: {@code type, tenant, attributes, before, changes, entity, parent,
     * initiator, event}, read-only.
     */
    public Map<String, Object> tree() {
        if (tree == null) {
            Map<String, Object> json = EventJson.toMap(event);
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("type", event.type());
            view.put("tenant", event.tenant());
            view.put("attributes", event.entity().attributes());
            view.put("before", event.before());
            view.put("changes", changes(event.changes()));
            view.put("entity", json.get("entity"));
            view.put("parent", json.get("parent"));
            view.put("initiator", json.get("initiator"));
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("id", event.id());
            meta.put("type", event.type());
            meta.put("timestamp", event.timestamp() == null ? null : event.timestamp().toString());
            meta.put("tenant", event.tenant());
            view.put("event", meta);
            tree = io.hookwright.event.Maps.frozen(view);
        }
        return tree;
    }

    private static List<Map<String, Object>> changes(List<Change> changes) {
        return changes.stream().map(EventJson::change).toList();
    }
}
