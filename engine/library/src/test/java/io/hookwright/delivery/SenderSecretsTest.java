package io.hookwright.delivery;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.hookwright.event.EventJson;
import io.hookwright.render.RenderedRequest;
import io.hookwright.render.RenderedRequest.Header;
import io.hookwright.render.SecretRefs;
import io.hookwright.render.Secrets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A secret value never ends up in what a send keeps: not in its error, whatever was wrong with the request or the
 * target, and not in the response's headers or body when the receiver echoes it back.
 */
class SenderSecretsTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** Characters that URL- and JSON-encoding change, so each encoded form is masked too. */
    private static final String URL_KEY = "k3y/with space+\"quote\"&more";
    private static final String TOKEN = "t0ken-VALUE-9f8e7d";
    private static final String NEWLINE_TOKEN = "n3wline-VALUE-1234\n";
    private static final Secrets SECRETS = Secrets.of(Map.of("URL_KEY", URL_KEY, "TOKEN", TOKEN,
            "NEWLINE_TOKEN", NEWLINE_TOKEN, "SHORT", "abc"));
    private static final List<String> VALUES = List.of(URL_KEY, TOKEN, NEWLINE_TOKEN.strip());

    @BeforeEach
    void reset() {
        receiver.resetAll();
    }

    private static String base() {
        return "http://localhost:" + receiver.getPort();
    }

    private static Sender sender(boolean requireHttps) {
        return new Sender(new TargetPolicy(List.of(TargetPolicy.Allowed.parse("localhost:" + receiver.getPort())),
                requireHttps), SECRETS, Clock.systemUTC(), 10_000);
    }

    private static RenderedRequest request(String url, String authorization) {
        return new RenderedRequest("POST", url, List.of(new Header("Authorization", authorization),
                new Header("Content-Type", "application/json")), "{\"token\": \"" + SecretRefs.ref("TOKEN") + "\"}");
    }

    private static Attempt send(Sender sender, RenderedRequest request) {
        return sender.send("msg_1", request, List.of(), Duration.ofSeconds(5));
    }

    /** Every text the attempt keeps: error, response status, headers and body. */
    private static String kept(Attempt attempt) {
        return attempt.error() + "\n" + attempt.describe() + "\n" + (attempt.response() == null ? ""
                : attempt.response().headers() + "\n" + attempt.response().body());
    }

    private static void assertNoSecretIn(String text) {
        for (String value : VALUES) {
            for (String form : List.of(value, URLEncoder.encode(value, StandardCharsets.UTF_8), io.hookwright.render.PercentEncoding.encode(value),
                    new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(value)))) {
                assertFalse(text.contains(form), "a secret (" + form + ") shows in: " + text);
            }
        }
    }

    private static int received() {
        return receiver.findAll(anyRequestedFor(anyUrl())).size();
    }

    @Test
    void aBadUrlIsReportedWithItsSecretsMasked() {
        Attempt attempt = send(sender(false), request(base() + "/hooks/" + SecretRefs.ref("URL_KEY") + "/a b",
                "Bearer " + SecretRefs.ref("TOKEN")));
        assertTrue(attempt.error().startsWith("not sent: 'http://localhost:" + receiver.getPort()
                + "/hooks/••••/a b' is not a URL"), attempt.error());
        assertNoSecretIn(kept(attempt));
        assertEquals(0, received());
    }

    @Test
    void aSecretWithALineBreakIsRefusedForAHeaderNamingItButNotShowingIt() {
        Attempt attempt = send(sender(false), request(base() + "/hooks", "Bearer " + SecretRefs.ref("NEWLINE_TOKEN")));
        assertEquals("not sent: secret NEWLINE_TOKEN cannot go in header Authorization: its value holds a line break "
                + "or control character (a trailing newline in the secrets file?)", attempt.error());
        assertNoSecretIn(kept(attempt));
        assertEquals(0, received(), "nothing is sent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer x\r\nX-Injected: 1", "a\u0000b", "tab\tis fine\u007f"})
    void aHeaderValueWithControlCharactersIsRefusedShowingWhereTheyAre(String value) {
        Attempt attempt = send(sender(false), request(base() + "/hooks", value + " " + SecretRefs.ref("TOKEN")));
        assertTrue(attempt.error().startsWith("not sent: header Authorization has a line break or control character"),
                attempt.error());
        assertTrue(attempt.error().contains("••••"), attempt.error());
        assertFalse(attempt.error().contains("\n") || attempt.error().contains("\r"), attempt.error());
        assertNoSecretIn(kept(attempt));
        assertEquals(0, received());
    }

    @Test
    void aHeaderNameThatIsNoTokenIsRefused() {
        RenderedRequest bad = new RenderedRequest("POST", base() + "/hooks",
                List.of(new Header("X Bad:", "Bearer " + SecretRefs.ref("TOKEN"))), null);
        Attempt attempt = send(sender(false), bad);
        assertTrue(attempt.error().startsWith("not sent: header name 'X Bad:' is not a valid name"), attempt.error());
        assertEquals(0, received());
    }

    @Test
    void requireHttpsRefusesShowingTheUrlMasked() {
        Attempt attempt = send(sender(true), request(base() + "/hooks?key=" + SecretRefs.ref("URL_KEY"), "x"));
        assertEquals("not sent: " + base() + "/hooks?key=•••• is plain http, and https is required (--require-https)",
                attempt.error());
        assertNoSecretIn(kept(attempt));
    }

    @Test
    void aRefusedPrivateTargetIsReportedWithoutTheSecret() {
        Sender closed = new Sender(new TargetPolicy(List.of(), false), SECRETS, Clock.systemUTC(), 1000);
        for (String url : List.of("http://127.0.0.1:" + receiver.getPort() + "/x/" + SecretRefs.ref("TOKEN"),
                "http://169.254.169.254/latest?k=" + SecretRefs.ref("URL_KEY"),
                "http://[::ffff:10.0.0.1]/" + SecretRefs.ref("TOKEN"))) {
            Attempt attempt = send(closed, request(url, "Bearer " + SecretRefs.ref("TOKEN")));
            assertTrue(attempt.error().startsWith("not sent: ") && attempt.error().contains("refused"), attempt.error());
            assertNoSecretIn(kept(attempt));
        }
        assertEquals(0, received());
    }

    @Test
    void aSecretCannotStandInTheHost() {
        Attempt attempt = send(sender(false), request("http://" + SecretRefs.ref("TOKEN") + ".example.com/x", "x"));
        assertTrue(attempt.error().contains("not in its scheme, host or port"), attempt.error());
        assertTrue(attempt.error().contains("http://••••.example.com/x"), attempt.error());
        assertNoSecretIn(kept(attempt));
    }

    @Test
    void aRefusedConnectionToAUrlHoldingASecretIsReportedWithoutIt() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Sender sender = new Sender(new TargetPolicy(List.of(TargetPolicy.Allowed.parse("127.0.0.1:" + closedPort)), false),
                SECRETS, Clock.systemUTC(), 1000);
        Attempt attempt = send(sender, request("http://127.0.0.1:" + closedPort + "/x/" + SecretRefs.ref("URL_KEY")
                + "?t=" + SecretRefs.ref("TOKEN"), "Bearer " + SecretRefs.ref("TOKEN")));
        assertNotNull(attempt.error());
        assertNoSecretIn(kept(attempt));
    }

    @Test
    void aTimeoutOnAUrlHoldingASecretIsReportedWithoutIt() {
        receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(2_000)));
        Attempt attempt = sender(false).send("msg_1", request(base() + "/x/" + SecretRefs.ref("URL_KEY"),
                "Bearer " + SecretRefs.ref("TOKEN")), List.of(), Duration.ofMillis(300));
        assertEquals("no response within the timeout of 300 ms", attempt.error());
        assertNoSecretIn(kept(attempt));
    }

    @Test
    void whatTheReceiverEchoesIsMaskedBeforeItIsKept() {
        String echoed = "you sent Bearer " + TOKEN + " to /x/" + io.hookwright.render.PercentEncoding.encode(URL_KEY) + " ("
                + URLEncoder.encode(URL_KEY, StandardCharsets.UTF_8) + "), {\"k\": "
                + EventJson.MAPPER.valueToTree(URL_KEY) + "}";
        receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(302)
                .withHeader("Location", base() + "/x/" + io.hookwright.render.PercentEncoding.encode(URL_KEY))
                .withHeader("X-Echo", "Bearer " + TOKEN)
                .withBody(echoed)));
        Attempt attempt = send(sender(false), request(base() + "/x/" + SecretRefs.ref("URL_KEY"),
                "Bearer " + SecretRefs.ref("TOKEN")));
        assertEquals(302, attempt.response().status());
        assertNoSecretIn(kept(attempt));
        assertTrue(attempt.response().body().startsWith("you sent Bearer •••• to /x/••••"), attempt.response().body());
        assertEquals(base() + "/x/••••", attempt.response().headers().get("location"));
        assertEquals(1, received(), "the redirect is not followed");
    }

    @Test
    void anEchoCutForTheLogLeavesNoEndOfASecret() {
        receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500).withBody("xx" + TOKEN + TOKEN)));
        Attempt attempt = new Sender(new TargetPolicy(List.of(TargetPolicy.Allowed.parse("localhost:" + receiver.getPort())),
                false), SECRETS, Clock.systemUTC(), 5).send("msg_1", request(base() + "/x", "x"), List.of(), Duration.ofSeconds(5));
        assertTrue(attempt.response().body().startsWith("xx•••"), attempt.response().body());
        assertFalse(attempt.response().body().contains(TOKEN.substring(0, 3)), attempt.response().body());
    }

    @Test
    void valuesShorterThanTheMinimumAreNotMaskedInFreeText() {
        assertEquals(6, Secrets.MIN_MASKED_LENGTH);
        assertEquals("abc is a word", SECRETS.scrub("abc is a word"));
        assertEquals("•••• and ••••", SECRETS.scrub(TOKEN + " and " + URL_KEY));
        assertEquals("[••••]", SECRETS.scrub("[" + NEWLINE_TOKEN.strip() + "]"), "a value is masked without its newline too");
    }

    @Test
    void valuesArePercentEncodedInTheUrlAndJsonEscapedInAJsonBody() throws Exception {
        receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));
        RenderedRequest rendered = new RenderedRequest("POST", base() + "/x/" + SecretRefs.ref("URL_KEY") + "?k="
                + SecretRefs.ref("URL_KEY"), List.of(new Header("Content-Type", "application/json")),
                "{\"key\": \"" + SecretRefs.ref("URL_KEY") + "\"}");
        Attempt attempt = send(sender(false), rendered);
        assertTrue(attempt.succeeded(), attempt::describe);
        LoggedRequest got = receiver.findAll(anyRequestedFor(anyUrl())).get(0);
        String encoded = io.hookwright.render.PercentEncoding.encode(URL_KEY);
        assertEquals("/x/" + encoded + "?k=" + encoded, got.getUrl(), "one path segment and one query value");
        assertEquals(URL_KEY, EventJson.MAPPER.readTree(got.getBodyAsString()).get("key").asText(),
                "the body stays valid JSON and carries the value");
    }

    @Test
    void aRedirectToLoopbackIsNotFollowed() {
        receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://127.0.0.1:" + receiver.getPort() + "/admin")));
        Attempt attempt = send(sender(false), request(base() + "/x", "x"));
        assertEquals(302, attempt.response().status());
        assertFalse(attempt.succeeded());
        assertEquals(List.of("/x"), receiver.findAll(anyRequestedFor(anyUrl())).stream().map(LoggedRequest::getUrl).toList());
    }

    @Test
    void aCapturedRequestGoesToTheLocalReceiverNamingItsTargetMasked() {
        receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));
        Sender capturing = new Sender(new TargetPolicy(List.of(TargetPolicy.Allowed.parse("localhost:" + receiver.getPort())),
                false), SECRETS, Clock.systemUTC(), 1000, java.net.URI.create(base() + "/"));
        Attempt attempt = send(capturing, request("https://erp.example.com/p/" + SecretRefs.ref("TOKEN") + "?k="
                + SecretRefs.ref("URL_KEY"), "Bearer " + SecretRefs.ref("TOKEN")));
        assertTrue(attempt.succeeded(), attempt::describe);
        LoggedRequest got = receiver.findAll(anyRequestedFor(anyUrl())).get(0);
        assertEquals("/p/" + TOKEN + "?k=" + io.hookwright.render.PercentEncoding.encode(URL_KEY), got.getUrl());
        assertEquals("https://erp.example.com/p/****?k=****", got.getHeader(Sender.CAPTURED_TARGET));
        assertEquals("Bearer " + TOKEN, got.getHeader("Authorization"));
    }

    @Test
    void valuesAreFormEncodedInAFormBody() {
        receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));
        RenderedRequest rendered = new RenderedRequest("POST", base() + "/form",
                List.of(new Header("Content-Type", "application/x-www-form-urlencoded")),
                "key=" + SecretRefs.ref("URL_KEY") + "&admin=false");
        assertTrue(send(sender(false), rendered).succeeded());
        String body = receiver.findAll(anyRequestedFor(anyUrl())).get(0).getBodyAsString();
        assertEquals("key=" + URLEncoder.encode(URL_KEY, StandardCharsets.UTF_8) + "&admin=false", body,
                "the value's & and + stay inside its field");
    }

    @Test
    void onlyTheStartOfAHugeBodyIsRead() {
        receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("y".repeat(8 * 1024 * 1024))));
        Attempt attempt = new Sender(new TargetPolicy(List.of(TargetPolicy.Allowed.parse("localhost:" + receiver.getPort())),
                false), SECRETS, Clock.systemUTC(), 100).send("msg_1", request(base() + "/x", "x"), List.of(), Duration.ofSeconds(10));
        assertTrue(attempt.succeeded(), attempt::describe);
        assertEquals("y".repeat(100) + "… (more not read)", attempt.response().body());
    }

    @Test
    void aBodyThatKeepsComingIsGivenUpAtTheTimeout() {
        receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("z".repeat(100))
                .withChunkedDribbleDelay(50, 20_000)));
        long started = System.nanoTime();
        Attempt attempt = sender(false).send("msg_1", request(base() + "/x", "x"), List.of(), Duration.ofMillis(500));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertEquals("no response within the timeout of 500 ms", attempt.error());
        assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "gave up after " + took);
    }
}
