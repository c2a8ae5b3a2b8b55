package io.hookwright.server.page;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runs page lists runs newest first, searched by webhook, outcome, event type, an id or text and a time span, a
 * page at a time, each linking to its detail; failed runs are redelivered in bulk.
 */
class RunsPageTest extends PageTestBase {
    private static final String WEBHOOKS_COLUMN = "tr.run td.webhook span.code";
    private static final String OUTCOMES_COLUMN = "tr.run td.outcome span.badge:first-child";

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
        assertEquals(List.of("Project:Updated", "Task:Updated", "Project:Updated"), browser.texts("tr.run td.event-type"));
        assertEquals(List.of("1/1", "1/1", "1/1"), browser.texts("tr.run td.attempt"), "attempt n of the N it gets");
        assertTrue(browser.texts("tr.run td.duration").stream().allMatch(d -> d.matches("\\d+ ms")));
    }

    @Test
    void theRunsFitAWindow1280PixelsWide() {
        threeRuns();
        taskUpdated("t-a-rather-long-task-identifier-2");
        Dimension before = browser.driver.manage().window().getSize();
        browser.driver.manage().window().setSize(new Dimension(1280, 900));
        try {
            browser.open("/ui/runs");
            long page = (Long) ((JavascriptExecutor) browser.driver).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertEquals(0L, page, "nothing scrolls sideways at 1,280 px");
        } finally {
            browser.driver.manage().window().setSize(before);
        }
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
        assertTrue(browser.find("#count").getText().contains("more below"), browser.find("#count").getText());
    }

    @Test
    void searchingByAnEntityOrEventIdFindsItsRuns() {
        threeRuns();
        browser.open("/ui/runs");
        browser.type("#filter-q", "t-1");
        browser.click("#filter");
        assertEquals(List.of("crm_push"), browser.texts(WEBHOOKS_COLUMN), "the task's id is in its request");

        browser.open("/ui/runs");
        browser.type("#filter-q", "evt-p-2");
        browser.click("#filter");
        assertEquals(List.of("erp_sync"), browser.texts(WEBHOOKS_COLUMN));
        assertEquals(List.of("2026-11-23 10:02:00 UTC"), browser.texts("tr.run td.created"));

        browser.open("/ui/runs");
        browser.type("#filter-event-type", "Task:Updated");
        browser.click("#filter");
        assertEquals(List.of("crm_push"), browser.texts(WEBHOOKS_COLUMN));
    }

    @Test
    void aTimeSpanKeepsTheRunsWithinIt() {
        threeRuns();
        browser.open("/ui/runs");
        browser.type("#filter-since", "2026-11-23T10:01");
        browser.type("#filter-until", "2026-11-23T10:02:00Z");
        browser.click("#filter");

        assertEquals(List.of("2026-11-23 10:01:00 UTC"), browser.texts("tr.run td.created"));
        assertEquals("2026-11-23T10:01", browser.find("#filter-since").getDomProperty("value"), "the search stays shown");
    }

    @Test
    void pagingGoesOnFromWhereThePageEndedEvenAsNewRunsArrive() {
        threeRuns();
        browser.open("/ui/runs?limit=1");
        assertEquals(List.of("erp_sync"), browser.texts(WEBHOOKS_COLUMN));
        projectUpdated("p-3");

        browser.click("#older");
        assertEquals(List.of("crm_push"), browser.texts(WEBHOOKS_COLUMN), "a run logged since shifts nothing");
        browser.click("#older");
        assertEquals(List.of("2026-11-23 10:00:00 UTC"), browser.texts("tr.run td.created"));
        assertTrue(browser.all("#older").isEmpty(), "the oldest page has no older one");
        browser.click("#newest");
        assertEquals(List.of("2026-11-23 10:03:00 UTC"), browser.texts("tr.run td.created"));
    }

    @Test
    void everyFailedRunFoundIsRedeliveredOnceAndTheListSaysSo() {
        threeRuns();
        taskUpdated("t-2");
        receiver.stubFor(put(urlPathMatching("/crm/.*")).willReturn(aResponse().withStatus(200)));
        browser.open("/ui/runs?outcome=failed");
        assertEquals(List.of("crm_push", "crm_push"), browser.texts(WEBHOOKS_COLUMN));

        browser.click("#redeliver-all");
        assertEquals("Redelivered 2 messages.", browser.find("#bulk-result").getText());
        assertEquals(4, receiver.findAll(putRequestedFor(urlPathMatching("/crm/.*"))).size());
        browser.open("/ui/runs?webhook=crm_push");
        assertEquals(List.of("succeeded", "succeeded", "failed", "failed"), browser.texts(OUTCOMES_COLUMN));

        browser.open("/ui/runs?outcome=failed");
        browser.click("#redeliver-all");
        assertEquals("Redelivered 0 messages; passed over 2 (delivered since, still being retried, or beyond 100 at once).",
                browser.find("#bulk-result").getText());
        assertEquals(4, receiver.findAll(putRequestedFor(urlPathMatching("/crm/.*"))).size(), "nothing sent twice");
    }

    @Test
    void theSelectedRunsAloneAreRedelivered() {
        threeRuns();
        taskUpdated("t-2");
        browser.open("/ui/runs?outcome=failed");
        String older = browser.all("tr.run a.detail").get(1).getText();
        browser.find("input[name=run][value='" + older + "']").click();
        browser.click("#redeliver-selected");

        assertEquals("Redelivered 1 message.", browser.find("#bulk-result").getText());
        assertEquals(List.of("/crm/t-1", "/crm/t-2", "/crm/t-1"), receiver.findAll(putRequestedFor(urlPathMatching("/crm/.*")))
                .stream().map(r -> r.getUrl()).toList());
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
