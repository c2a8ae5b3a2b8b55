package io.hookwright.event;

import java.util.Map;

/** The entity an event is about, with its attributes as they are after the event. */
public record Entity(String type, String id, String key, Map<String, Object> attributes) {
    public Entity {
        attributes = attributes == null ? Map.of() : Maps.frozen(attributes);
    }
}
