package io.hookwright.execution;

import io.hookwright.errors.WebhookVetoedException;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * All four modes on one event in one host transaction: each keeps its own row of the execution table, whatever the
 * others do.
 */
class MixedModesTest extends ExecutionContract {
    @BeforeEach
    void start() {
        startEngine(EngineFixture.webhook("async_inside", "/async-inside", "synchronous false\ntransaction 'inside'")
                + EngineFixture.webhook("async_after", "/async-after", "synchronous false\ntransaction 'after-commit'")
                + EngineFixture.webhook("sync_after", "/sync-after", "synchronous true\ntransaction 'after-commit'")
                + EngineFixture.webhook("sync_inside", "/sync-inside", "synchronous true\ntransaction 'inside'"));
        for (String path : List.of("/async-inside", "/async-after", "/sync-after", "/sync-inside")) {
            receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        }
    }

    /** How many requests each path got, paths with none left out. */
    private static Map<String, Long> receivedByPath() {
        return receiver.findAll(anyRequestedFor(anyUrl())).stream()
                .collect(Collectors.groupingBy(r -> r.getUrl(), Collectors.counting()));
    }

    @Test
    void onCommitEachWebhookReceivesTheEventExactlyOnce() throws Exception {
        try (Connection host = fixture.connect(); var tx = engine.begin(host)) {
            EngineFixture.insertProject(host, "p-1");
            tx.publish(EngineFixture.projectUpdated("p-1"));
            tx.commit();
        }
        fixture.awaitIdle();
        assertTrue(fixture.projectCommitted("p-1"));
        assertEquals(Map.of("/async-inside", 1L, "/async-after", 1L, "/sync-after", 1L, "/sync-inside", 1L),
                receivedByPath());
        Map<String, String> modes = fixture.runs().stream().collect(Collectors.toMap(Run::webhook, Run::mode));
        assertEquals(Map.of("async_inside", "async-inside", "async_after", "async-after-commit",
                "sync_after", "sync-after-commit", "sync_inside", "sync-inside"), modes);
        assertTrue(fixture.outcomes().stream().allMatch(o -> o == Outcome.SUCCEEDED), fixture.outcomes()::toString);
        assertEquals(0, engine.queuedMessages());
    }

    @Test
    void onRollbackOnlySyncInsideWasSentForItWentBeforeTheDecision() throws Exception {
        try (Connection host = fixture.connect(); var tx = engine.begin(host)) {
            EngineFixture.insertProject(host, "p-1");
            tx.publish(EngineFixture.projectUpdated("p-1"));
            tx.rollback();
        }
        fixture.awaitIdle();
        assertFalse(fixture.projectCommitted("p-1"));
        assertEquals(Map.of("/sync-inside", 1L), receivedByPath());
        assertEquals(List.of("sync_inside"), fixture.runs().stream().map(Run::webhook).toList());
        assertEquals(0, engine.queuedMessages());
    }

    @Test
    void aSyncInsideVetoStopsEveryAfterCommitWebhookAndTakesTheOutboxRowWithIt() throws Exception {
        receiver.stubFor(post(urlEqualTo("/sync-inside")).willReturn(aResponse().withStatus(409)));
        try (Connection host = fixture.connect(); var tx = engine.begin(host)) {
            EngineFixture.insertProject(host, "p-1");
            tx.publish(EngineFixture.projectUpdated("p-1"));
            assertThrows(WebhookVetoedException.class, tx::commit);
        }
        fixture.awaitIdle();
        assertFalse(fixture.projectCommitted("p-1"));
        assertEquals(Map.of("/sync-inside", 1L), receivedByPath());
        assertEquals(0, engine.queuedMessages(), "the async-inside row was rolled back with the host's data");
        assertEquals(List.of(Outcome.VETOED), fixture.outcomes());
    }
}
