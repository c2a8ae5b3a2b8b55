package io.hookwright.workspace;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.hookwright.event.Entity;
import io.hookwright.event.Event;
import io.hookwright.event.EventFormatException;
import io.hookwright.event.EventJson;
import io.hookwright.event.Events;
import io.hookwright.event.Initiator;

import io.hookwright.operations.OperationalEvents;
import io.hookwright.operations.OperationalKind;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Builds the event a dry-run or test-send uses: the chosen entity as it stands, with {@code --set} changes
 * applied (the original attributes become {@code before}, a field set that the entity lacks as null there), from a
 * demo initiator unless {@code --as} names one.
 */
public final class WorkspaceEvents {
    public static final Initiator DEMO_INITIATOR = new Initiator("demo-user", "Demo User", "demo@hookwright.local");

    private final Workspace workspace;
    private final Clock clock;

    public WorkspaceEvents(Workspace workspace, Clock clock) {
        this.workspace = workspace;
        this.clock = clock;
    }

    /** The engine's own events ({@code Hookwright:*}) are about a webhook: an entity of type {@code Webhook}. */
    private static boolean engineEventOfWebhook(String type, WorkspaceEntity entity) {
        return OperationalKind.isOperational(type) && entity.type().equals(OperationalEvents.ENTITY_TYPE);
    }

    /** @param sets {@code FIELD=VALUE}; VALUE is read as JSON when it is JSON (20000, true, null, "x"), else as text */
    public Event build(WorkspaceEntity entity, String type, List<String> sets, String as) {
        int colon = type.indexOf(':');
        if (colon <= 0 || colon == type.length() - 1) {
            throw new WorkspaceException("--event takes Entity:Action, e.g. Project:Updated, not '" + type + "'");
        }
        if (!type.substring(0, colon).equals(entity.type()) && !engineEventOfWebhook(type, entity)) {
            throw new WorkspaceException("--event " + type + " is about " + type.substring(0, colon) + ", but "
                    + entity.describe() + " is a " + entity.type());
        }
        Map<String, Object> attributes = new LinkedHashMap<>(entity.attributes());
        Map<String, Object> before = null;
        if (!sets.isEmpty()) {
            for (String set : sets) {
                apply(attributes, set);
            }
            // The whole entity is before, not the part a host touched: a field it lacks was not there (null), so
            // setting it is a change from null, in changes and for changed criteria alike.
            before = new LinkedHashMap<>(entity.attributes());
            for (String field : attributes.keySet()) {
                if (!before.containsKey(field)) {
                    before.put(field, null);
                }
            }
        }
        Event event = Event.builder(type)
                .id("dry_" + UUID.randomUUID())
                .timestamp(clock.instant())
                .tenant(entity.tenant())
                .initiator(initiator(as))
                .entity(new Entity(entity.type(), entity.id(), entity.key(), attributes))
                .before(before)
                .parent(entity.parent())
                .build();
        try {
            return Events.complete(event, clock);
        } catch (EventFormatException e) {
            throw new WorkspaceException(entity.describe() + ": " + e.getMessage());
        }
    }

    private Initiator initiator(String login) {
        if (login == null) {
            return DEMO_INITIATOR;
        }
        Optional<WorkspaceEntity> user = workspace.entities().stream().filter(e -> e.type().equals("User"))
                .filter(e -> login.equals(e.key()) || login.equals(e.attributes().get("Login"))
                        || login.equals(e.attributes().get("Email")))
                .findFirst();
        return user.map(u -> new Initiator(u.id(), String.valueOf(u.attributes().getOrDefault("FullName",
                        u.attributes().getOrDefault("Name", login))), login))
                .orElse(new Initiator(login, login, login));
    }

    @SuppressWarnings("unchecked")
    private static void apply(Map<String, Object> attributes, String set) {
        int eq = set.indexOf('=');
        if (eq <= 0) {
            throw new WorkspaceException("--set takes FIELD=VALUE, e.g. Status=Done, not '" + set + "'");
        }
        String field = set.substring(0, eq).trim();
        Object value = parse(set.substring(eq + 1));
        if (!attributes.containsKey(field) && field.contains(".")) {
            String head = field.substring(0, field.indexOf('.'));
            if (attributes.get(head) instanceof Map<?, ?> nested) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) nested);
                apply(copy, field.substring(head.length() + 1) + "=" + set.substring(eq + 1));
                attributes.put(head, copy);
                return;
            }
        }
        attributes.put(field, value);
    }

    private static Object parse(String text) {
        try {
            return EventJson.INPUT.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            return text;
        }
    }
}
