package io.hookwright.delivery;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.hookwright.delivery.Signatures.SigningSecret;
import io.hookwright.render.RenderedRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signatures checked the way a receiver checks them: with the Standard Webhooks reference library. */
class SignaturesTest {
    private static final String CURRENT = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String NEXT = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    private static final String BODY = "{\"test\": 2432232314}";

    private static Map<String, List<String>> asReceived(List<RenderedRequest.Header> headers) {
        Map<String, List<String>> map = new HashMap<>();
        headers.forEach(h -> map.put(h.name(), List.of(h.value())));
        return map;
    }

    @Test
    void matchesTheSpecificationsExample() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                Signatures.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, BODY, new SigningSecret("S", CURRENT)));
    }

    @Test
    void aReceiverWithTheSecretAcceptsTheRequest() {
        var headers = Signatures.headers("msg_1", Instant.now(), BODY, List.of(new SigningSecret("SP", CURRENT)));
        assertEquals(List.of(Signatures.ID, Signatures.TIMESTAMP, Signatures.SIGNATURE),
                headers.stream().map(RenderedRequest.Header::name).toList());
        assertDoesNotThrow(() -> new Webhook(CURRENT).verify(BODY, asReceived(headers)));
    }

    @Test
    void aChangedBodyOrAnotherSecretIsRejected() {
        var headers = Signatures.headers("msg_1", Instant.now(), BODY, List.of(new SigningSecret("SP", CURRENT)));
        assertThrows(WebhookVerificationException.class,
                () -> new Webhook(CURRENT).verify("{\"test\": 1}", asReceived(headers)));
        assertThrows(WebhookVerificationException.class, () -> new Webhook(NEXT).verify(BODY, asReceived(headers)));
    }

    @Test
    void duringARotationReceiversWithEitherSecretAccept() {
        var headers = Signatures.headers("msg_1", Instant.now(), BODY,
                List.of(new SigningSecret("OLD", CURRENT), new SigningSecret("NEW", NEXT)));
        String signature = headers.get(2).value();
        assertEquals(2, signature.split(" ").length, signature);
        assertDoesNotThrow(() -> new Webhook(CURRENT).verify(BODY, asReceived(headers)));
        assertDoesNotThrow(() -> new Webhook(NEXT).verify(BODY, asReceived(headers)));
    }

    @Test
    void withoutASecretOnlyIdAndTimestampAreSent() {
        var headers = Signatures.headers("msg_1", Instant.ofEpochSecond(1_700_000_000), BODY, List.of());
        assertEquals(List.of(new RenderedRequest.Header(Signatures.ID, "msg_1"),
                new RenderedRequest.Header(Signatures.TIMESTAMP, "1700000000")), headers);
    }

    @Test
    void aMalformedSecretIsNamedButNeverShown() {
        var e = assertThrows(Signatures.InvalidSigningSecretException.class, () -> Signatures.headers("msg_1",
                Instant.now(), BODY, List.of(new SigningSecret("SP_SIGNING", "whsec_not base64!"))));
        assertTrue(e.getMessage().contains("SP_SIGNING"), e.getMessage());
        assertFalse(e.getMessage().contains("not base64!"), e.getMessage());
        assertFalse(new SigningSecret("SP_SIGNING", CURRENT).toString().contains(CURRENT));
    }
}
