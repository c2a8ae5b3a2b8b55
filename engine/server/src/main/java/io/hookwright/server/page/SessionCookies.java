package io.hookwright.server.page;

import io.hookwright.server.auth.LoginForms;
import io.hookwright.server.auth.Sessions;
import jakarta.ws.rs.core.NewCookie;

import java.util.Date;

/**
 * The page's cookies: HttpOnly (no script reads them), SameSite=Strict, and Secure when the page is served over
 * https. The session cookie lasts as long as the browser runs; the server ends the session sooner
 * ({@link Sessions#IDLE}, {@link Sessions#ABSOLUTE}).
 */
final class SessionCookies {
    /** The login form's nonce is sent to the login form only. */
    static final String LOGIN_PATH = "/login";

    private SessionCookies() {
    }

    static NewCookie session(String id, boolean secure) {
        return builder(Sessions.COOKIE, "/", secure).value(id).build();
    }

    static NewCookie loginNonce(String nonce, boolean secure) {
        return builder(LoginForms.COOKIE, LOGIN_PATH, secure).value(nonce)
                .maxAge((int) LoginForms.TTL.toSeconds()).build();
    }

    static NewCookie expired(String name, String path, boolean secure) {
        return builder(name, path, secure).value("").maxAge(0).expiry(new Date(0)).build();
    }

    private static NewCookie.Builder builder(String name, String path, boolean secure) {
        return new NewCookie.Builder(name).path(path).httpOnly(true).sameSite(NewCookie.SameSite.STRICT).secure(secure);
    }
}
