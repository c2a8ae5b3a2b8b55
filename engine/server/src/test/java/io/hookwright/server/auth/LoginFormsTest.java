package io.hookwright.server.auth;

import io.hookwright.testing.SettableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The login form's token: signed for its nonce and time by this server, and only for a while. */
class LoginFormsTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final LoginForms forms = new LoginForms(clock);

    @Test
    void aTokenIsGoodForItsNonceOnly() {
        String nonce = forms.nonce(null);
        String token = forms.token(nonce);

        assertTrue(forms.accepts(nonce, token));
        assertFalse(forms.accepts(forms.nonce(null), token));
        assertFalse(new LoginForms(clock).accepts(nonce, token), "another server's key");
    }

    @Test
    void aTamperedOrMalformedTokenIsRefused() {
        String nonce = forms.nonce(null);
        String token = forms.token(nonce);
        long issued = Long.parseLong(token.substring(0, token.indexOf('.')));
        String signature = token.substring(token.indexOf('.'));

        assertFalse(forms.accepts(nonce, (issued + 3600) + signature), "a later time under the old signature");
        assertFalse(forms.accepts(nonce, token + "x"));
        assertFalse(forms.accepts(nonce, signature));
        assertFalse(forms.accepts(nonce, ""));
        assertFalse(forms.accepts(nonce, null));
        assertFalse(forms.accepts(null, token));
        assertFalse(forms.accepts(nonce + "x", token));
    }

    @Test
    void aTokenExpiresAfterTheTtlAndOneFromTheFutureIsRefused() {
        String nonce = forms.nonce(null);
        String token = forms.token(nonce);
        clock.advance(LoginForms.TTL.minusSeconds(1));
        assertTrue(forms.accepts(nonce, token));
        clock.advance(Duration.ofSeconds(1));
        assertFalse(forms.accepts(nonce, token));

        clock.advance(Duration.ofHours(-3));
        assertFalse(forms.accepts(nonce, token), "issued after now");
    }

    @Test
    void aBrowsersWellFormedNonceIsKeptAndAnythingElseReplaced() {
        String nonce = forms.nonce(null);

        assertEquals(nonce, forms.nonce(nonce));
        assertNotEquals("chosen", forms.nonce("chosen"));
        assertEquals(22, forms.nonce("a;b").length());
    }
}
