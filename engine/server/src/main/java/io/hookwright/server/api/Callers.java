package io.hookwright.server.api;

import jakarta.ws.rs.core.SecurityContext;

import java.security.Principal;

/** Who is calling an endpoint, as the authentication filter established it: the token's name. */
final class Callers {
    private Callers() {
    }

    /** The caller's name; endpoints that ask need a token, so there is always one. */
    static String name(SecurityContext security) {
        Principal principal = security == null ? null : security.getUserPrincipal();
        if (principal == null || principal.getName() == null) {
            throw new IllegalStateException("no authenticated caller: the endpoint needs a token");
        }
        return principal.getName();
    }
}
