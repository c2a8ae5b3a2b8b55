package io.hookwright.execution;

import io.hookwright.errors.NotQueuedException;
import io.hookwright.runlog.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Execution table, row 3 — asynchronous, inside: the rendered request is written to the outbox on the host's
 * connection, in its transaction, so it commits or vanishes with the host's data; retried with backoff.
 */
class AsyncInsideTest extends ExecutionContract {
    @BeforeEach
    void start() {
        startEngine(EngineFixture.webhook("erp_outbox", "/erp", "synchronous false\ntransaction 'inside'"));
    }

    @Test
    void theOutboxRowIsInvisibleUntilTheHostCommitsAndThenDelivered() throws Exception {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(204)));
        try (Connection host = fixture.connect(); var tx = engine.begin(host)) {
            EngineFixture.insertProject(host, "p-1");
            Published published = tx.publish(EngineFixture.projectUpdated("p-1"));
            assertEquals(Fired.Status.QUEUED, published.fired().get(0).status());

            fixture.awaitIdle();
            assertEquals(0, engine.queuedMessages(), "the engine's connection cannot see the uncommitted row");
            assertEquals(List.of(), received(), "nothing is delivered before the commit");
            tx.commit();
        }
        fixture.awaitIdle();
        assertTrue(fixture.projectCommitted("p-1"));
        assertEquals(1, received().size());
        assertEquals(List.of(Outcome.SUCCEEDED), fixture.outcomes());
        assertEquals("async-inside", fixture.runs().get(0).mode());
        assertEquals(fixture.runs().get(0).messageId(), received().get(0).getHeader("webhook-id"));
        assertEquals(0, engine.queuedMessages());
    }

    @Test
    void theOutboxRowIsRolledBackWithTheHostsDataAndNeverDelivered() throws Exception {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(204)));
        try (Connection host = fixture.connect(); var tx = engine.begin(host)) {
            EngineFixture.insertProject(host, "p-1");
            tx.publish(EngineFixture.projectUpdated("p-1"));
            tx.rollback();
        }
        fixture.awaitIdle();
        assertFalse(fixture.projectCommitted("p-1"));
        assertEquals(0, engine.queuedMessages());
        assertEquals(List.of(), received());
        assertEquals(List.of(), fixture.outcomes());
    }

    @Test
    void aFailureIsRetriedWhenItsTimeComes() throws Exception {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(503)));
        try (Connection host = fixture.connect(); var tx = engine.begin(host)) {
            EngineFixture.insertProject(host, "p-1");
            tx.publish(EngineFixture.projectUpdated("p-1"));
            tx.commit();
        }
        fixture.awaitIdle();
        assertEquals(List.of(Outcome.PENDING_RETRY), fixture.outcomes());
        assertEquals(1, engine.queuedMessages());

        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        fixture.clock.advance(Duration.ofSeconds(6));
        fixture.awaitIdle();
        assertEquals(List.of(Outcome.PENDING_RETRY, Outcome.SUCCEEDED), fixture.outcomes());
        assertEquals(2, received().size());
        assertEquals(0, engine.queuedMessages());
    }

    @Test
    void aHostConnectionToAnotherDatabaseIsRefusedNamingTheWebhookAndTheHostsTransactionIsNotCommitted()
            throws Exception {
        // SQLite: another file; PostgreSQL: another database on the same server.
        String elsewhere = backend.url(Files.createDirectories(dir.resolve("host-only")));
        try (Connection c = EngineFixture.connect(elsewhere)) {
            EngineFixture.createHostTable(c);
        }
        try (Connection host = EngineFixture.connect(elsewhere); var tx = engine.begin(host)) {
            EngineFixture.insertProject(host, "p-1");
            NotQueuedException refused = assertThrows(NotQueuedException.class,
                    () -> tx.publish(EngineFixture.projectUpdated("p-1")));
            assertTrue(refused.getMessage().contains("erp_outbox"), refused.getMessage());
            assertTrue(refused.getMessage().contains("must be a connection to the engine's database"),
                    refused.getMessage());

            // A host that catches the error and commits anyway must not commit its data without the webhook.
            NotQueuedException rolledBack = assertThrows(NotQueuedException.class, tx::commit);
            assertEquals(List.of("erp_outbox"), rolledBack.webhooks());
            String message = rolledBack.getMessage();
            assertTrue(message.contains("rolled back") && message.contains("erp_outbox"), message);
        }
        assertFalse(EngineFixture.projectCommitted(elsewhere, "p-1"), "the host's transaction was not committed");
        fixture.awaitIdle();
        assertEquals(List.of(), received());
        assertEquals(0, engine.queuedMessages());
    }
}
