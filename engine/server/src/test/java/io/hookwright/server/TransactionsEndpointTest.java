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
import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Transactions over HTTP: inside semantics for a host that cannot share a JDBC connection with the engine. */
class TransactionsEndpointTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String EVENT = """
            {"id": "evt-1", "type": "Project:Updated",
             "entity": {"type": "Project", "id": "p-1", "key": "DEMO", "attributes": {"Status": "Done"}}}""";

    @TempDir
    Path dir;
    private ServerFixture server;

    @AfterEach
    void stop() {
        server.close();
    }

    private void start(String guardStatus) {
        server = new ServerFixture(dir, receiver.getPort(),
                EngineFixture.webhook("guard", "/guard", "synchronous true\ntransaction 'inside'")
                        + EngineFixture.webhook("erp", "/erp", "synchronous false\ntransaction 'inside'")
                        + EngineFixture.webhook("mail", "/mail", "synchronous true\ntransaction 'after-commit'"));
        receiver.stubFor(post(urlEqualTo("/guard")).willReturn(aResponse().withStatus(Integer.parseInt(guardStatus))));
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        receiver.stubFor(post(urlEqualTo("/mail")).willReturn(aResponse().withStatus(200)));
    }

    private String begin() {
        HttpResponse<String> begun = server.post("/transactions", Scope.EVENTS_WRITE, null);
        assertEquals(201, begun.statusCode(), begun.body());
        return (String) ServerFixture.json(begun).get("id");
    }

    private int received(String path) {
        return receiver.findAll(postRequestedFor(urlEqualTo(path))).size();
    }

    @Test
    void syncInsideRunsWhenPostedAndTheRestOnlyOnCommit() throws Exception {
        start("200");
        String id = begin();
        assertEquals(200, server.post("/transactions/" + id + "/events", Scope.EVENTS_WRITE, EVENT).statusCode());
        assertEquals(1, received("/guard"));
        assertEquals(0, received("/mail"));
        assertEquals(0, server.engine.queuedMessages(), "the async-inside message waits for the commit");

        HttpResponse<String> commit = server.post("/transactions/" + id + "/commit", Scope.EVENTS_WRITE, null);
        assertEquals(200, commit.statusCode(), commit.body());
        assertTrue(commit.body().contains("\"state\":\"committed\""), commit.body());
        server.engineFixture.awaitIdle();
        assertEquals(1, received("/mail"));
        assertEquals(1, received("/erp"));
    }

    @Test
    void aRollbackDiscardsEverythingButTheSyncInsideRequestAlreadySent() throws Exception {
        start("200");
        String id = begin();
        server.post("/transactions/" + id + "/events", Scope.EVENTS_WRITE, EVENT);
        HttpResponse<String> rollback = server.post("/transactions/" + id + "/rollback", Scope.EVENTS_WRITE, null);
        assertEquals(200, rollback.statusCode());
        assertTrue(rollback.body().contains("rolled-back"), rollback.body());
        server.engineFixture.awaitIdle();
        assertEquals(1, received("/guard"));
        assertEquals(0, received("/erp") + received("/mail"));
        assertEquals(410, server.post("/transactions/" + id + "/commit", Scope.EVENTS_WRITE, null).statusCode());
    }

    @Test
    void aVetoAnswers409AndLeavesTheTransactionRollbackOnly() throws Exception {
        start("503");
        String id = begin();
        HttpResponse<String> vetoed = server.post("/transactions/" + id + "/events", Scope.EVENTS_WRITE, EVENT);
        assertEquals(409, vetoed.statusCode(), vetoed.body());
        assertTrue(vetoed.body().contains("rollback-only"), vetoed.body());
        HttpResponse<String> more = server.post("/transactions/" + id + "/events", Scope.EVENTS_WRITE,
                EVENT.replace("evt-1", "evt-2"));
        assertEquals(409, more.statusCode());
        HttpResponse<String> commit = server.post("/transactions/" + id + "/commit", Scope.EVENTS_WRITE, null);
        assertEquals(409, commit.statusCode());
        assertTrue(commit.body().contains("was rolled back"), commit.body());
        server.engineFixture.awaitIdle();
        assertEquals(0, received("/erp") + received("/mail"));
    }

    @Test
    void anAbandonedTransactionExpiresAndRollsBack() throws Exception {
        start("200");
        String id = begin();
        server.post("/transactions/" + id + "/events", Scope.EVENTS_WRITE, EVENT);
        server.engineFixture.clock.advance(Duration.ofSeconds(61));
        assertEquals(1, server.transactions.expire());

        HttpResponse<String> late = server.post("/transactions/" + id + "/commit", Scope.EVENTS_WRITE, null);
        assertEquals(410, late.statusCode());
        assertTrue(ServerFixture.json(late).get("detail").toString().contains("expired after 60 s and was rolled back"),
                late.body());
        server.engineFixture.awaitIdle();
        assertEquals(0, received("/erp") + received("/mail"));
    }

    @Test
    void anUnknownTransactionIs404AndEventsNeedTheScope() {
        start("200");
        assertEquals(404, server.post("/transactions/tx_nope/commit", Scope.EVENTS_WRITE, null).statusCode());
        assertEquals(403, server.post("/transactions", Scope.RUNS_READ, null).statusCode());
        assertEquals(401, server.send("POST", "/transactions", null, null).statusCode());
    }
}
