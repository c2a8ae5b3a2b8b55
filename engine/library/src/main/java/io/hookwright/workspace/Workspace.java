package io.hookwright.workspace;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.hookwright.event.EntityRef;
import io.hookwright.event.EventJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Sample host data to dry-run and test webhooks against: a JSON file, or a folder of them, each
 * {@code {"entities": [{"type", "id", "key", "tenant", "parent": {…}, "attributes": {…}}]}}.
 */
public final class Workspace {
    private final List<WorkspaceEntity> entities;

    private Workspace(List<WorkspaceEntity> entities) {
        this.entities = List.copyOf(entities);
    }

    public static Workspace load(Path path) {
        if (!Files.exists(path)) {
            throw new WorkspaceException("no workspace at " + path + ": pass --workspace FILE or a folder of *.json");
        }
        List<Path> files;
        if (Files.isDirectory(path)) {
            try (Stream<Path> listing = Files.list(path)) {
                files = listing.filter(p -> p.toString().endsWith(".json")).sorted(Comparator.comparing(Path::toString)).toList();
            } catch (IOException e) {
                throw new WorkspaceException("cannot list " + path + ": " + e.getMessage());
            }
        } else {
            files = List.of(path);
        }
        List<WorkspaceEntity> entities = new ArrayList<>();
        for (Path file : files) {
            entities.addAll(read(file));
        }
        return new Workspace(entities);
    }

    @SuppressWarnings("unchecked")
    private static List<WorkspaceEntity> read(Path file) {
        Map<String, Object> root;
        try {
            Object tree = EventJson.INPUT.readValue(Files.readString(file), Object.class);
            if (!(tree instanceof Map<?, ?>) || !(((Map<String, Object>) tree).get("entities") instanceof List<?>)) {
                throw new WorkspaceException(file + ": a workspace file is {\"entities\": [ … ]}");
            }
            root = (Map<String, Object>) tree;
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new WorkspaceException(file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new WorkspaceException("cannot read " + file + ": " + e.getMessage());
        } catch (NumberFormatException e) {
            throw new WorkspaceException(file + ": a number has an exponent beyond what can be read");
        }
        List<WorkspaceEntity> entities = new ArrayList<>();
        List<Object> list = (List<Object>) root.get("entities");
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> raw)) {
                throw new WorkspaceException(file + ": entities[" + i + "] must be an object");
            }
            Map<String, Object> e = (Map<String, Object>) raw;
            String where = file + ": entities[" + i + "]";
            String type = required(e, "type", where);
            String id = required(e, "id", where);
            EntityRef parent = null;
            if (e.get("parent") instanceof Map<?, ?> p) {
                Map<String, Object> pm = (Map<String, Object>) p;
                parent = new EntityRef(required(pm, "type", where + ".parent"), required(pm, "id", where + ".parent"),
                        text(pm.get("key")));
            }
            Map<String, Object> attributes = e.get("attributes") instanceof Map<?, ?> a
                    ? (Map<String, Object>) a : Map.of();
            entities.add(new WorkspaceEntity(type, id, text(e.get("key")), text(e.get("tenant")), parent,
                    attributes, file.toString()));
        }
        return entities;
    }

    private static String required(Map<String, Object> map, String field, String where) {
        String value = text(map.get(field));
        if (value == null) {
            throw new WorkspaceException(where + ": \"" + field + "\" is required");
        }
        return value;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    public List<WorkspaceEntity> entities() {
        return entities;
    }

    /** {@code --project KEY}: the Project with that key (or id). */
    public WorkspaceEntity project(String key) {
        return find("Project", key).orElseThrow(() -> new WorkspaceException("no Project with key " + key
                + " in the workspace; projects: " + String.join(", ", keys("Project"))));
    }

    /** {@code --entity TYPE:ID}: by id or key. */
    public WorkspaceEntity entity(String typeAndId) {
        int colon = typeAndId.indexOf(':');
        if (colon <= 0 || colon == typeAndId.length() - 1) {
            throw new WorkspaceException("--entity takes TYPE:ID, e.g. Task:DEMO-9, not '" + typeAndId + "'");
        }
        String type = typeAndId.substring(0, colon);
        String id = typeAndId.substring(colon + 1);
        return find(type, id).orElseThrow(() -> new WorkspaceException("no " + type + " with id or key " + id
                + " in the workspace; " + type + " entities: " + String.join(", ", keys(type))));
    }

    public Optional<WorkspaceEntity> find(String type, String idOrKey) {
        return entities.stream().filter(e -> e.type().equals(type))
                .filter(e -> idOrKey.equals(e.id()) || idOrKey.equals(e.key()))
                .findFirst();
    }

    private List<String> keys(String type) {
        return entities.stream().filter(e -> e.type().equals(type)).map(e -> e.key() != null ? e.key() : e.id())
                .limit(20).toList();
    }
}
