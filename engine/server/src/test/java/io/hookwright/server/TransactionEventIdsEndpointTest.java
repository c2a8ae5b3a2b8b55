package io.hookwright.server;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.execution.EngineFixture;
import io.hookwright.server.auth.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Event ids posted into HTTP transactions are the token's, as for {@code POST /events}: a repeat is answered and
 * not published again, the same id with another event is a 409 naming it (in the transaction, in an array, or against
 * an event posted before), an id an open transaction holds is refused elsewhere until it ends, and a rollback frees it.
 */
class TransactionEventIdsEndpointTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String EVENT = """
            {"id": "evt-1", "type": "Project:Updated", "tenant": "acme",
             "entity": {"type": "Project", "id": "p-1", "key": "DEMO", "attributes": {"Status": "Done"}}}""";
    private static final String OTHER_EVENT_SAME_ID = EVENT.replace("\"Done\"", "\"Cancelled\"");

    @TempDir
    Path dir;
    private ServerFixture server;

    @BeforeEach
    void start() {
        server = new ServerFixture(dir, receiver.getPort(),
                EngineFixture.webhook("guard", "/guard", "synchronous true\ntransaction 'inside'")
                        + EngineFixture.webhook("erp", "/erp", "synchronous false\ntransaction 'inside'"));
        receiver.stubFor(post(urlEqualTo("/guard")).willReturn(aResponse().withStatus(200)));
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String begin() {
        HttpResponse<String> begun = server.post("/transactions", Scope.EVENTS_WRITE, null);
        assertEquals(201, begun.statusCode(), begun.body());
        return (String) ServerFixture.json(begun).get("id");
    }

    private HttpResponse<String> postInto(String tx, String body) {
        return server.post("/transactions/" + tx + "/events", Scope.EVENTS_WRITE, body);
    }

    private HttpResponse<String> end(String tx, String how) {
        HttpResponse<String> ended = server.post("/transactions/" + tx + "/" + how, Scope.EVENTS_WRITE, null);
        assertEquals(200, ended.statusCode(), ended.body());
        return ended;
    }

    private static int sent(String path) {
        return receiver.findAll(postRequestedFor(urlEqualTo(path))).size();
    }

    private static boolean replayed(HttpResponse<String> response) {
        return "true".equals(response.headers().firstValue("Idempotent-Replayed").orElse(null));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> runsOf(HttpResponse<String> response, int event) {
        List<Map<String, Object>> results = (List<Map<String, Object>>) ServerFixture.json(response).get("results");
        return (List<Map<String, Object>>) results.get(event).get("runs");
    }

    private static void assertConflict(HttpResponse<String> response, String field, String title) {
        assertEquals(409, response.statusCode(), response.body());
        Map<String, Object> problem = ServerFixture.json(response);
        assertEquals(field, problem.get("field"), problem.toString());
        assertEquals("evt-1", problem.get("eventId"));
        assertEquals(title, problem.get("title"));
    }

    @Test
    void theSameIdWithAnotherEventInOneTransactionIs409AndTheSameEventIsAReplay() {
        String tx = begin();
        assertEquals(200, postInto(tx, EVENT).statusCode());

        HttpResponse<String> conflict = postInto(tx, OTHER_EVENT_SAME_ID);
        assertConflict(conflict, "id", "Event id already used");
        assertTrue(ServerFixture.json(conflict).get("detail").toString().contains("already used with another event body"));

        HttpResponse<String> again = postInto(tx, EVENT);
        assertEquals(200, again.statusCode(), again.body());
        assertTrue(replayed(again));
        assertEquals("succeeded", runsOf(again, 0).get(0).get("status"), "the guard's run, as sent in the transaction");
        assertEquals(1, sent("/guard"), "the sync-inside webhook was sent once");

        end(tx, "commit");
        server.engineFixture.awaitIdle();
        assertEquals(1, sent("/erp"), "one event, one message");
    }

    @Test
    void aConflictInAnArrayIsNamedByItsPlaceAndNothingOfThatRequestIsPublished() {
        String tx = begin();
        String fresh = EVENT.replace("evt-1", "evt-2").replace("p-1", "p-2");
        HttpResponse<String> twiceInOne = postInto(tx, "[" + fresh + ", " + EVENT + ", " + OTHER_EVENT_SAME_ID + "]");
        assertConflict(twiceInOne, "[2].id", "Event id already used");
        assertEquals(0, sent("/guard"), "neither evt-2 nor the first evt-1 was published");

        assertEquals(200, postInto(tx, EVENT).statusCode());
        assertConflict(postInto(tx, "[" + fresh + ", " + OTHER_EVENT_SAME_ID + "]"), "[1].id", "Event id already used");
        assertEquals(1, sent("/guard"), "evt-2 was not published");
        HttpResponse<String> both = postInto(tx, "[" + fresh + ", " + EVENT + "]");
        assertEquals(200, both.statusCode(), both.body());
        assertTrue(!replayed(both), "evt-2 is new");
        assertEquals(2, sent("/guard"));
    }

    @Test
    void anEventPostedBeforeIsAReplayInATransactionAndAnotherEventWithItsIdIs409() {
        assertEquals(202, server.post("/events", Scope.EVENTS_WRITE, EVENT).statusCode());
        server.engineFixture.awaitIdle();
        String tx = begin();

        assertConflict(postInto(tx, OTHER_EVENT_SAME_ID), "id", "Event id already used");
        HttpResponse<String> again = postInto(tx, EVENT);
        assertEquals(200, again.statusCode(), again.body());
        assertTrue(replayed(again));
        assertEquals(List.of("succeeded", "succeeded"), runsOf(again, 0).stream().map(r -> r.get("status")).toList(),
                "both webhooks as they stand now");

        HttpResponse<String> committed = end(tx, "commit");
        assertTrue(committed.body().contains("\"results\":[]"), "the transaction published nothing: " + committed.body());
        server.engineFixture.awaitIdle();
        assertEquals(List.of(1, 1), List.of(sent("/guard"), sent("/erp")), "nothing sent again");
    }

    @Test
    void aCommittedTransactionsEventIsAReplayForPostEventsWithItsCurrentState() {
        String tx = begin();
        assertEquals(200, postInto(tx, EVENT).statusCode());
        end(tx, "commit");
        server.engineFixture.awaitIdle();

        assertConflict(server.post("/events", Scope.EVENTS_WRITE, OTHER_EVENT_SAME_ID), "id", "Event id already used");
        HttpResponse<String> again = server.post("/events", Scope.EVENTS_WRITE, EVENT);
        assertEquals(202, again.statusCode(), again.body());
        assertTrue(replayed(again));
        assertEquals(List.of("succeeded", "succeeded"), runsOf(again, 0).stream().map(r -> r.get("status")).toList(),
                "the async-inside message delivered since the commit");
        assertConflict(postInto(begin(), OTHER_EVENT_SAME_ID), "id", "Event id already used");
        assertEquals(List.of(1, 1), List.of(sent("/guard"), sent("/erp")));
    }

    @Test
    void anIdAnOpenTransactionHoldsIsRefusedElsewhereUntilItEnds() {
        String holder = begin();
        assertEquals(200, postInto(holder, EVENT).statusCode());

        HttpResponse<String> inOther = postInto(begin(), EVENT);
        assertConflict(inOther, "id", "Event id in use");
        assertTrue(ServerFixture.json(inOther).get("detail").toString().contains("open transaction " + holder),
                inOther.body());
        HttpResponse<String> posted = server.post("/events", Scope.EVENTS_WRITE, "[" + EVENT + "]");
        assertConflict(posted, "[0].id", "Event id in use");
        assertEquals(1, sent("/guard"));

        end(holder, "commit");
        HttpResponse<String> after = server.post("/events", Scope.EVENTS_WRITE, EVENT);
        assertEquals(202, after.statusCode(), after.body());
        assertTrue(replayed(after), "committed: its answer is kept");
        assertEquals(1, sent("/guard"));
    }

    @Test
    void aRolledBackOrExpiredTransactionFreesItsIds() {
        String first = begin();
        assertEquals(200, postInto(first, EVENT).statusCode());
        end(first, "rollback");

        String second = begin();
        HttpResponse<String> again = postInto(second, OTHER_EVENT_SAME_ID);
        assertEquals(200, again.statusCode(), "the rolled-back event never happened: its id is free " + again.body());
        assertTrue(!replayed(again));
        assertEquals(2, sent("/guard"));

        server.engineFixture.clock.advance(java.time.Duration.ofSeconds(61));
        assertEquals(1, server.transactions.expire());
        HttpResponse<String> posted = server.post("/events", Scope.EVENTS_WRITE, EVENT);
        assertEquals(202, posted.statusCode(), "the expired transaction's event never happened " + posted.body());
        assertTrue(!replayed(posted));
        server.engineFixture.awaitIdle();
        assertEquals(1, sent("/erp"), "only the event posted last was committed");
    }

    @Test
    void aVetoFreesTheIdsOfTheEventsItStoppedAndTheRollbackFreesTheRest() {
        receiver.stubFor(post(urlEqualTo("/guard")).willReturn(aResponse().withStatus(409).withBody("no")));
        String tx = begin();
        String later = EVENT.replace("evt-1", "evt-2").replace("p-1", "p-2");
        HttpResponse<String> vetoed = postInto(tx, "[" + EVENT + ", " + later + "]");
        assertEquals(409, vetoed.statusCode(), vetoed.body());
        assertEquals("Vetoed", ServerFixture.json(vetoed).get("title"));
        assertEquals(1, sent("/guard"), "evt-2 was not published");

        receiver.stubFor(post(urlEqualTo("/guard")).willReturn(aResponse().withStatus(200)));
        assertEquals(202, server.post("/events", Scope.EVENTS_WRITE, later).statusCode(), "evt-2 is free at once");
        assertConflict(server.post("/events", Scope.EVENTS_WRITE, EVENT), "id", "Event id in use");
        end(tx, "rollback");
        HttpResponse<String> after = server.post("/events", Scope.EVENTS_WRITE, EVENT);
        assertEquals(202, after.statusCode(), "rolled back: evt-1 is free " + after.body());
        assertTrue(!replayed(after));
    }
}
