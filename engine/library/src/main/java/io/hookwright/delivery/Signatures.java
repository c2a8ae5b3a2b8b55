package io.hookwright.delivery;

import io.hookwright.render.RenderedRequest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Standard Webhooks signing: {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature}, the
 * signature being {@code v1,} + base64 HMAC-SHA256 of {@code id.timestamp.body} under the secret
 * ({@code whsec_} + base64 key). While a secret is rotated both signatures are sent, space-separated, so a receiver
 * holding either secret accepts the request.
 */
public final class Signatures {
    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    private static final String PREFIX = "whsec_";

    private Signatures() {
    }

    /** A signing secret's value, named for messages; the value itself never appears in one. */
    public record SigningSecret(String name, String value) {
        @Override
        public String toString() {
            return "SigningSecret[" + name + "]";
        }
    }

    /** The three headers for one attempt; no signature header when no secret is given. */
    public static List<RenderedRequest.Header> headers(String messageId, Instant timestamp, String body,
                                                       List<SigningSecret> secrets) {
        long seconds = timestamp.getEpochSecond();
        List<RenderedRequest.Header> headers = new ArrayList<>(3);
        headers.add(new RenderedRequest.Header(ID, messageId));
        headers.add(new RenderedRequest.Header(TIMESTAMP, Long.toString(seconds)));
        if (!secrets.isEmpty()) {
            List<String> signatures = new ArrayList<>(secrets.size());
            for (SigningSecret secret : secrets) {
                signatures.add(sign(messageId, seconds, body == null ? "" : body, secret));
            }
            headers.add(new RenderedRequest.Header(SIGNATURE, String.join(" ", signatures)));
        }
        return headers;
    }

    static String sign(String messageId, long timestamp, String body, SigningSecret secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            byte[] digest = mac.doFinal((messageId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static byte[] key(SigningSecret secret) {
        String value = secret.value().startsWith(PREFIX) ? secret.value().substring(PREFIX.length()) : secret.value();
        try {
            byte[] key = Base64.getDecoder().decode(value);
            if (key.length == 0) {
                throw new IllegalArgumentException("empty");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new InvalidSigningSecretException(secret.name());
        }
    }

    /** A signing secret that is not {@code whsec_} + base64; the message names the secret, never its value. */
    public static final class InvalidSigningSecretException extends RuntimeException {
        public InvalidSigningSecretException(String name) {
            super("signing secret " + name + " is not a Standard Webhooks secret: it must be whsec_ followed by "
                    + "base64 (e.g. whsec_ + 32 random bytes in base64)");
        }
    }
}
