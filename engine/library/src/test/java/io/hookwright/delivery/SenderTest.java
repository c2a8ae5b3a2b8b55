package io.hookwright.delivery;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.standardwebhooks.Webhook;
import io.hookwright.render.RenderedRequest;
import io.hookwright.render.SecretRefs;
import io.hookwright.render.Secrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One send against WireMock over loopback: what the receiver gets, and how each fault is reported. */
class SenderTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String SIGNING = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Secrets SECRETS = Secrets.of(Map.of("ERP_TOKEN", "t0ken-value", "ERP_SIGNING", SIGNING));

    private Sender sender(int maxBody) {
        TargetPolicy policy = new TargetPolicy(List.of(TargetPolicy.Allowed.parse("localhost:" + receiver.getPort())), false);
        return new Sender(policy, SECRETS, Clock.systemUTC(), maxBody);
    }

    private static RenderedRequest request(String body) {
        return new RenderedRequest("POST", "http://localhost:" + receiver.getPort() + "/hooks/p-1",
                List.of(new RenderedRequest.Header("Authorization", "Bearer " + SecretRefs.ref("ERP_TOKEN")),
                        new RenderedRequest.Header("Content-Type", "application/json")), body);
    }

    private static LoggedRequest received() {
        List<LoggedRequest> all = receiver.findAll(anyRequestedFor(anyUrl()));
        assertEquals(1, all.size(), "requests received");
        return all.get(0);
    }

    @Test
    void aSuccessfulSendCarriesSecretsAndAVerifiableSignature() {
        receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(202).withBody("queued")));
        String body = "{\"id\":\"p-1\"}";
        Attempt attempt = sender(1000).send("msg_1", request(body), List.of("ERP_SIGNING"), Duration.ofSeconds(5));

        assertTrue(attempt.succeeded(), attempt::describe);
        assertEquals(202, attempt.response().status());
        assertEquals("queued", attempt.response().body());
        LoggedRequest got = received();
        assertEquals("POST", got.getMethod().value());
        assertEquals("/hooks/p-1", got.getUrl());
        assertEquals("Bearer t0ken-value", got.getHeader("Authorization"));
        assertEquals("msg_1", got.getHeader("webhook-id"));
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
            headers.put(name, List.of(got.getHeader(name)));
        }
        assertDoesNotThrow(() -> new Webhook(SIGNING).verify(got.getBodyAsString(), headers));
    }

    @Test
    void everyRequestNamesHookwrightAndItsVersionUnlessTheDefinitionSetsItsOwnUserAgent() {
        receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        sender(1000).send("msg_1", request("{}"), List.of(), Duration.ofSeconds(5));
        assertTrue(received().getHeader("User-Agent").matches("Hookwright/\\d+\\.\\d+\\.\\d+.*"),
                received().getHeader("User-Agent"));

        receiver.resetRequests();
        RenderedRequest own = new RenderedRequest("POST", "http://localhost:" + receiver.getPort() + "/hooks/p-1",
                List.of(new RenderedRequest.Header("user-agent", "Acme-PPM-Bridge/2")), "{}");
        sender(1000).send("msg_2", own, List.of(), Duration.ofSeconds(5));
        assertEquals("Acme-PPM-Bridge/2", received().getHeader("User-Agent"));
    }

    @Test
    void aServerErrorIsAFailureWithItsStatusAndBody() {
        receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500).withBody("database down")));
        Attempt attempt = sender(1000).send("msg_1", request("{}"), List.of(), Duration.ofSeconds(5));
        assertFalse(attempt.succeeded());
        assertEquals("HTTP 500: database down", attempt.describe());
    }

    @Test
    void retryAfterIsRead() {
        receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "120")));
        Attempt attempt = sender(1000).send("msg_1", request("{}"), List.of(), Duration.ofSeconds(5));
        assertEquals(Optional.of(Duration.ofSeconds(120)), attempt.retryAfter());
    }

    @Test
    void goneIsRecognised() {
        receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(410)));
        assertTrue(sender(1000).send("msg_1", request("{}"), List.of(), Duration.ofSeconds(5)).gone());
    }

    @Test
    void aSlowTargetTimesOut() {
        receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        Attempt attempt = sender(1000).send("msg_1", request("{}"), List.of(), Duration.ofMillis(300));
        assertNull(attempt.response());
        assertEquals("no response within the timeout of 300 ms", attempt.error());
    }

    @Test
    void brokenConnectionsAreFailuresWithAReason() {
        for (Fault fault : List.of(Fault.CONNECTION_RESET_BY_PEER, Fault.EMPTY_RESPONSE, Fault.MALFORMED_RESPONSE_CHUNK,
                Fault.RANDOM_DATA_THEN_CLOSE)) {
            receiver.resetAll();
            receiver.stubFor(any(anyUrl()).willReturn(aResponse().withFault(fault)));
            Attempt attempt = sender(1000).send("msg_1", request("{}"), List.of(), Duration.ofSeconds(5));
            assertFalse(attempt.succeeded(), fault::name);
            assertTrue(attempt.error() != null && !attempt.error().isBlank(), fault + ": " + attempt);
        }
    }

    @Test
    void longResponseBodiesAreCutForTheLog() {
        receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("x".repeat(50))));
        Attempt attempt = sender(10).send("msg_1", request("{}"), List.of(), Duration.ofSeconds(5));
        assertEquals("xxxxxxxxxx… (40 more characters)", attempt.response().body());
    }

    @Test
    void nothingIsSentToARefusedTargetOrWithoutItsSecrets() {
        TargetPolicy closed = new TargetPolicy(List.of(), false);
        Attempt refused = new Sender(closed, SECRETS, Clock.systemUTC(), 100)
                .send("msg_1", request("{}"), List.of(), Duration.ofSeconds(5));
        assertTrue(refused.error().startsWith("not sent: localhost resolves to"), refused.error());

        Attempt unset = new Sender(new TargetPolicy(List.of(TargetPolicy.Allowed.parse("localhost")), false),
                Secrets.none(), Clock.systemUTC(), 100).send("msg_1", request("{}"), List.of(), Duration.ofSeconds(5));
        assertTrue(unset.error().startsWith("not sent: secret ERP_TOKEN not set"), unset.error());
        assertEquals(0, receiver.findAll(anyRequestedFor(anyUrl())).size());
    }
}
