package io.hookwright.server.auth;

import jakarta.ws.rs.core.SecurityContext;

import java.security.Principal;

/** The caller as Jersey's security context: its name as the principal, its scopes as roles. */
record CallerSecurityContext(Caller caller, boolean isSecure, String getAuthenticationScheme)
        implements SecurityContext {
    @Override
    public Principal getUserPrincipal() {
        return caller;
    }

    @Override
    public boolean isUserInRole(String role) {
        return Scope.fromWord(role).map(caller::may).orElse(false);
    }
}
