package io.hookwright.server;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.execution.EngineFixture;
import io.hookwright.server.auth.Scope;
import io.hookwright.testdb.Backend;
import io.hookwright.testdb.FailingStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /events} with an array: committed as a whole with its idempotency records, so a store failure publishes
 * none of it and a repeat, whole or in part, sends nothing again; a veto rolls back the event it vetoes alone.
 */
class EventArraysEndpointTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;
    private ServerFixture server;
    private FailingStore store;

    @AfterEach
    void stop() {
        if (store != null) {
            store.heal();
        }
        server.close();
    }

    private static String event(String id, String key) {
        return """
                {"id": "%s", "type": "Project:Updated",
                 "entity": {"type": "Project", "id": "p-%s", "key": "%s", "attributes": {"Status": "Done"}}}"""
                .formatted(id, key, key);
    }

    private static String array(String... ids) {
        return "[" + java.util.Arrays.stream(ids).map(id -> event(id, id.toUpperCase())).collect(Collectors.joining(","))
                + "]";
    }

    private void startAsync(Backend backend) {
        server = new ServerFixture(backend, dir, receiver.getPort(), EngineFixture.webhook("erp", "/erp",
                "synchronous false"), 1024 * 1024);
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
    }

    private static int sent(String path) {
        return receiver.findAll(postRequestedFor(urlEqualTo(path))).size();
    }

    private static int sentFor(String key) {
        return receiver.findAll(postRequestedFor(urlEqualTo("/erp")).withRequestBody(containing("\"" + key + "\""))).size();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(HttpResponse<String> response) {
        return (List<Map<String, Object>>) ServerFixture.json(response).get("results");
    }

    /** Every webhook's message id, event after event. */
    @SuppressWarnings("unchecked")
    private static List<Object> messageIds(HttpResponse<String> response) {
        return results(response).stream().flatMap(r -> ((List<Map<String, Object>>) r.get("runs")).stream())
                .map(run -> run.get("messageId")).toList();
    }

    /** Every webhook's status, event after event. */
    @SuppressWarnings("unchecked")
    private static List<Object> statuses(HttpResponse<String> response) {
        return results(response).stream().flatMap(r -> ((List<Map<String, Object>>) r.get("runs")).stream())
                .map(run -> run.get("status")).toList();
    }

    @Test
    void anArrayWhoseCommitFailsPublishesNoneOfItsEventsAndMayBeSentAgain() {
        server = new ServerFixture(dir, receiver.getPort(), EngineFixture.webhook("erp", "/erp", "synchronous false"),
                source -> store = new FailingStore(source));
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        store.failCommits();
        HttpResponse<String> failed = server.post("/events", Scope.EVENTS_WRITE, array("evt-1", "evt-2", "evt-3"));
        assertEquals(500, failed.statusCode(), failed.body());
        assertTrue(store.refused() > 0, "the commit was refused");

        store.heal();
        server.engineFixture.awaitIdle();
        assertEquals(0, sent("/erp"), "no message of the array was queued");
        HttpResponse<String> again = server.post("/events", Scope.EVENTS_WRITE, array("evt-1", "evt-2", "evt-3"));
        assertEquals(202, again.statusCode(), again.body());
        assertTrue(again.headers().firstValue("Idempotent-Replayed").isEmpty(), "published now, not replayed");
        server.engineFixture.awaitIdle();
        assertEquals(3, sent("/erp"));
    }

    @Test
    void aRepeatedArrayIsAnsweredAsTheFirstTimeAndNothingIsSentAgain() {
        startAsync(Backend.SQLITE);
        HttpResponse<String> first = server.post("/events", Scope.EVENTS_WRITE, array("evt-1", "evt-2", "evt-3"));
        server.engineFixture.awaitIdle();
        HttpResponse<String> again = server.post("/events", Scope.EVENTS_WRITE, array("evt-1", "evt-2", "evt-3"));

        assertEquals(202, again.statusCode(), again.body());
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(null));
        assertEquals(messageIds(first), messageIds(again), "the same events, the same messages");
        assertEquals(List.of("succeeded", "succeeded", "succeeded"), statuses(again), "as they stand now");
        server.engineFixture.awaitIdle();
        assertEquals(3, sent("/erp"), "each event sent once");
    }

    @Test
    void newAndRepeatedIdsInOneArrayPublishTheNewOnesAlone() {
        startAsync(Backend.SQLITE);
        HttpResponse<String> first = server.post("/events", Scope.EVENTS_WRITE, array("evt-1"));
        HttpResponse<String> mixed = server.post("/events", Scope.EVENTS_WRITE, array("evt-1", "evt-2", "evt-2"));

        assertEquals(202, mixed.statusCode(), mixed.body());
        assertTrue(mixed.headers().firstValue("Idempotent-Replayed").isEmpty(), "not every event was a repeat");
        List<Map<String, Object>> results = results(mixed);
        assertEquals(List.of("evt-1", "evt-2", "evt-2"), results.stream().map(r -> r.get("eventId")).toList());
        assertEquals(messageIds(first).get(0), messageIds(mixed).get(0), "evt-1 answered as the first time");
        assertEquals(results.get(1), results.get(2), "evt-2 twice in one array is one event");
        server.engineFixture.awaitIdle();
        assertEquals(List.of(1, 1), List.of(sentFor("EVT-1"), sentFor("EVT-2")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aVetoInAnArrayRollsBackThatEventAloneAndARepeatGetsItAgain() {
        server = new ServerFixture(dir, receiver.getPort(),
                EngineFixture.webhook("guard", "/guard", "synchronous true\ntransaction 'inside'")
                        + EngineFixture.webhook("erp", "/erp", "synchronous false"), 1024 * 1024);
        receiver.stubFor(post(urlEqualTo("/guard")).willReturn(aResponse().withStatus(200)));
        receiver.stubFor(post(urlEqualTo("/guard")).withRequestBody(containing("FROZEN"))
                .willReturn(aResponse().withStatus(500).withBody("frozen")));
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        String body = "[" + event("evt-1", "FROZEN") + "," + event("evt-2", "OPEN") + "]";

        HttpResponse<String> vetoed = server.post("/events", Scope.EVENTS_WRITE, body);
        assertEquals(409, vetoed.statusCode(), vetoed.body());
        Map<String, Object> problem = ServerFixture.json(vetoed);
        assertEquals("guard", ((Map<String, Object>) problem.get("veto")).get("webhook"));
        List<Map<String, Object>> results = (List<Map<String, Object>>) problem.get("results");
        assertEquals(List.of("evt-1", "evt-2"), results.stream().map(r -> r.get("eventId")).toList());
        assertNull(results.get(1).get("veto"), "evt-2 was not vetoed");
        server.engineFixture.awaitIdle();
        assertEquals(List.of(0, 1), List.of(sentFor("FROZEN"), sentFor("OPEN")), "evt-2 published, evt-1 rolled back");

        HttpResponse<String> again = server.post("/events", Scope.EVENTS_WRITE, body);
        assertEquals(409, again.statusCode(), again.body());
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(null));
        Map<String, Object> replayed = ServerFixture.json(again);
        assertEquals(problem.get("veto"), replayed.get("veto"));
        assertEquals(problem.get("detail"), replayed.get("detail"));
        assertEquals(List.of("vetoed", "rolled-back", "succeeded", "succeeded"), statuses(again),
                "evt-1 stays vetoed, evt-2's queued message is shown delivered");
        server.engineFixture.awaitIdle();
        assertEquals(2, sent("/guard"), "nothing sent again");
        assertEquals(1, sent("/erp"));
    }

    /** Posts racing for the same ids, in either order: each event is published once and every post answered 202. */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void concurrentPostsOfOneArrayPublishEachEventOnce(Backend backend) throws Exception {
        startAsync(backend);
        List<String> ids = IntStream.range(0, 20).mapToObj(i -> "evt-" + i).toList();
        ExecutorService posters = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> posts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                List<String> order = new ArrayList<>(ids);
                if (i % 2 == 1) {
                    Collections.reverse(order);
                }
                String body = array(order.toArray(String[]::new));
                posts.add(posters.submit(() -> server.post("/events", Scope.EVENTS_WRITE, body)));
            }
            for (Future<HttpResponse<String>> post : posts) {
                HttpResponse<String> answer = post.get();
                assertEquals(202, answer.statusCode(), answer.body());
                assertEquals(20, results(answer).size());
            }
        } finally {
            posters.shutdown();
        }
        server.engineFixture.awaitIdle();
        assertEquals(20, sent("/erp"), "each event sent once");
    }
}
