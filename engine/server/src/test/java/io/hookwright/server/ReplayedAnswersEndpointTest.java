package io.hookwright.server;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.event.EventJson;
import io.hookwright.execution.EngineFixture;
import io.hookwright.server.auth.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A repeat of {@code POST /events} is answered with each webhook as its message stands now (its latest run's id,
 * outcome and error, as {@code GET /runs} shows it), not as it stood when the event was first answered.
 */
class ReplayedAnswersEndpointTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;
    private ServerFixture server;

    @AfterEach
    void stop() {
        server.close();
    }

    private static String event(String id, String key) {
        return """
                {"id": "%s", "type": "Project:Updated", "tenant": "acme",
                 "entity": {"type": "Project", "id": "p-%s", "key": "%s", "attributes": {"Status": "Done"}}}"""
                .formatted(id, key, key);
    }

    private void start(String definitions) {
        server = new ServerFixture(dir, receiver.getPort(), definitions);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> runsOf(HttpResponse<String> response, int event) {
        List<Map<String, Object>> results = (List<Map<String, Object>>) ServerFixture.json(response).get("results");
        return (List<Map<String, Object>>) results.get(event).get("runs");
    }

    /** The newest run of the webhook, as {@code GET /runs} shows it. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> latestRunOf(String webhook) {
        HttpResponse<String> runs = server.get("/runs?webhook=" + webhook + "&limit=1", Scope.RUNS_READ);
        assertEquals(200, runs.statusCode(), runs.body());
        try {
            return ((List<Map<String, Object>>) EventJson.MAPPER.readValue(runs.body(), List.class)).get(0);
        } catch (IOException e) {
            throw new AssertionError(runs.body(), e);
        }
    }

    private static int sent(String path) {
        return receiver.findAll(postRequestedFor(urlEqualTo(path))).size();
    }

    @Test
    void aRepeatAfterDeliveryShowsTheDeliveredRunNotTheQueuedSnapshot() {
        start(EngineFixture.webhook("erp", "/erp", "synchronous false"));
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(204)));
        HttpResponse<String> first = server.post("/events", Scope.EVENTS_WRITE, event("evt-1", "DEMO"));
        assertEquals(202, first.statusCode(), first.body());
        Map<String, Object> queued = runsOf(first, 0).get(0);
        assertEquals("queued", queued.get("status"));
        assertNull(queued.get("runId"));
        server.engineFixture.awaitIdle();

        HttpResponse<String> again = server.post("/events", Scope.EVENTS_WRITE, event("evt-1", "DEMO"));
        assertEquals(202, again.statusCode(), again.body());
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(null));
        Map<String, Object> now = runsOf(again, 0).get(0);
        Map<String, Object> logged = latestRunOf("erp");
        assertEquals("succeeded", now.get("status"));
        assertEquals(logged.get("id"), now.get("runId"), "the run GET /runs shows");
        assertEquals(logged.get("outcome"), now.get("status"));
        assertEquals(queued.get("messageId"), now.get("messageId"));
        assertEquals(List.of("erp", "async-after-commit"), List.of(now.get("webhook"), now.get("mode")));
        assertNull(now.get("detail"));
        assertEquals(1, sent("/erp"), "the replay sent nothing");
    }

    @Test
    void aRepeatShowsAFailedAttemptWaitingForItsRetryAndOneThatGaveUp() {
        start(EngineFixture.webhook("erp", "/erp", "synchronous false\nretry '5s'")
                + EngineFixture.webhook("crm", "/crm", "synchronous false\nretry false"));
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(503).withBody("down")));
        receiver.stubFor(post(urlEqualTo("/crm")).willReturn(aResponse().withStatus(500).withBody("broken")));
        server.post("/events", Scope.EVENTS_WRITE, event("evt-1", "DEMO"));
        server.engineFixture.awaitIdle();

        List<Map<String, Object>> now = runsOf(server.post("/events", Scope.EVENTS_WRITE, event("evt-1", "DEMO")), 0);
        assertEquals(List.of("pending-retry", "gave-up"), now.stream().map(r -> r.get("status")).toList());
        assertEquals(latestRunOf("erp").get("id"), now.get(0).get("runId"));
        assertEquals(latestRunOf("crm").get("id"), now.get(1).get("runId"));
        assertEquals("HTTP 503: down", now.get(0).get("detail"));
        assertEquals("HTTP 500: broken", now.get(1).get("detail"));
    }

    @Test
    void aRepeatAfterARedeliveryShowsTheRedeliveredRun() {
        start(EngineFixture.webhook("erp", "/erp", "synchronous true\ntransaction 'after-commit'"));
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(500).withBody("broken")));
        HttpResponse<String> first = server.post("/events", Scope.EVENTS_WRITE, event("evt-1", "DEMO"));
        Map<String, Object> failed = runsOf(first, 0).get(0);
        assertEquals("failed", failed.get("status"));
        assertNotNull(failed.get("runId"));

        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        HttpResponse<String> redelivered = server.post("/runs/" + failed.get("runId") + "/redeliver",
                Scope.RUNS_REDELIVER, null);
        assertEquals(201, redelivered.statusCode(), redelivered.body());

        Map<String, Object> now = runsOf(server.post("/events", Scope.EVENTS_WRITE, event("evt-1", "DEMO")), 0).get(0);
        assertEquals("succeeded", now.get("status"));
        assertEquals(ServerFixture.json(redelivered).get("id"), now.get("runId"));
        assertNotEquals(failed.get("runId"), now.get("runId"));
        assertEquals("sync-after-commit", now.get("mode"), "the mode the event fired it in");
        assertEquals(2, sent("/erp"), "the first send and the redelivery, nothing for the replay");
    }

    @Test
    void aRepeatedArrayShowsEachEventsWebhooksAsTheyStandNow() {
        start(EngineFixture.webhook("erp", "/erp", "synchronous false\nretry '5s'"));
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        receiver.stubFor(post(urlEqualTo("/erp")).withRequestBody(containing("DOWN"))
                .willReturn(aResponse().withStatus(503)));
        String array = "[" + event("evt-1", "UP") + "," + event("evt-2", "DOWN") + "]";
        HttpResponse<String> first = server.post("/events", Scope.EVENTS_WRITE, array);
        assertEquals(List.of("queued", "queued"), List.of(runsOf(first, 0).get(0).get("status"),
                runsOf(first, 1).get(0).get("status")));
        server.engineFixture.awaitIdle();

        HttpResponse<String> again = server.post("/events", Scope.EVENTS_WRITE, array);
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(null));
        assertEquals(List.of("succeeded", "pending-retry"), List.of(runsOf(again, 0).get(0).get("status"),
                runsOf(again, 1).get(0).get("status")));
        assertEquals(2, sent("/erp"));
    }

    @Test
    void aRepeatOfAVetoedEventKeepsTheVetoAndItsStatus() {
        start(EngineFixture.webhook("guard", "/guard", "synchronous true\ntransaction 'inside'")
                + EngineFixture.webhook("erp", "/erp", "synchronous false\ntransaction 'inside'"));
        receiver.stubFor(post(urlEqualTo("/guard")).willReturn(aResponse().withStatus(409).withBody("no")));
        HttpResponse<String> first = server.post("/events", Scope.EVENTS_WRITE, event("evt-1", "DEMO"));
        assertEquals(409, first.statusCode(), first.body());
        server.engineFixture.awaitIdle();

        HttpResponse<String> again = server.post("/events", Scope.EVENTS_WRITE, event("evt-1", "DEMO"));
        assertEquals(409, again.statusCode(), again.body());
        assertEquals(ServerFixture.json(first), ServerFixture.json(again), "a veto is final: the run stays vetoed, "
                + "the async message stays rolled back");
        assertEquals(0, sent("/erp"));
    }
}
