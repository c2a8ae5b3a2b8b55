package io.hookwright.dsl.load;

import io.hookwright.dsl.model.DefinitionError;
import io.hookwright.dsl.model.EventPattern;
import io.hookwright.dsl.model.RuleSet;
import io.hookwright.dsl.model.WebhookDefinition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The event types webhooks listen to that the engine does not know: most often a misspelling
 * ({@code on 'Project:Udpated'}), which matches no event and so would pass silently. The entity set is open (a
 * host may publish types of its own), so each is a warning, with the known type it is closest to.
 *
 * <p>The known types are those the engine's documents and samples name: the entities of the project platforms
 * (PPM Express's projects, ideas, tasks and key dates, with the portfolios and programs key dates belong to; Cotalker's
 * task groups, surveys, properties and notes; an admin console's users, invites, groups, roles and API keys), each
 * {@code Created}, {@code Updated} and {@code Deleted}; {@code User:LoggedOut}; and the engine's own
 * {@code Hookwright:*} events.
 */
public final class UnknownEventTypes {
    static final List<String> ENTITIES = List.of("Project", "Idea", "Task", "KeyDate", "Portfolio", "Program",
            "TaskGroup", "Survey", "Property", "Note", "User", "Invite", "Group", "Role", "ApiKey");
    static final List<String> CHANGES = List.of("Created", "Updated", "Deleted");
    /** The engine's own events, on which webhooks may act like on any other. */
    static final List<String> ENGINE_EVENTS = List.of("Hookwright:WebhookDeactivated", "Hookwright:WebhookActivated",
            "Hookwright:AttemptsExhausted", "Hookwright:EndpointRecovered", "Hookwright:FailuresRising");
    static final Set<String> KNOWN = known();

    private UnknownEventTypes() {
    }

    private static Set<String> known() {
        Set<String> known = new LinkedHashSet<>();
        for (String entity : ENTITIES) {
            for (String change : CHANGES) {
                known.add(entity + ":" + change);
            }
        }
        known.add("User:LoggedOut");
        known.addAll(ENGINE_EVENTS);
        // In the order written, so that of two suggestions as close, the same one is made every time.
        return Collections.unmodifiableSet(known);
    }

    /** The event types the engine knows, entity by entity, for a screen that offers them to choose from. */
    public static Set<String> knownTypes() {
        return KNOWN;
    }

    /** One warning per unknown event type and place, in the definitions' order, for the file:line:col listing. */
    public static List<DefinitionError> in(RuleSet rules) {
        List<DefinitionError> found = new ArrayList<>();
        for (WebhookDefinition webhook : rules.webhooks()) {
            for (int i = 0; i < webhook.events().size(); i++) {
                String warning = warning(webhook.code(), webhook.events().get(i));
                if (warning != null) {
                    found.add(DefinitionError.at(webhook.eventsAt().get(i), warning));
                }
            }
        }
        return found;
    }

    /** Null when the engine knows the type, or every type the pattern's wildcards stand for. */
    private static String warning(String code, EventPattern pattern) {
        String entity = pattern.entity();
        String action = pattern.action();
        boolean anyEntity = entity.equals(EventPattern.ANY);
        boolean anyAction = action.equals(EventPattern.ANY);
        String nearest;
        if (anyEntity && anyAction) {
            return null;
        } else if (anyAction) {
            if (!knownTypes(entity, null).isEmpty()) {
                return null;
            }
            nearest = suggestion(entity, entities(), e -> e + ":*");
        } else if (anyEntity) {
            if (!knownTypes(null, action).isEmpty()) {
                return null;
            }
            nearest = suggestion(action, actions(), a -> "*:" + a);
        } else {
            if (KNOWN.contains(pattern.toString())) {
                return null;
            }
            nearest = nearestType(entity, action);
        }
        String unknown = "webhook '" + code + "' listens to '" + pattern + "', an event type the engine does not know";
        if (nearest != null) {
            return unknown + ": did you mean '" + nearest + "'? (fine if the host publishes a type of its own by that "
                    + "name)";
        }
        return unknown + " (it knows " + String.join(", ", ENTITIES.subList(0, 4)) + ", User and more, each "
                + String.join(", ", CHANGES.subList(0, 2)) + " or " + CHANGES.get(2) + "): fine if the host publishes "
                + "a type of its own by that name; if not, the webhook never fires";
    }

    /**
     * The known type closest to {@code entity:action}: a misspelt action of a known entity, a misspelt entity of a
     * known action, or else the closest type of all.
     */
    private static String nearestType(String entity, String action) {
        String nearest = suggestion(action, knownTypes(entity, null).stream()
                .map(t -> t.substring(t.indexOf(':') + 1)).toList(), a -> entity + ":" + a);
        if (nearest == null) {
            nearest = suggestion(entity, knownTypes(null, action).stream()
                    .map(t -> t.substring(0, t.indexOf(':'))).toList(), e -> e + ":" + action);
        }
        return nearest != null ? nearest : Vocabulary.nearest(entity + ":" + action, KNOWN);
    }

    private static String suggestion(String written, List<String> candidates, UnaryOperator<String> as) {
        String nearest = Vocabulary.nearest(written, candidates);
        return nearest == null ? null : as.apply(nearest);
    }

    /** The known types of this entity, or of this action; a null part stands for any. */
    private static List<String> knownTypes(String entity, String action) {
        return KNOWN.stream().filter(t -> (entity == null || t.startsWith(entity + ":"))
                && (action == null || t.endsWith(":" + action))).toList();
    }

    private static List<String> entities() {
        return KNOWN.stream().map(t -> t.substring(0, t.indexOf(':'))).distinct().toList();
    }

    private static List<String> actions() {
        return KNOWN.stream().map(t -> t.substring(t.indexOf(':') + 1)).distinct().toList();
    }
}
