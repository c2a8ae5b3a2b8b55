package io.hookwright.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened on the host: {@code type} is {@code Entity:Action}. {@code before} is null unless
 * the event carries the attributes as they were; {@code changes} are derived from it (see {@link Events}).
 * <p>
 * Built by name, only the parts it has:
 * <pre>{@code
 * Event event = Event.builder("Project:Updated")
 *         .tenant("acme")
 *         .initiator(new Initiator("u-1", "Anna Doe", "anna"))
 *         .entity(new Entity("Project", "p-1", "DEMO", Map.of("Status", "Done")))
 *         .before(Map.of("Status", "On track"))
 *         .build();
 * }</pre>
 * An absent id or timestamp is given one when the engine takes the event in ({@link Events#complete}); the limits
 * of {@link EventLimits} are checked then too, so a builder takes any value and the engine names the field it refuses.
 */
public final class Event {
    private final String id;
    private final String type;
    private final Instant timestamp;
    private final String tenant;
    private final Initiator initiator;
    private final Entity entity;
    private final Map<String, Object> before;
    private final List<Change> changes;
    private final EntityRef parent;

    private Event(Builder b) {
        this.id = b.id;
        this.type = b.type;
        this.timestamp = b.timestamp;
        this.tenant = b.tenant;
        this.initiator = b.initiator;
        this.entity = b.entity;
        this.before = b.before == null ? null : Maps.frozen(b.before);
        this.changes = b.changes == null ? List.of() : List.copyOf(b.changes);
        this.parent = b.parent;
    }

    /** A builder for an event of {@code type}, {@code Entity:Action} such as {@code Project:Updated}. */
    public static Builder builder(String type) {
        return new Builder(type);
    }

    /** The smallest event: a type and the entity it is about. */
    public static Event of(String type, Entity entity) {
        return builder(type).entity(entity).build();
    }

    /** A builder holding this event's parts, to build a copy with some of them changed. */
    public Builder toBuilder() {
        return new Builder(type).id(id).timestamp(timestamp).tenant(tenant).initiator(initiator).entity(entity)
                .before(before).changes(changes).parent(parent);
    }

    /** The host's id of the event, or null until the engine gives it one. */
    public String id() {
        return id;
    }

    public String type() {
        return type;
    }

    /** When it happened, or null until the engine takes it in (then: the engine's clock). */
    public Instant timestamp() {
        return timestamp;
    }

    public String tenant() {
        return tenant;
    }

    public Initiator initiator() {
        return initiator;
    }

    public Entity entity() {
        return entity;
    }

    /** The attributes as they were before, or null when the event does not carry them. */
    public Map<String, Object> before() {
        return before;
    }

    /** The changed fields; never null. */
    public List<Change> changes() {
        return changes;
    }

    public EntityRef parent() {
        return parent;
    }

    public String entityType() {
        return type.substring(0, type.indexOf(':'));
    }

    public String action() {
        return type.substring(type.indexOf(':') + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Event e && Objects.equals(id, e.id) && Objects.equals(type, e.type)
                && Objects.equals(timestamp, e.timestamp) && Objects.equals(tenant, e.tenant)
                && Objects.equals(initiator, e.initiator) && Objects.equals(entity, e.entity)
                && Objects.equals(before, e.before) && changes.equals(e.changes) && Objects.equals(parent, e.parent);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, type, timestamp, tenant, initiator, entity, before, changes, parent);
    }

    @Override
    public String toString() {
        return "Event[id=" + id + ", type=" + type + ", timestamp=" + timestamp + ", tenant=" + tenant
                + ", initiator=" + initiator + ", entity=" + entity + ", before=" + before + ", changes=" + changes
                + ", parent=" + parent + "]";
    }

    /** Builds an {@link Event}; every part but the type is optional here (the entity is required when published). */
    public static final class Builder {
        private String id;
        private String type;
        private Instant timestamp;
        private String tenant;
        private Initiator initiator;
        private Entity entity;
        private Map<String, ?> before;
        private List<Change> changes;
        private EntityRef parent;

        private Builder(String type) {
            this.type = type;
        }

        public Builder id(String value) {
            this.id = value;
            return this;
        }

        public Builder type(String value) {
            this.type = value;
            return this;
        }

        public Builder timestamp(Instant value) {
            this.timestamp = value;
            return this;
        }

        public Builder tenant(String value) {
            this.tenant = value;
            return this;
        }

        public Builder initiator(Initiator value) {
            this.initiator = value;
            return this;
        }

        public Builder entity(Entity value) {
            this.entity = value;
            return this;
        }

        /** The attributes as they were; the engine derives {@code changes} from them when none are given. */
        public Builder before(Map<String, ?> value) {
            this.before = value;
            return this;
        }

        public Builder changes(List<Change> value) {
            this.changes = value;
            return this;
        }

        public Builder parent(EntityRef value) {
            this.parent = value;
            return this;
        }

        public Event build() {
            return new Event(this);
        }
    }
}
