package io.hookwright.server.auth;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a token may do. {@code admin} may do everything. */
public enum Scope {
    WEBHOOKS_READ("webhooks:read"),
    WEBHOOKS_CREATE("webhooks:create"),
    /** Modify, activate, deactivate. */
    WEBHOOKS_WRITE("webhooks:write"),
    WEBHOOKS_DELETE("webhooks:delete"),
    EVENTS_WRITE("events:write"),
    RUNS_READ("runs:read"),
    RUNS_REDELIVER("runs:redeliver"),
    ADMIN("admin");

    private final String word;

    Scope(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static Optional<Scope> fromWord(String word) {
        return Arrays.stream(values()).filter(s -> s.word.equals(word)).findFirst();
    }

    public static String all() {
        return Arrays.stream(values()).map(Scope::word).collect(Collectors.joining(", "));
    }
}
