package io.hookwright.server.page;

import io.hookwright.server.CaptureReceiver;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run that {@code serve --capture} sent to its local receiver says so on the runs page and on its own page, beside
 * its outcome: its URL is the target's, but nothing reached it. A run sent to its target says nothing of the kind.
 */
class CapturedRunPageTest extends PageTestBase {
    @Test
    void aCapturedRunIsMarkedInTheListAndOnItsPage() throws Exception {
        try (CaptureReceiver capture = new CaptureReceiver(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8))) {
            startCapturing(capture);
            projectUpdated("p-1");
            signIn();
            browser.open("/ui/runs");
            assertEquals("succeeded captured", browser.find("tr.run td.outcome").getText());
            browser.click("tr.run a.detail");

            assertEquals("succeeded", browser.find("#outcome").getText());
            assertEquals("captured", browser.find("#captured").getText());
            assertTrue(browser.find("#captured-notice").getText().contains("Nothing reached the target"),
                    browser.find("#captured-notice").getText());
            assertEquals("http://localhost:" + receiver.getPort() + "/erp", browser.find("#request-url").getText());
            assertEquals("204", browser.find("#response-status").getText(), "the capturing receiver's answer");
            assertEquals(1, capture.received());
            assertEquals(0, receiver.findAll(anyRequestedFor(anyUrl())).size(), "nothing reached the target");
        }
    }

    @Test
    void aRunSentToItsTargetIsNotMarked() {
        startSignedIn();
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        projectUpdated("p-1");
        browser.open("/ui/runs");
        assertEquals("succeeded", browser.find("tr.run td.outcome").getText());
        browser.click("tr.run a.detail");
        assertTrue(browser.all("#captured").isEmpty() && browser.all("#captured-notice").isEmpty());
    }
}
