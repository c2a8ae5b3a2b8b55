package io.hookwright.server;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.execution.EngineFixture;
import io.hookwright.server.auth.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /events} over real HTTP: published once per event id, vetoes as 409, bad input named. */
class EventsEndpointTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String EVENT = """
            {"id": "evt-1", "type": "Project:Updated", "tenant": "acme",
             "entity": {"type": "Project", "id": "p-1", "key": "DEMO", "attributes": {"Status": "Done"}},
             "before": {"Status": "On track"}}""";

    @TempDir
    Path dir;
    private ServerFixture server;

    @AfterEach
    void stop() {
        server.close();
    }

    private void start(String execution) {
        server = new ServerFixture(dir, receiver.getPort(), EngineFixture.webhook("erp", "/erp", execution), 4096);
    }

    @Test
    void anEventIsPublishedAndItsRunsAnswered() {
        start("synchronous true\ntransaction 'after-commit'");
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        HttpResponse<String> response = server.post("/events", Scope.EVENTS_WRITE, EVENT);

        assertEquals(202, response.statusCode(), response.body());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) ServerFixture.json(response).get("results");
        assertEquals("evt-1", results.get(0).get("eventId"));
        @SuppressWarnings("unchecked")
        Map<String, Object> run = ((List<Map<String, Object>>) results.get(0).get("runs")).get(0);
        assertEquals("erp", run.get("webhook"));
        assertEquals("succeeded", run.get("status"));
        assertEquals(1, receiver.findAll(anyRequestedFor(anyUrl())).size());
        assertEquals(null, ServerFixture.json(response).get("captured"), "not captured: " + response.body());
    }

    @Test
    void aRepeatedEventIdIsAnsweredAsTheFirstTimeAndNothingIsSentAgain() {
        start("synchronous true\ntransaction 'after-commit'");
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        HttpResponse<String> first = server.post("/events", Scope.EVENTS_WRITE, EVENT);
        HttpResponse<String> again = server.post("/events", Scope.EVENTS_WRITE, EVENT);

        assertEquals(202, again.statusCode());
        assertEquals(ServerFixture.json(first), ServerFixture.json(again));
        assertEquals("true", again.headers().firstValue("Idempotent-Replayed").orElse(null));
        assertTrue(first.headers().firstValue("Idempotent-Replayed").isEmpty());
        assertEquals(1, receiver.findAll(anyRequestedFor(anyUrl())).size(), "sent once");
    }

    @Test
    void anArrayIsPublishedInOrder() {
        start("synchronous true\ntransaction 'after-commit'");
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        HttpResponse<String> response = server.post("/events", Scope.EVENTS_WRITE,
                "[" + EVENT + "," + EVENT.replace("evt-1", "evt-2") + "]");
        assertEquals(202, response.statusCode(), response.body());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) ServerFixture.json(response).get("results");
        assertEquals(List.of("evt-1", "evt-2"), results.stream().map(r -> r.get("eventId")).toList());
        assertEquals(2, receiver.findAll(anyRequestedFor(anyUrl())).size());
    }

    @Test
    void aSyncInsideFailureAnswers409WithTheVeto() {
        start("synchronous true\ntransaction 'inside'");
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(500).withBody("frozen")));
        HttpResponse<String> response = server.post("/events", Scope.EVENTS_WRITE, EVENT);

        assertEquals(409, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(null));
        Map<String, Object> problem = ServerFixture.json(response);
        @SuppressWarnings("unchecked")
        Map<String, Object> veto = (Map<String, Object>) problem.get("veto");
        assertEquals("erp", veto.get("webhook"));
        assertEquals("HTTP 500: frozen", veto.get("reason"));
        assertTrue(((String) problem.get("detail")).contains("vetoed event evt-1"), problem.toString());
        assertEquals(409, server.post("/events", Scope.EVENTS_WRITE, EVENT).statusCode(), "a repeat gets the veto again");
        assertEquals(1, receiver.findAll(anyRequestedFor(anyUrl())).size());
    }

    @Test
    void aBadEventIs400NamingTheField() {
        start("synchronous false");
        HttpResponse<String> response = server.post("/events", Scope.EVENTS_WRITE,
                "[" + EVENT + ", {\"type\": \"Project:Updated\", \"entity\": {\"type\": \"Task\", \"id\": \"t\"}}]");
        assertEquals(400, response.statusCode(), response.body());
        Map<String, Object> problem = ServerFixture.json(response);
        assertEquals("[1].entity.type", problem.get("field"));
        assertTrue(((String) problem.get("detail")).contains("does not match the event type"), problem.toString());
        assertEquals(0, server.engine.queuedMessages(), "nothing of a bad request is published");
    }

    @Test
    void malformedJsonIs400WithWhereItBreaks() {
        start("synchronous false");
        HttpResponse<String> response = server.post("/events", Scope.EVENTS_WRITE, "{\"id\": ");
        assertEquals(400, response.statusCode());
        assertTrue(((String) ServerFixture.json(response).get("detail")).contains("line 1"), response.body());
    }

    @Test
    void aBodyOverTheLimitIs413() {
        start("synchronous false");
        String big = EVENT.replace("\"Done\"", "\"" + "x".repeat(5000) + "\"");
        HttpResponse<String> response = server.post("/events", Scope.EVENTS_WRITE, big);
        assertEquals(413, response.statusCode(), response.body());
        assertEquals(0, server.engine.queuedMessages());
    }

    @Test
    void withoutATokenIs401AndWithTheWrongScopeIs403() {
        start("synchronous false");
        HttpResponse<String> none = server.send("POST", "/events", null, EVENT);
        assertEquals(401, none.statusCode());
        assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals(401, server.send("POST", "/events", "not-a-token", EVENT).statusCode());
        HttpResponse<String> wrong = server.post("/events", Scope.RUNS_READ, EVENT);
        assertEquals(403, wrong.statusCode());
        assertEquals("events:write", ServerFixture.json(wrong).get("scope"));
        assertEquals(202, server.post("/events", Scope.ADMIN, EVENT).statusCode(), "admin may do everything");
    }

    @Test
    void healthIsOpen() {
        start("synchronous false");
        HttpResponse<String> response = server.send("GET", "/health", null, null);
        assertEquals(200, response.statusCode());
        assertEquals("ok", ServerFixture.json(response).get("status"));
        assertEquals(1, ServerFixture.json(response).get("webhooks"));
    }
}
