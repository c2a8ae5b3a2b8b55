package io.hookwright.server.page;

import io.hookwright.server.auth.AuthFilter;
import io.hookwright.server.auth.Caller;
import io.hookwright.server.auth.Scope;
import io.hookwright.server.auth.Tokens;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.util.Date;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /} goes to the webhooks page; {@code /login} takes a token and keeps it in the {@code hookwright_token}
 * cookie (HttpOnly, SameSite=Strict), which the server then accepts like a bearer token; {@code POST /logout} drops
 * it.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public final class LoginPage {
    @Inject
    private Tokens tokens;
    @Context
    private SecurityContext security;

    @GET
    public Response home() {
        return Pages.seeOther(Pages.HOME);
    }

    @GET
    @Path("login")
    public Response form(@QueryParam("next") String next) {
        return form(200, next, null);
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(@FormParam("token") String token, @FormParam("next") String next) {
        String presented = token == null ? "" : token.strip();
        if (presented.isEmpty()) {
            return form(401, next, "Enter a token.");
        }
        Optional<Caller> caller = tokens.authenticate(presented);
        if (caller.isEmpty()) {
            return form(401, next, "That token is not recognised.");
        }
        if (!presented.chars().allMatch(LoginPage::cookieOctet)) {
            return form(401, next, "That token has characters a cookie cannot hold (spaces, quotes, commas, "
                    + "semicolons or backslashes): the page cannot keep it. Send it as a bearer token instead.");
        }
        NewCookie cookie = cookie(presented).maxAge(NewCookie.DEFAULT_MAX_AGE).build();
        String to = Pages.localPath(next, landing(caller.get()));
        return Response.fromResponse(Pages.seeOther(to)).cookie(cookie).build();
    }

    @POST
    @Path("logout")
    public Response logout() {
        NewCookie expired = cookie("").maxAge(0).expiry(new Date(0)).build();
        return Response.fromResponse(Pages.seeOther("/login")).cookie(expired).build();
    }

    private Response form(int status, String next, String error) {
        Map<String, Object> model = Pages.model(null, "login", "Sign in");
        model.put("next", Pages.localPath(next, null));
        model.put("error", error);
        return Pages.html(status, "login.ftlh", model);
    }

    private NewCookie.Builder cookie(String value) {
        return new NewCookie.Builder(AuthFilter.COOKIE).value(value).path("/").httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).secure(security != null && security.isSecure());
    }

    /** The first page a caller may open, for a login that did not come from a page. */
    private static String landing(Caller caller) {
        return !caller.may(Scope.WEBHOOKS_READ) && caller.may(Scope.RUNS_READ) ? "/ui/runs" : Pages.HOME;
    }

    /** RFC 6265's cookie-octet: printable ASCII but for space, quote, comma, semicolon and backslash. */
    private static boolean cookieOctet(int c) {
        return c >= 0x21 && c <= 0x7e && c != '"' && c != ',' && c != ';' && c != '\\';
    }
}
