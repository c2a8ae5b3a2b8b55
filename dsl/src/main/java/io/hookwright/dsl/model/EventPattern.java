package io.hookwright.dsl.model;

/**
 * An {@code Entity:Action} event type a webhook listens to; either side may be {@code *}.
 */
public record EventPattern(String entity, String action) {
    public static final String ANY = "*";

    /** Parses {@code Task:Updated}, {@code Task:*}, {@code *:Deleted} or {@code *:*}; null if malformed. */
    public static EventPattern parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1 || text.indexOf(':', colon + 1) >= 0) {
            return null;
        }
        String entity = text.substring(0, colon);
        String action = text.substring(colon + 1);
        if (!isPart(entity) || !isPart(action)) {
            return null;
        }
        return new EventPattern(entity, action);
    }

    private static boolean isPart(String part) {
        return part.equals(ANY) || part.matches("[A-Za-z][A-Za-z0-9_]*");
    }

    public boolean matches(String entityType, String actionName) {
        return (entity.equals(ANY) || entity.equals(entityType)) && (action.equals(ANY) || action.equals(actionName));
    }

    @Override
    public String toString() {
        return entity + ":" + action;
    }
}
