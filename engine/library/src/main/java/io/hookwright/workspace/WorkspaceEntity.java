package io.hookwright.workspace;

import io.hookwright.event.EntityRef;

import java.util.Map;

/** One entity of a workspace, as the host would describe it. */
public record WorkspaceEntity(String type, String id, String key, String tenant, EntityRef parent,
                              Map<String, Object> attributes, String file) {
    /** {@code Project DEMO (p-1)}. */
    public String describe() {
        return type + " " + (key != null ? key + " (" + id + ")" : id);
    }
}
