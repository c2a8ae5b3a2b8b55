package io.hookwright.server.page;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runs page lists runs newest first, filtered by webhook and outcome, each linking to its detail. */
class RunsPageTest extends PageTestBase {
    private static final String WEBHOOKS_COLUMN = "tr.run td.webhook";
    private static final String OUTCOMES_COLUMN = "tr.run td.outcome";

    /** Three runs, a minute apart: erp_sync succeeded, crm_push failed (HTTP 500), erp_sync succeeded. */
    private void threeRuns() {
        start();
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        receiver.stubFor(put(urlPathMatching("/crm/.*")).willReturn(aResponse().withStatus(500)));
        projectUpdated("p-1");
        taskUpdated("t-1");
        projectUpdated("p-2");
        signIn();
    }

    @Test
    void runsAreListedNewestFirst() {
        threeRuns();
        browser.open("/ui/runs");

        assertEquals(List.of("erp_sync", "crm_push", "erp_sync"), browser.texts(WEBHOOKS_COLUMN));
        assertEquals(List.of("succeeded", "failed", "succeeded"), browser.texts(OUTCOMES_COLUMN));
        assertEquals(List.of("2026-11-23 10:02:00 UTC", "2026-11-23 10:01:00 UTC", "2026-11-23 10:00:00 UTC"),
                browser.texts("tr.run td.created"));
        assertEquals(List.of("200", "500", "200"), browser.texts("tr.run td.http-status"));
        assertEquals(List.of("sync-after-commit", "sync-after-commit", "sync-after-commit"), browser.texts("tr.run td.mode"));
        assertTrue(browser.texts("tr.run td.duration").stream().allMatch(d -> d.matches("\\d+ ms")));
    }

    @Test
    void filteringByOutcomeShowsOnlyThoseRuns() {
        threeRuns();
        browser.open("/ui/runs");
        new Select(browser.find("select[name=outcome]")).selectByVisibleText("failed");
        browser.click("#filter");

        assertEquals(List.of("crm_push"), browser.texts(WEBHOOKS_COLUMN));
        assertEquals(List.of("failed"), browser.texts(OUTCOMES_COLUMN));
    }

    @Test
    void filteringByWebhookShowsOnlyItsRuns() {
        threeRuns();
        browser.open("/ui/runs");
        new Select(browser.find("select[name=webhook]")).selectByVisibleText("erp_sync");
        browser.click("#filter");

        assertEquals(List.of("erp_sync", "erp_sync"), browser.texts(WEBHOOKS_COLUMN));
    }

    @Test
    void theWebhooksPageLinksToAWebhooksRuns() {
        threeRuns();
        browser.click("#webhook-crm_push .links a[href*='/ui/runs']");

        assertEquals("/ui/runs?webhook=crm_push", browser.at());
        assertEquals(List.of("crm_push"), browser.texts(WEBHOOKS_COLUMN));
    }

    @Test
    void theLimitKeepsTheNewest() {
        threeRuns();
        browser.open("/ui/runs?limit=2");

        assertEquals(List.of("erp_sync", "crm_push"), browser.texts(WEBHOOKS_COLUMN));
        assertTrue(browser.find("#count").getText().contains("the latest 2 only"));
    }

    @Test
    void eachRunLinksToItsDetail() {
        threeRuns();
        browser.open("/ui/runs?outcome=failed");
        String id = browser.find("tr.run a.detail").getText();
        browser.click("tr.run a.detail");

        assertEquals("/ui/runs/" + id, browser.at());
        assertEquals(id, browser.find("#run-id").getText());
    }
}
