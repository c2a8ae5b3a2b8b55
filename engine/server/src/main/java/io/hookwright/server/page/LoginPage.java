package io.hookwright.server.page;

import io.hookwright.server.auth.AuthFilter;
import io.hookwright.server.auth.Caller;
import io.hookwright.server.auth.CsrfFilter;
import io.hookwright.server.auth.LoginForm;
import io.hookwright.server.auth.LoginForms;
import io.hookwright.server.auth.PageOrigin;
import io.hookwright.server.auth.Scope;
import io.hookwright.server.auth.Sessions;
import io.hookwright.server.auth.Tokens;
import io.hookwright.server.auth.WebPage;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /} goes to the webhooks page (the runs page for a caller who may read runs only); {@code /login} takes
 * a token and opens a session, whose random id the {@code hookwright_session} cookie carries (the token itself is
 * never kept); {@code POST /logout} ends it. The login form is protected by a {@link LoginForms} token and its nonce
 * cookie, since it comes before any session.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@WebPage
public final class LoginPage {
    @Inject
    private Tokens tokens;
    @Inject
    private Sessions sessions;
    @Inject
    private LoginForms loginForms;
    @Inject
    private PageOrigin pageOrigin;
    @Context
    private ContainerRequestContext request;

    @GET
    public Response home() {
        return Pages.seeOther(AuthFilter.session(request).map(s -> landing(s.caller())).orElse(Pages.HOME));
    }

    @GET
    @Path("login")
    public Response form(@QueryParam("next") String next) {
        return form(200, next, null);
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @LoginForm
    public Response login(@FormParam("token") String token, @FormParam("next") String next) {
        String presented = token == null ? "" : token.strip();
        if (presented.isEmpty()) {
            return form(401, next, "Enter a token.");
        }
        Optional<Caller> caller = tokens.authenticate(presented);
        if (caller.isEmpty()) {
            return form(401, next, "That token is not recognised.");
        }
        // A login always gets a new id, and ends the session the browser had, so no id set before it lives on.
        sessions.end(AuthFilter.cookie(request, Sessions.COOKIE));
        Sessions.Opened opened = sessions.open(caller.get());
        String to = Pages.localPath(next, landing(caller.get()));
        boolean secure = pageOrigin.secure(request);
        return Response.fromResponse(Pages.seeOther(to))
                .cookie(SessionCookies.session(opened.id(), secure),
                        SessionCookies.expired(LoginForms.COOKIE, SessionCookies.LOGIN_PATH, secure))
                .build();
    }

    @POST
    @Path("logout")
    public Response logout() {
        sessions.end(AuthFilter.cookie(request, Sessions.COOKIE));
        NewCookie expired = SessionCookies.expired(Sessions.COOKIE, "/", pageOrigin.secure(request));
        return Response.fromResponse(Pages.seeOther("/login")).cookie(expired).build();
    }

    private Response form(int status, String next, String error) {
        String nonce = loginForms.nonce(AuthFilter.cookie(request, LoginForms.COOKIE));
        Map<String, Object> model = Pages.model(null, "login", "Sign in");
        model.put("next", Pages.localPath(next, null));
        model.put("error", error);
        model.put(CsrfFilter.FIELD, loginForms.token(nonce));
        return Response.fromResponse(Pages.html(status, "login.ftlh", model))
                .cookie(SessionCookies.loginNonce(nonce, pageOrigin.secure(request))).build();
    }

    /** The first page a caller may open, for a login that did not come from a page. */
    private static String landing(Caller caller) {
        return !caller.may(Scope.WEBHOOKS_READ) && caller.may(Scope.RUNS_READ) ? "/ui/runs" : Pages.HOME;
    }
}
