package io.hookwright.server.auth;

import io.hookwright.server.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;

import java.security.Principal;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the bearer token of every request to an endpoint marked {@link RequiresScope}: 401 without a token or
 * with an unknown one, 403 when the token lacks the scope. The web page's login keeps the token in a cookie,
 * accepted the same way.
 */
@Priority(Priorities.AUTHENTICATION)
public final class AuthFilter implements ContainerRequestFilter {
    public static final String COOKIE = "hookwright_token";

    private final Tokens tokens;
    @Context
    private ResourceInfo resource;

    public AuthFilter(Tokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        RequiresScope required = required();
        if (required == null) {
            return;
        }
        Optional<String> token = token(request);
        if (token.isEmpty()) {
            request.abortWith(unauthorized("send Authorization: Bearer <token>"));
            return;
        }
        Optional<Caller> caller = tokens.authenticate(token.get());
        if (caller.isEmpty()) {
            request.abortWith(unauthorized("the token is not recognised"));
            return;
        }
        if (!caller.get().may(required.value())) {
            request.abortWith(Problem.response(403, "Forbidden", "token '" + caller.get().name() + "' lacks the scope "
                    + required.value().word(), Map.of("scope", required.value().word())));
            return;
        }
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return caller.get()::name;
            }

            @Override
            public boolean isUserInRole(String role) {
                return Scope.fromWord(role).map(caller.get()::may).orElse(false);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
        request.setProperty(Caller.class.getName(), caller.get());
    }

    private RequiresScope required() {
        if (resource == null || resource.getResourceMethod() == null) {
            return null;
        }
        RequiresScope onMethod = resource.getResourceMethod().getAnnotation(RequiresScope.class);
        return onMethod != null ? onMethod : resource.getResourceClass().getAnnotation(RequiresScope.class);
    }

    private static Optional<String> token(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7) {
            return Optional.of(header.substring(7).strip());
        }
        Cookie cookie = request.getCookies().get(COOKIE);
        return cookie == null || cookie.getValue().isBlank() ? Optional.empty() : Optional.of(cookie.getValue());
    }

    private static jakarta.ws.rs.core.Response unauthorized(String detail) {
        jakarta.ws.rs.core.Response problem = Problem.response(401, "Unauthorized", detail);
        return jakarta.ws.rs.core.Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
