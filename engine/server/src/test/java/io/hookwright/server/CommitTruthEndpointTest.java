package io.hookwright.server;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.execution.EngineFixture;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import io.hookwright.server.auth.Scope;
import io.hookwright.testdb.FailingStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Over HTTP, an answer never claims a failure for what committed: a transaction committed, or an event published,
 * while the engine's store fails is answered as done, and what the store refused is written once it is back.
 */
class CommitTruthEndpointTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String EVENT = """
            {"id": "evt-1", "type": "Project:Updated",
             "entity": {"type": "Project", "id": "p-1", "key": "DEMO", "attributes": {"Status": "Done"}}}""";

    @TempDir
    Path dir;
    private ServerFixture server;
    private FailingStore store;

    @AfterEach
    void stop() {
        store.heal();
        server.close();
    }

    /** The guard answers after {@code guardDelayMs}: the window in which a test makes the store fail. */
    private void start(int guardDelayMs) {
        server = new ServerFixture(dir, receiver.getPort(),
                EngineFixture.webhook("guard", "/guard", "synchronous true\ntransaction 'inside'")
                        + EngineFixture.webhook("erp", "/erp", "synchronous false\ntransaction 'inside'")
                        + EngineFixture.webhook("mail", "/mail", "synchronous true\ntransaction 'after-commit'"),
                source -> store = new FailingStore(source));
        receiver.stubFor(post(urlEqualTo("/guard")).willReturn(aResponse().withStatus(200).withFixedDelay(guardDelayMs)));
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        receiver.stubFor(post(urlEqualTo("/mail")).willReturn(aResponse().withStatus(200)));
    }

    private static int received(String path) {
        return receiver.findAll(postRequestedFor(urlEqualTo(path))).size();
    }

    private Map<String, Outcome> outcomes() {
        return server.engineFixture.runs().stream().collect(Collectors.toMap(Run::webhook, Run::outcome));
    }

    private void assertNothingLostOnceTheStoreIsBack() {
        store.heal();
        server.engineFixture.awaitIdle();
        assertEquals(List.of(1, 1, 1), List.of(received("/guard"), received("/erp"), received("/mail")));
        assertEquals(Map.of("guard", Outcome.SUCCEEDED, "erp", Outcome.SUCCEEDED, "mail", Outcome.SUCCEEDED),
                outcomes());
    }

    @Test
    void aTransactionCommittedWhileTheStoreFailsIsAnsweredCommitted() {
        start(0);
        HttpResponse<String> begun = server.post("/transactions", Scope.EVENTS_WRITE, null);
        String id = (String) ServerFixture.json(begun).get("id");
        assertEquals(200, server.post("/transactions/" + id + "/events", Scope.EVENTS_WRITE, EVENT).statusCode());

        store.fail();
        HttpResponse<String> commit = server.post("/transactions/" + id + "/commit", Scope.EVENTS_WRITE, null);
        assertEquals(200, commit.statusCode(), commit.body());
        assertTrue(commit.body().contains("\"state\":\"committed\""), commit.body());
        assertTrue(commit.body().contains("\"status\":\"succeeded\""), "the mail went out: " + commit.body());
        assertTrue(store.refused() > 0, "the store failed during the commit");
        assertNothingLostOnceTheStoreIsBack();
        String metrics = server.get("/metrics", Scope.RUNS_READ).body();
        assertTrue(metrics.contains("hookwright_after_commit_failures_total{write=\"messages\"} 1.0"), metrics);
    }

    @Test
    void anEventPublishedWhileTheStoreFailsIsAnswered202() throws Exception {
        start(2_000);
        CompletableFuture<HttpResponse<String>> posted = CompletableFuture.supplyAsync(
                () -> server.post("/events", Scope.EVENTS_WRITE, EVENT));
        // The event id is claimed and the guard is being sent: the store fails before the transaction commits.
        while (received("/guard") == 0) {
            assertTrue(!posted.isDone(), () -> "answered before the guard was sent: " + posted.join().body());
            Thread.sleep(10);
        }
        store.fail();
        HttpResponse<String> answer = posted.get();
        assertEquals(202, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("\"webhook\":\"erp\",\"mode\":\"async-inside\""), answer.body());
        assertTrue(store.refused() > 0, "the store failed during the publish");
        assertNothingLostOnceTheStoreIsBack();
    }
}
