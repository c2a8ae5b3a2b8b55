package io.hookwright.server.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The CSRF token of the login form, which comes before any session: a signed double-submit token. The form's
 * browser gets a random nonce in the {@link #COOKIE} cookie; the form carries when it was issued and an HMAC of the
 * nonce and that time under a key made at start and kept only in memory. The server keeps nothing per form, so
 * asking for the login form allocates nothing that lasts.
 */
public final class LoginForms {
    /** The cookie that carries the login form's nonce. */
    public static final String COOKIE = "hookwright_login";
    /** How long a login form may stay open before its token is refused (the page then offers a fresh form). */
    public static final Duration TTL = Duration.ofHours(1);
    private static final int NONCE_BYTES = 16;
    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final Pattern TOKEN = Pattern.compile("([0-9]{1,12})\\.([A-Za-z0-9_-]{43})");

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final byte[] key = new byte[32];

    public LoginForms(Clock clock) {
        this.clock = clock;
        random.nextBytes(key);
    }

    /** The nonce for the form's cookie: the browser's own if it has a well-formed one, so two open forms both work. */
    public String nonce(String fromCookie) {
        if (fromCookie != null && NONCE.matcher(fromCookie).matches()) {
            return fromCookie;
        }
        byte[] bytes = new byte[NONCE_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The token a login form carries for the nonce in its browser's cookie. */
    public String token(String nonce) {
        long issued = clock.instant().getEpochSecond();
        return issued + "." + sign(nonce, issued);
    }

    /** Whether a login form's token was issued here, for this nonce, less than {@link #TTL} ago. */
    public boolean accepts(String nonce, String token) {
        if (nonce == null || token == null || !NONCE.matcher(nonce).matches()) {
            return false;
        }
        var parts = TOKEN.matcher(token);
        if (!parts.matches()) {
            return false;
        }
        long issued = Long.parseLong(parts.group(1));
        long now = clock.instant().getEpochSecond();
        boolean fresh = issued <= now && now - issued < TTL.toSeconds();
        return MessageDigest.isEqual(sign(nonce, issued).getBytes(StandardCharsets.US_ASCII),
                parts.group(2).getBytes(StandardCharsets.US_ASCII)) && fresh;
    }

    private String sign(String nonce, long issued) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signature = mac.doFinal(("login:" + nonce + ":" + issued).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
