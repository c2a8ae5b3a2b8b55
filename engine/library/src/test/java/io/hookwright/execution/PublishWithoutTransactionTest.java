package io.hookwright.execution;

import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code engine.publish(event)} for a host without a transaction: as if in one that commits at once. Sync webhooks
 * have run when it returns and show how they ended; async ones are queued and delivered.
 */
class PublishWithoutTransactionTest extends ExecutionContract {
    @BeforeEach
    void start() {
        startEngine(EngineFixture.webhook("sync_inside", "/sync-inside", "synchronous true\ntransaction 'inside'")
                + EngineFixture.webhook("sync_after", "/sync-after", "synchronous true\ntransaction 'after-commit'")
                + EngineFixture.webhook("async_inside", "/async-inside", "synchronous false\ntransaction 'inside'")
                + EngineFixture.webhook("async_after", "/async-after",
                        "synchronous false\ntransaction 'after-commit'"));
    }

    private static int receivedAt(String path) {
        return receiver.findAll(postRequestedFor(urlEqualTo(path))).size();
    }

    private static Map<String, Fired> byWebhook(Published published) {
        return published.fired().stream().collect(Collectors.toMap(Fired::webhook, Function.identity()));
    }

    @Test
    void syncWebhooksHaveBeenSentWhenPublishReturnsAndAsyncOnesAreQueuedThenDelivered() {
        receiver.stubFor(post(urlEqualTo("/sync-inside")).willReturn(aResponse().withStatus(200)));
        receiver.stubFor(post(urlEqualTo("/sync-after")).willReturn(aResponse().withStatus(200)));
        receiver.stubFor(post(urlEqualTo("/async-inside")).willReturn(aResponse().withStatus(200)));
        receiver.stubFor(post(urlEqualTo("/async-after")).willReturn(aResponse().withStatus(200)));

        Published published = engine.publish(EngineFixture.projectUpdated("p-1"));

        assertEquals(List.of("sync_inside", "sync_after", "async_inside", "async_after"),
                published.fired().stream().map(Fired::webhook).toList(), "in declaration order");
        Map<String, Fired> fired = byWebhook(published);
        assertEquals(Fired.Status.SUCCEEDED, fired.get("sync_inside").status());
        assertEquals(Fired.Status.SUCCEEDED, fired.get("sync_after").status(), "the final status, not after-commit");
        assertEquals(Fired.Status.QUEUED, fired.get("async_inside").status());
        assertEquals(Fired.Status.QUEUED, fired.get("async_after").status());
        assertNull(fired.get("async_after").runId(), "a queued message has no run yet");
        assertEquals(1, receivedAt("/sync-inside"));
        assertEquals(1, receivedAt("/sync-after"), "sent before publish returned");

        fixture.awaitIdle();
        assertEquals(1, receivedAt("/async-inside"));
        assertEquals(1, receivedAt("/async-after"));
        assertEquals(1, receivedAt("/sync-inside"));
        assertEquals(1, receivedAt("/sync-after"));
        List<Run> runs = fixture.runs();
        assertEquals(4, runs.size());
        assertTrue(runs.stream().allMatch(r -> r.outcome() == Outcome.SUCCEEDED), runs::toString);
        Map<String, String> runIds = runs.stream().collect(Collectors.toMap(Run::webhook, Run::id));
        assertEquals(runIds.get("sync_after"), fired.get("sync_after").runId());
        assertEquals(0, engine.queuedMessages());
    }

    @Test
    void aFailedSyncAfterCommitWebhookShowsFailedAndDoesNotThrow() {
        receiver.stubFor(post(urlEqualTo("/sync-inside")).willReturn(aResponse().withStatus(200)));
        receiver.stubFor(post(urlEqualTo("/sync-after")).willReturn(aResponse().withStatus(502).withBody("gateway")));
        receiver.stubFor(post(urlEqualTo("/async-inside")).willReturn(aResponse().withStatus(200)));
        receiver.stubFor(post(urlEqualTo("/async-after")).willReturn(aResponse().withStatus(200)));

        Fired syncAfter = byWebhook(engine.publish(EngineFixture.projectUpdated("p-1"))).get("sync_after");

        assertEquals(Fired.Status.FAILED, syncAfter.status());
        assertTrue(syncAfter.detail().contains("HTTP 502"), syncAfter.detail());
        fixture.awaitIdle();
        assertEquals(1, receivedAt("/sync-after"), "a sync webhook is not retried");
        assertEquals(1, receivedAt("/async-inside"), "the others went ahead");
        assertEquals(1, receivedAt("/async-after"));
    }

    @Test
    void failedAsyncWebhooksStayQueuedForTheirRetry() {
        receiver.stubFor(post(urlEqualTo("/sync-inside")).willReturn(aResponse().withStatus(200)));
        receiver.stubFor(post(urlEqualTo("/sync-after")).willReturn(aResponse().withStatus(200)));
        receiver.stubFor(post(urlEqualTo("/async-inside")).willReturn(aResponse().withStatus(500)));
        receiver.stubFor(post(urlEqualTo("/async-after")).willReturn(aResponse().withStatus(500)));

        engine.publish(EngineFixture.projectUpdated("p-1"));
        fixture.awaitIdle();

        assertEquals(2, engine.queuedMessages(), "both async messages wait in the outbox for their next attempt");
        Map<String, Outcome> outcomes = fixture.runs().stream().collect(Collectors.toMap(Run::webhook, Run::outcome));
        assertEquals(Outcome.PENDING_RETRY, outcomes.get("async_inside"));
        assertEquals(Outcome.PENDING_RETRY, outcomes.get("async_after"));
    }
}
