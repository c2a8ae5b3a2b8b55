package io.hookwright.execution;

import io.hookwright.runlog.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Execution table, row 4 — asynchronous, after commit: queued once the host has committed, never if it rolls back;
 * retried with backoff, every attempt logged.
 */
class AsyncAfterCommitTest extends ExecutionContract {
    @BeforeEach
    void start() {
        startEngine(EngineFixture.webhook("erp_sync", "/erp", "synchronous false\ntransaction 'after-commit'"));
    }

    @Test
    void aCommittedEventIsDeliveredOnceAndLogged() throws Exception {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(204)));
        try (Connection host = fixture.connect(); var tx = engine.begin(host)) {
            EngineFixture.insertProject(host, "p-1");
            Published published = tx.publish(EngineFixture.projectUpdated("p-1"));
            assertEquals(Fired.Status.QUEUED, published.fired().get(0).status());
            assertEquals(0, engine.queuedMessages(), "nothing is queued before the commit");
            tx.commit();
        }
        fixture.awaitIdle();
        assertTrue(fixture.projectCommitted("p-1"));
        assertEquals(1, received().size());
        assertEquals(List.of(Outcome.SUCCEEDED), fixture.outcomes());
        assertEquals(received().get(0).getHeader("webhook-id"), fixture.runs().get(0).messageId());
        assertEquals(0, engine.queuedMessages());
    }

    @Test
    void aRolledBackEventIsNeverSent() throws Exception {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(204)));
        try (Connection host = fixture.connect(); var tx = engine.begin(host)) {
            EngineFixture.insertProject(host, "p-1");
            tx.publish(EngineFixture.projectUpdated("p-1"));
            tx.rollback();
        }
        fixture.awaitIdle();
        assertEquals(0, received().size());
        assertEquals(List.of(), fixture.outcomes());
        assertEquals(0, engine.queuedMessages());
    }

    @Test
    void aFailureIsRetriedWhenItsTimeComesAndEveryAttemptIsLogged() throws Exception {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(500)));
        engine.publish(EngineFixture.projectUpdated("p-1"));
        fixture.awaitIdle();
        assertEquals(List.of(Outcome.PENDING_RETRY), fixture.outcomes());
        assertEquals(1, engine.queuedMessages());

        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        fixture.clock.advance(java.time.Duration.ofSeconds(6));
        fixture.awaitIdle();
        assertEquals(List.of(Outcome.PENDING_RETRY, Outcome.SUCCEEDED), fixture.outcomes());
        assertEquals(List.of(1, 2), fixture.runs().stream().map(r -> r.attempt()).toList());
        assertEquals(2, received().size());
        assertEquals(received().get(0).getHeader("webhook-id"), received().get(1).getHeader("webhook-id"),
                "the message id is stable across retries");
        assertEquals(0, engine.queuedMessages());
    }
}
