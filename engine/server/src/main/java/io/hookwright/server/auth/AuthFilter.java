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
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.Optional;

/**
 * Who is calling, and whether they may: 401 without a caller, 403 when the caller lacks the endpoint's
 * {@link RequiresScope}. The REST API knows callers by {@code Authorization: Bearer} only; the web page's routes
 * ({@link WebPage}) by the session cookie only, so a browser's cookie never reaches the API and a page cannot be
 * driven with a token a script holds.
 */
@Priority(Priorities.AUTHENTICATION)
public final class AuthFilter implements ContainerRequestFilter {
    private final Tokens tokens;
    private final Sessions sessions;
    @Context
    private ResourceInfo resource;

    public AuthFilter(Tokens tokens, Sessions sessions) {
        this.tokens = tokens;
        this.sessions = sessions;
    }

    /** The session of a page request, as a request property, for the page's forms and its logout. */
    public static Optional<Session> session(ContainerRequestContext request) {
        return Optional.ofNullable((Session) request.getProperty(Session.class.getName()));
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (resource == null || resource.getResourceMethod() == null) {
            return;
        }
        if (resource.getResourceClass().isAnnotationPresent(WebPage.class)) {
            page(request);
        } else {
            api(request);
        }
    }

    private void page(ContainerRequestContext request) {
        Optional<Session> session = sessions.find(cookie(request, Sessions.COOKIE));
        session.ifPresent(s -> {
            request.setProperty(Session.class.getName(), s);
            signIn(request, s.caller(), "Session");
        });
        RequiresScope required = required();
        if (required == null) {
            return;
        }
        if (session.isEmpty()) {
            request.abortWith(unauthorized("sign in to the page first"));
            return;
        }
        checkScope(request, session.get().caller(), required);
    }

    private void api(ContainerRequestContext request) {
        RequiresScope required = required();
        if (required == null) {
            return;
        }
        Optional<String> token = bearer(request);
        if (token.isEmpty()) {
            request.abortWith(unauthorized(cookie(request, Sessions.COOKIE) == null
                    ? "send Authorization: Bearer <token>"
                    : "send Authorization: Bearer <token>; the web page's session cookie is not accepted by the API"));
            return;
        }
        Optional<Caller> caller = tokens.authenticate(token.get());
        if (caller.isEmpty()) {
            request.abortWith(unauthorized("the token is not recognised"));
            return;
        }
        if (checkScope(request, caller.get(), required)) {
            signIn(request, caller.get(), "Bearer");
        }
    }

    private static boolean checkScope(ContainerRequestContext request, Caller caller, RequiresScope required) {
        if (caller.may(required.value())) {
            return true;
        }
        // Known, though refused: the operator log names who tried.
        request.setProperty(Caller.class.getName(), caller);
        request.abortWith(Problem.response(403, "Forbidden", "token '" + caller.name() + "' lacks the scope "
                + required.value().word(), Map.of("scope", required.value().word())));
        return false;
    }

    private static void signIn(ContainerRequestContext request, Caller caller, String scheme) {
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new CallerSecurityContext(caller, secure, scheme));
        request.setProperty(Caller.class.getName(), caller);
    }

    private RequiresScope required() {
        RequiresScope onMethod = resource.getResourceMethod().getAnnotation(RequiresScope.class);
        return onMethod != null ? onMethod : resource.getResourceClass().getAnnotation(RequiresScope.class);
    }

    private static Optional<String> bearer(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7) {
            return Optional.of(header.substring(7).strip());
        }
        return Optional.empty();
    }

    /** A cookie's value, or null when the request has none (or an empty one). */
    public static String cookie(ContainerRequestContext request, String name) {
        Cookie cookie = request.getCookies().get(name);
        return cookie == null || cookie.getValue().isBlank() ? null : cookie.getValue();
    }

    private static Response unauthorized(String detail) {
        Response problem = Problem.response(401, "Unauthorized", detail);
        return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
