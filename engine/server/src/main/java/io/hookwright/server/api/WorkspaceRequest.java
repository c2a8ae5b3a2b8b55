package io.hookwright.server.api;

import io.hookwright.event.Event;
import io.hookwright.event.EventJson;
import io.hookwright.server.Problem;
import io.hookwright.workspace.Workspace;
import io.hookwright.workspace.WorkspaceEntity;
import io.hookwright.workspace.WorkspaceEvents;
import io.hookwright.workspace.WorkspaceException;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The event a dry-run or a test send is about, given as the CLI's options are: {@code {"project": "DEMO"}} or
 * {@code {"entity": "Task:DEMO-9"}}, {@code "event": "Project:Updated"}, {@code "set": {"Status": "Done"}} and
 * {@code "as": "login"}; or a whole event: {@code {"event": {…event JSON…}}}.
 */
final class WorkspaceRequest {
    private WorkspaceRequest() {
    }

    @SuppressWarnings("unchecked")
    static Event event(Map<String, Object> body, Path workspace, Clock clock, String defaultType) {
        if (body == null) {
            throw Problem.of(400, "Bad request", "send {\"project\": KEY or \"entity\": \"TYPE:ID\", \"event\": TYPE, "
                    + "\"set\": {FIELD: VALUE}, \"as\": LOGIN} or {\"event\": {…event JSON…}}");
        }
        if (body.get("event") instanceof Map<?, ?> whole) {
            return io.hookwright.event.Events.complete(EventJson.fromMap((Map<String, Object>) whole), clock);
        }
        Object project = body.get("project");
        Object entity = body.get("entity");
        if ((project == null) == (entity == null)) {
            throw Problem.of(400, "Bad request", "give \"project\" (a project key) or \"entity\" (TYPE:ID), not both");
        }
        Object type = body.getOrDefault("event", defaultType);
        if (!(type instanceof String eventType)) {
            throw Problem.of(400, "Bad request", "give \"event\": the event type, e.g. \"Project:Updated\"");
        }
        List<String> sets = new ArrayList<>();
        if (body.get("set") instanceof Map<?, ?> changes) {
            changes.forEach((field, value) -> sets.add(field + "=" + EventJson.write(value)));
        } else if (body.get("set") != null) {
            throw Problem.of(400, "Bad request", "\"set\" is an object of field: value");
        }
        try {
            Workspace space = Workspace.load(workspace);
            WorkspaceEntity chosen = project != null ? space.project(String.valueOf(project)) : space.entity(String.valueOf(entity));
            return new WorkspaceEvents(space, clock).build(chosen, eventType, sets,
                    body.get("as") == null ? null : String.valueOf(body.get("as")));
        } catch (WorkspaceException e) {
            throw Problem.of(400, "Bad request", e.getMessage());
        }
    }
}
