package io.hookwright.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Something that happened on the host: {@code type} is {@code Entity:Action}. {@code before} is null unless
 * the event carries the attributes as they were; {@code changes} are derived from it (see {@link Events}).
 */
public record Event(String id, String type, Instant timestamp, String tenant, Initiator initiator, Entity entity,
                    Map<String, Object> before, List<Change> changes, EntityRef parent) {
    public Event {
        before = before == null ? null : Maps.frozen(before);
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    public String entityType() {
        return type.substring(0, type.indexOf(':'));
    }

    public String action() {
        return type.substring(type.indexOf(':') + 1);
    }
}
