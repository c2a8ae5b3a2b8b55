package io.hookwright.server.auth;

import io.hookwright.server.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import org.glassfish.jersey.server.ContainerRequest;

import java.util.Optional;
import java.util.Set;

/**
 * Refuses cross-site requests, after {@link AuthFilter} has found the caller. A state-changing request to the web
 * page must come from the page's own origin ({@link SameOrigin}) and carry its form's CSRF token: the session's, or
 * for the login form a {@link LoginForms} token. The REST API, which takes bearer tokens only, refuses a request
 * whose Origin is another site's; clients that are not browsers send none.
 */
@Priority(Priorities.AUTHORIZATION)
public final class CsrfFilter implements ContainerRequestFilter {
    /** The form field that carries the token. */
    public static final String FIELD = "csrf";
    private static final Set<String> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final LoginForms loginForms;
    private final PageOrigin pageOrigin;
    @Context
    private ResourceInfo resource;

    public CsrfFilter(LoginForms loginForms, PageOrigin pageOrigin) {
        this.loginForms = loginForms;
        this.pageOrigin = pageOrigin;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (SAFE.contains(request.getMethod()) || resource == null || resource.getResourceMethod() == null) {
            return;
        }
        boolean page = resource.getResourceClass().isAnnotationPresent(WebPage.class);
        Optional<String> refusal = SameOrigin.refusal(request, page, pageOrigin);
        if (refusal.isEmpty() && page) {
            refusal = tokenRefusal(request);
        }
        refusal.ifPresent(why -> request.abortWith(Problem.response(403, "Forbidden", why)));
    }

    private Optional<String> tokenRefusal(ContainerRequestContext request) {
        String presented = field(request);
        if (resource.getResourceMethod().isAnnotationPresent(LoginForm.class)) {
            return loginForms.accepts(AuthFilter.cookie(request, LoginForms.COOKIE), presented) ? Optional.empty()
                    : Optional.of("this sign-in form has expired or was not this page's own: reload the page and "
                    + "sign in again");
        }
        Optional<Session> session = AuthFilter.session(request);
        // Without a session a route that needs a caller has had its 401 already; the logout only clears the cookie.
        if (session.isEmpty() || Sessions.csrfMatches(session.get(), presented)) {
            return Optional.empty();
        }
        return Optional.of(presented == null
                ? "the form carries no CSRF token: only this server's own pages may do this; nothing was changed"
                : "the form's CSRF token is not this session's: reload the page and try again; nothing was changed");
    }

    /** The token field of a url-encoded form body; the body stays readable for the resource. */
    private static String field(ContainerRequestContext request) {
        if (!(request instanceof ContainerRequest container) || !request.hasEntity()
                || !MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(request.getMediaType())) {
            return null;
        }
        container.bufferEntity();
        Form form = container.readEntity(Form.class);
        return form == null ? null : form.asMap().getFirst(FIELD);
    }
}
