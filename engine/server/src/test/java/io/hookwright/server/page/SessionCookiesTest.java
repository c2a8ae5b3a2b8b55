package io.hookwright.server.page;

import io.hookwright.server.auth.LoginForms;
import io.hookwright.server.auth.Sessions;
import jakarta.ws.rs.core.NewCookie;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page's cookies: never readable by scripts nor sent by other sites, and Secure when served over https. */
class SessionCookiesTest {
    @Test
    void overHttpsEveryCookieIsSecure() {
        for (NewCookie cookie : new NewCookie[]{SessionCookies.session("id", true),
                SessionCookies.loginNonce("nonce", true), SessionCookies.expired(Sessions.COOKIE, "/", true)}) {
            assertTrue(cookie.isSecure(), cookie.getName());
            assertTrue(cookie.isHttpOnly(), cookie.getName());
            assertEquals(NewCookie.SameSite.STRICT, cookie.getSameSite(), cookie.getName());
        }
        assertFalse(SessionCookies.session("id", false).isSecure(), "over plain http it would never come back");
    }

    @Test
    void theSessionCookieLastsWhileTheBrowserRunsAndTheNonceOnlyAsLongAsAForm() {
        NewCookie session = SessionCookies.session("id", false);
        NewCookie nonce = SessionCookies.loginNonce("nonce", false);

        assertEquals("/", session.getPath());
        assertEquals(NewCookie.DEFAULT_MAX_AGE, session.getMaxAge());
        assertEquals("/login", nonce.getPath());
        assertEquals(LoginForms.TTL.toSeconds(), nonce.getMaxAge());
    }
}
