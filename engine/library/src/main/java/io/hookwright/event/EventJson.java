package io.hookwright.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON form of an event, as the README's {@code POST /events} example shows it. */
public final class EventJson {
    /**
     * The deepest nesting the parser reads: an attribute value's {@link EventLimits#MAX_DEPTH} plus the event's own
     * levels (the array of events, the event, the entity, its attributes) and some room.
     */
    public static final int MAX_INPUT_DEPTH = EventLimits.MAX_DEPTH + 8;
    /**
     * The longest text the parser reads (characters): more than the default 1 MiB body holds, so that within it the
     * error names the field ({@link EventLimits#MAX_TEXT_LENGTH}, or an identifier's limit).
     */
    public static final int MAX_INPUT_TEXT_LENGTH = 2_000_000;
    /** The longest object key the parser reads; {@link EventLimits} refuses names over 200 after. */
    public static final int MAX_INPUT_NAME_LENGTH = 2 * EventLimits.MAX_FIELD_NAME_LENGTH;
    /** The longest number the parser reads (characters); {@link EventLimits} refuses more than 100 digits after. */
    public static final int MAX_INPUT_NUMBER_LENGTH = 10_000;
    /** The most events one array may hold: each is published in turn while the request waits. */
    public static final int MAX_EVENTS = 1000;
    /** The mapper every JSON-like value in the engine goes through: decimals stay exact, order is kept. */
    public static final ObjectMapper MAPPER = mapper(new JsonFactory());
    /**
     * The mapper JSON from outside is read with (event bodies, workspace files, request bodies): {@link #MAPPER} with
     * the parser bounded, so a body cannot nest, or hold text or numbers, beyond what {@link EventLimits} then
     * checks field by field. The bounds are wider than {@link EventLimits}' so that its errors, which name the field,
     * come first. Keys are not interned: they come from anyone.
     */
    public static final ObjectMapper INPUT = mapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_INPUT_DEPTH)
                    .maxStringLength(MAX_INPUT_TEXT_LENGTH)
                    .maxNameLength(MAX_INPUT_NAME_LENGTH)
                    .maxNumberLength(MAX_INPUT_NUMBER_LENGTH)
                    .build())
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build());

    private EventJson() {
    }

    private static ObjectMapper mapper(JsonFactory factory) {
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
    }

    public static Event parse(String json) {
        return fromMap(object(tree(json), "(event)"));
    }

    /**
     * One event or a JSON array of them, as {@code POST /events} and {@code serve --feed} take them. A bad event is
     * named by its place, e.g. {@code [2].entity.type}.
     */
    public static java.util.List<Event> parseOneOrMany(String json) {
        Object tree = tree(json);
        if (!(tree instanceof java.util.List<?> list)) {
            return java.util.List.of(fromMap(object(tree, "(event)")));
        }
        if (list.isEmpty()) {
            throw new EventFormatException("(body)", "the array holds no event");
        }
        if (list.size() > MAX_EVENTS) {
            throw new EventFormatException("(body)", "the array holds " + list.size() + " events; at most " + MAX_EVENTS
                    + " in one request");
        }
        java.util.List<Event> events = new java.util.ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String place = "[" + i + "]";
            try {
                events.add(fromMap(object(list.get(i), place)));
            } catch (EventFormatException e) {
                throw e.field().startsWith(place) ? e : new EventFormatException(place + "." + e.field(), e.reason());
            }
        }
        return events;
    }

    private static Object tree(String json) {
        try {
            return INPUT.readValue(json, Object.class);
        } catch (NumberFormatException e) {
            // An exponent past what a BigDecimal holds (1e9999999999): far beyond EventLimits' bounds anyway.
            throw new EventFormatException("(body)", "a number has an exponent beyond "
                    + EventLimits.MAX_NUMBER_EXPONENT + " either way");
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new EventFormatException("(body)", "not valid JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        }
    }

    /** Reads one event from its JSON tree; id, timestamp and changes may be absent. */
    @SuppressWarnings("unchecked")
    public static Event fromMap(Map<String, Object> map) {
        String type = text(map, "type", true);
        EventLimits.type(type);
        Map<String, Object> entity = object(require(map, "entity"), "entity");
        Map<String, Object> attributes = entity.get("attributes") == null ? Map.of()
                : object(entity.get("attributes"), "entity.attributes");
        String entityType = text(entity, "type", "entity.type", true);
        EventLimits.identifier("entity.type", entityType, EventLimits.MAX_NAME_LENGTH);
        if (!entityType.equals(type.substring(0, type.indexOf(':')))) {
            throw new EventFormatException("entity.type", "'" + entityType + "' does not match the event type "
                    + type);
        }
        Entity subject = new Entity(entityType, text(entity, "id", "entity.id", true),
                text(entity, "key", "entity.key", false), attributes);
        Map<String, Object> initiator = map.get("initiator") == null ? null : object(map.get("initiator"), "initiator");
        Map<String, Object> parent = map.get("parent") == null ? null : object(map.get("parent"), "parent");
        Map<String, Object> before = map.get("before") == null ? null : object(map.get("before"), "before");
        Event event = Event.builder(type)
                .id(text(map, "id", false))
                .timestamp(timestamp(map))
                .tenant(text(map, "tenant", false))
                .initiator(initiator == null ? null : new Initiator(text(initiator, "userId", "initiator.userId", false),
                        text(initiator, "name", "initiator.name", false), text(initiator, "login", "initiator.login", false)))
                .entity(subject)
                .before(before)
                .changes(changes(map.get("changes")))
                .parent(parent == null ? null : new EntityRef(text(parent, "type", "parent.type", true),
                        text(parent, "id", "parent.id", true), text(parent, "key", "parent.key", false)))
                .build();
        EventLimits.check(event);
        return event;
    }

    private static Instant timestamp(Map<String, Object> map) {
        Object value = map.get("timestamp");
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.toString());
        } catch (DateTimeParseException e) {
            String shown = value.toString().length() > 60 ? value.toString().substring(0, 60) + "…" : value.toString();
            throw new EventFormatException("timestamp", "'" + shown + "' is not an ISO-8601 instant such as 2026-11-23T10:00:00Z");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Change> changes(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            throw new EventFormatException("changes", "must be a list of {field, previous, current}");
        }
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Map<String, Object> change = object(list.get(i), "changes[" + i + "]");
            changes.add(new Change(text(change, "field", "changes[" + i + "].field", true), change.get("previous"),
                    change.get("current")));
        }
        return changes;
    }

    private static Object require(Map<String, Object> map, String field) {
        Object value = map.get(field);
        if (value == null) {
            throw new EventFormatException(field, "is required");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String field) {
        if (!(value instanceof Map<?, ?>)) {
            throw new EventFormatException(field, "must be a JSON object");
        }
        return (Map<String, Object>) value;
    }

    private static String text(Map<String, Object> map, String field, boolean required) {
        return text(map, field, field, required);
    }

    private static String text(Map<String, Object> map, String key, String field, boolean required) {
        Object value = map.get(key);
        if (value == null || value.toString().isBlank()) {
            if (required) {
                throw new EventFormatException(field, "is required");
            }
            return null;
        }
        if (!(value instanceof String) && !(value instanceof Number)) {
            throw new EventFormatException(field, "must be text");
        }
        return value.toString();
    }

    /** The event as a JSON tree, in the documented field order (id, type, timestamp, …); absent parts are left out. */
    public static Map<String, Object> toMap(Event event) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", event.id());
        map.put("type", event.type());
        map.put("timestamp", event.timestamp() == null ? null : event.timestamp().toString());
        putIfPresent(map, "tenant", event.tenant());
        if (event.initiator() != null) {
            Map<String, Object> initiator = new LinkedHashMap<>();
            initiator.put("userId", event.initiator().userId());
            initiator.put("name", event.initiator().name());
            initiator.put("login", event.initiator().login());
            map.put("initiator", initiator);
        }
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("type", event.entity().type());
        entity.put("id", event.entity().id());
        putIfPresent(entity, "key", event.entity().key());
        entity.put("attributes", event.entity().attributes());
        map.put("entity", entity);
        putIfPresent(map, "before", event.before());
        if (!event.changes().isEmpty()) {
            map.put("changes", event.changes().stream().map(EventJson::change).toList());
        }
        if (event.parent() != null) {
            map.put("parent", ref(event.parent()));
        }
        return map;
    }

    public static Map<String, Object> change(Change change) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("field", change.field());
        map.put("previous", change.previous());
        map.put("current", change.current());
        return map;
    }

    static Map<String, Object> ref(EntityRef ref) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", ref.type());
        map.put("id", ref.id());
        putIfPresent(map, "key", ref.key());
        return map;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
