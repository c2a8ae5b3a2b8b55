package io.hookwright.server;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
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
import java.util.Set;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Callers stay in their lane: an event id is the posting token's own (another token's event with the same id is
 * processed as its own, never answered with the first caller's result, and never collapsed into its message), a
 * repeat with another body is a 409, and a transaction is invisible to every token but the one that began it.
 */
class CallerLanesEndpointTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** Two tokens that may both post events. */
    private static final Scope FIRST = Scope.EVENTS_WRITE;
    private static final Scope SECOND = Scope.ADMIN;

    private static final String EVENT = """
            {"id": "evt-1", "type": "Project:Updated", "tenant": "acme",
             "entity": {"type": "Project", "id": "p-1", "key": "DEMO", "attributes": {"Status": "Done", "Budget": 5000}}}""";
    /** The same event, spaced, ordered and written otherwise. */
    private static final String SAME_EVENT_REWRITTEN = """
            {"entity": {"attributes": {"Budget": 5000.00, "Status": "Done"}, "key": "DEMO", "id": "p-1",
             "type": "Project"}, "tenant": "acme", "type": "Project:Updated", "id": "evt-1"}""";
    private static final String OTHER_EVENT_SAME_ID = EVENT.replace("\"Done\"", "\"Cancelled\"");

    @TempDir
    Path dir;
    private ServerFixture server;

    @AfterEach
    void stop() {
        server.close();
    }

    private void start(String execution) {
        server = new ServerFixture(dir, receiver.getPort(), EngineFixture.webhook("erp", "/erp", execution));
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
    }

    private List<LoggedRequest> sent() {
        return receiver.findAll(postRequestedFor(urlEqualTo("/erp")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstRun(HttpResponse<String> response) {
        Map<String, Object> result = ((List<Map<String, Object>>) ServerFixture.json(response).get("results")).get(0);
        return ((List<Map<String, Object>>) result.get("runs")).get(0);
    }

    @Test
    void anotherTokensEventWithTheSameIdIsProcessedAsItsOwn() {
        start("synchronous true\ntransaction 'after-commit'");
        HttpResponse<String> first = server.post("/events", FIRST, EVENT);
        HttpResponse<String> second = server.post("/events", SECOND, EVENT);

        assertEquals(202, first.statusCode(), first.body());
        assertEquals(202, second.statusCode(), second.body());
        assertTrue(second.headers().firstValue("Idempotent-Replayed").isEmpty(), "not the first caller's answer");
        assertNotEquals(firstRun(first).get("runId"), firstRun(second).get("runId"));
        assertNotEquals(firstRun(first).get("messageId"), firstRun(second).get("messageId"));
        assertEquals(2, sent().size(), "each caller's event is sent");
        assertEquals(2, sent().stream().map(r -> r.getHeader("webhook-id")).distinct().count(),
                "as two messages: a receiver dropping repeated webhook-ids takes both");
        assertBodiesNameTheirWebhookId();

        HttpResponse<String> secondAgain = server.post("/events", SECOND, EVENT);
        assertEquals("true", secondAgain.headers().firstValue("Idempotent-Replayed").orElse(null));
        assertEquals(ServerFixture.json(second), ServerFixture.json(secondAgain), "its own answer, replayed");
        assertEquals(2, sent().size());
    }

    @Test
    void twoCallersQueuedMessagesWithTheSameEventIdDoNotCollapse() throws Exception {
        start("synchronous false");
        assertEquals(202, server.post("/events", FIRST, EVENT).statusCode());
        assertEquals(202, server.post("/events", SECOND, EVENT).statusCode());
        server.engineFixture.awaitIdle();
        assertEquals(2, sent().size(), "both queued messages were delivered");
        Set<String> ids = sent().stream().map(r -> r.getHeader("webhook-id")).collect(Collectors.toSet());
        assertEquals(2, ids.size(), ids.toString());
        assertBodiesNameTheirWebhookId();
    }

    /** The template's {@code message.id} is the id the request's {@code webhook-id} header carries. */
    private void assertBodiesNameTheirWebhookId() {
        for (LoggedRequest request : sent()) {
            assertTrue(request.getBodyAsString().contains("\"message\": \"" + request.getHeader("webhook-id") + "\""),
                    request.getHeader("webhook-id") + " vs " + request.getBodyAsString());
        }
    }

    @Test
    void aRepeatWithAnotherBodyIs409AndTheSameEventWrittenOtherwiseIsAReplay() {
        start("synchronous true\ntransaction 'after-commit'");
        assertEquals(202, server.post("/events", FIRST, EVENT).statusCode());

        HttpResponse<String> conflict = server.post("/events", FIRST, OTHER_EVENT_SAME_ID);
        assertEquals(409, conflict.statusCode(), conflict.body());
        Map<String, Object> problem = ServerFixture.json(conflict);
        assertEquals("id", problem.get("field"));
        assertEquals("evt-1", problem.get("eventId"));
        assertTrue(problem.get("detail").toString().contains("already used with another event body"), problem.toString());

        HttpResponse<String> replay = server.post("/events", FIRST, SAME_EVENT_REWRITTEN);
        assertEquals(202, replay.statusCode(), replay.body());
        assertEquals("true", replay.headers().firstValue("Idempotent-Replayed").orElse(null));
        assertEquals(1, sent().size(), "neither the conflict nor the replay sent anything");

        HttpResponse<String> otherCaller = server.post("/events", SECOND, OTHER_EVENT_SAME_ID);
        assertEquals(202, otherCaller.statusCode(), "another caller's event of that id is its own: " + otherCaller.body());
        assertEquals(2, sent().size());
    }

    @Test
    void aConflictInAnArrayIsNamedByItsPlaceAndNothingOfTheArrayIsPublished() {
        start("synchronous true\ntransaction 'after-commit'");
        assertEquals(202, server.post("/events", FIRST, EVENT).statusCode());
        String fresh = EVENT.replace("evt-1", "evt-2");
        HttpResponse<String> conflict = server.post("/events", FIRST, "[" + fresh + ", " + OTHER_EVENT_SAME_ID + "]");
        assertEquals(409, conflict.statusCode(), conflict.body());
        assertEquals("[1].id", ServerFixture.json(conflict).get("field"));
        assertEquals(1, sent().size(), "evt-2 was not published either");

        HttpResponse<String> twiceInOne = server.post("/events", FIRST, "[" + EVENT.replace("evt-1", "evt-3") + ", "
                + OTHER_EVENT_SAME_ID.replace("evt-1", "evt-3") + "]");
        assertEquals(409, twiceInOne.statusCode(), twiceInOne.body());
        assertEquals("[1].id", ServerFixture.json(twiceInOne).get("field"));
        assertEquals(1, sent().size(), "the first evt-3 was not published either");
        assertEquals(202, server.post("/events", FIRST, EVENT.replace("evt-1", "evt-3")).statusCode(), "evt-3 is free");
    }

    private String begin(Scope scope) {
        HttpResponse<String> begun = server.post("/transactions", scope, null);
        assertEquals(201, begun.statusCode(), begun.body());
        return (String) ServerFixture.json(begun).get("id");
    }

    @Test
    void aTransactionIsNotFoundByAnyTokenButTheOneThatBeganIt() throws Exception {
        start("synchronous false\ntransaction 'inside'");
        String id = begin(FIRST);
        for (String action : List.of("events", "commit", "rollback")) {
            HttpResponse<String> other = server.post("/transactions/" + id + "/" + action, SECOND,
                    action.equals("events") ? EVENT : null);
            assertEquals(404, other.statusCode(), action + ": " + other.body());
            assertEquals("no open transaction " + id, ServerFixture.json(other).get("detail"),
                    "answered as a transaction that does not exist");
        }
        assertEquals(200, server.post("/transactions/" + id + "/events", FIRST, EVENT).statusCode(),
                "the owner's transaction is untouched");
        assertEquals(200, server.post("/transactions/" + id + "/commit", FIRST, null).statusCode());
        assertEquals(404, server.post("/transactions/" + id + "/commit", SECOND, null).statusCode(),
                "an ended transaction is not confirmed to others either");
        assertEquals(410, server.post("/transactions/" + id + "/commit", FIRST, null).statusCode());
        server.engineFixture.awaitIdle();
        assertEquals(1, sent().size());
    }

    @Test
    void twoCallersTransactionsWithTheSameEventIdEachDeliverTheirMessage() throws Exception {
        start("synchronous false\ntransaction 'inside'");
        for (Scope scope : List.of(FIRST, SECOND)) {
            String id = begin(scope);
            assertEquals(200, server.post("/transactions/" + id + "/events", scope, EVENT).statusCode());
            assertEquals(200, server.post("/transactions/" + id + "/commit", scope, null).statusCode());
        }
        server.engineFixture.awaitIdle();
        assertEquals(2, sent().stream().map(r -> r.getHeader("webhook-id")).distinct().count());
        assertBodiesNameTheirWebhookId();
    }

    @Test
    void aTransactionIdThatCannotBeOneIs400NamingIt() {
        start("synchronous false");
        for (String id : List.of("x".repeat(101), "tx_%00abc", "tx_%1B%5B31m", "tx_%E2%80%AE")) {
            HttpResponse<String> bad = server.post("/transactions/" + id + "/commit", FIRST, null);
            assertEquals(400, bad.statusCode(), id + ": " + bad.body());
            assertEquals("id", ServerFixture.json(bad).get("field"));
            assertTrue(bad.body().length() < 500, bad.body());
        }
        assertEquals(404, server.post("/transactions/tx_unknown/commit", FIRST, null).statusCode());
    }
}
