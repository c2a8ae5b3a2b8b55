package io.hookwright.server.auth;

import java.util.Set;

/** Who presented a token: its name (shown in logs instead of the token) and what it may do. */
public record Caller(String name, Set<Scope> scopes) {
    public Caller {
        scopes = Set.copyOf(scopes);
    }

    public boolean may(Scope scope) {
        return scopes.contains(scope) || scopes.contains(Scope.ADMIN);
    }
}
