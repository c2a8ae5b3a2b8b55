package io.hookwright.server.auth;

import java.security.Principal;
import java.util.Set;

/**
 * Who presented a token: its name (shown in logs instead of the token), what it may do, and the e-mail the tokens
 * file gives it (empty when none), which commits made for it carry.
 */
public record Caller(String name, Set<Scope> scopes, String email) implements Principal {
    public Caller {
        scopes = Set.copyOf(scopes);
        email = email == null ? "" : email;
    }

    public Caller(String name, Set<Scope> scopes) {
        this(name, scopes, "");
    }

    public boolean may(Scope scope) {
        return scopes.contains(scope) || scopes.contains(Scope.ADMIN);
    }

    @Override
    public String getName() {
        return name;
    }
}
