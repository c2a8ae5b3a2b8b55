package io.hookwright.server.page;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.hookwright.execution.EngineFixture;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run's page shows the request as logged, secrets masked, the response and every attempt of its message; its
 * Redeliver button sends the request again as the next attempt.
 */
class RunDetailPageTest extends PageTestBase {
    /** Opens the page of the newest run. */
    private String openNewestRun() {
        browser.open("/ui/runs");
        String id = browser.find("tr.run a.detail").getText();
        browser.click("tr.run a.detail");
        return id;
    }

    @Test
    void theRunShowsItsRequestWithSecretsMaskedAndTheResponse() {
        start();
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)
                .withHeader("X-Receiver", "erp-test").withBody("{\"accepted\":true}")));
        projectUpdated("p-1");
        signIn();
        openNewestRun();

        assertEquals("POST", browser.find("#request-method").getText());
        assertEquals("http://localhost:" + receiver.getPort() + "/erp", browser.find("#request-url").getText());
        String headers = browser.find("#request-headers").getText();
        assertTrue(headers.contains("Authorization Bearer ••••"), headers);
        assertTrue(headers.contains("Content-Type application/json"), headers);
        String body = browser.find("#request-body").getText();
        assertTrue(body.startsWith("{\"project\": \"KEY-p-1\", \"message\": \"msg_"), "as signed and sent: " + body);
        assertEquals("200", browser.find("#response-status").getText());
        assertTrue(browser.find("#response-headers").getText().contains("x-receiver erp-test"),
                browser.find("#response-headers").getText());
        assertEquals("{\"accepted\":true}", browser.find("#response-body").getText(), "as it came");
        assertEquals("succeeded", browser.find("#outcome").getText());
        assertEquals("1/1", browser.find("#attempt").getText(), "a sync webhook's one attempt");
        assertTrue(browser.find("#duration").getText().matches("\\d+ ms"));
    }

    @Test
    void aFailedRunShowsItsError() {
        start();
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(503).withBody("down for maintenance")));
        projectUpdated("p-1");
        signIn();
        openNewestRun();

        assertEquals("failed", browser.find("#outcome").getText());
        assertTrue(browser.find("#error").getText().contains("503"), browser.find("#error").getText());
        assertEquals("down for maintenance", browser.find("#response-body").getText());
    }

    @Test
    void redeliverSendsTheSameMessageAgainAsTheNextAttempt() {
        start();
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(500)));
        projectUpdated("p-1");
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        signIn();
        String failed = openNewestRun();
        String messageId = browser.find("#message-id").getText();
        assertEquals("test", browser.find("#node").getText(), "the node that made the run");
        browser.click("#redeliver");

        String redelivered = browser.find("#run-id").getText();
        assertNotEquals(failed, redelivered);
        assertEquals("/ui/runs/" + redelivered, browser.at());
        assertEquals("2", browser.find("#attempt").getText());
        assertEquals("succeeded", browser.find("#outcome").getText());
        assertEquals(messageId, browser.find("#message-id").getText());
        assertEquals(List.of("1/1", "2"), browser.texts("section.attempts tr.run td.attempt"));
        assertEquals(List.of("failed", "succeeded"), browser.texts("section.attempts tr.run td.outcome span.badge"));
        assertEquals(redelivered, browser.find("section.attempts tr.run.current a.detail").getText());

        List<LoggedRequest> received = receiver.findAll(postRequestedFor(urlEqualTo("/erp")));
        assertEquals(2, received.size(), "the receiver got the first attempt and the redelivery");
        assertEquals(messageId, received.get(0).getHeader("webhook-id"));
        assertEquals(messageId, received.get(1).getHeader("webhook-id"), "a redelivery keeps the message id");
        assertEquals("Bearer t0ken-value", received.get(1).getHeader("Authorization"), "sent with the secret's value");
    }

    @Test
    void noSecretValueAppearsOnAnyPage() {
        start();
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(500)));
        projectUpdated("p-1");
        signIn();
        openNewestRun();
        browser.click("#redeliver");

        String secretToken = "t0ken-value";
        List<String> pages = List.of("/ui/webhooks", "/ui/runs", "/ui/runs?webhook=erp_sync", "/ui/webhooks/erp_sync/history");
        for (String page : pages) {
            browser.open(page);
            assertNoSecret(page, secretToken);
        }
        for (String run : browser.texts("tr.run a.detail")) {
            browser.open("/ui/runs/" + run);
            assertNoSecret("run " + run, secretToken);
            assertTrue(browser.find("#request-headers").getText().contains("Bearer ••••"));
        }
        assertEquals("Bearer " + secretToken, receiver.findAll(postRequestedFor(urlEqualTo("/erp"))).get(0)
                .getHeader("Authorization"), "the secret was sent, so it could have leaked");
    }

    @Test
    void anUnknownRunIsAPageSayingSo() {
        startSignedIn();
        browser.open("/ui/runs/no-such-run");

        assertEquals("Not found", browser.find("h1").getText());
        assertEquals("no run no-such-run", browser.find("#problem").getText());
    }

    private static void assertNoSecret(String page, String secretToken) {
        String html = browser.html();
        assertFalse(html.contains(secretToken), page + " shows the secret token");
        assertFalse(html.contains(EngineFixture.SIGNING), page + " shows the signing secret");
    }
}
