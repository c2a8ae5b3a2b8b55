package io.hookwright.execution;

import io.hookwright.render.MessageIds;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Execution table, row 2 — synchronous, after commit: sent once the host has committed, in the caller's thread;
 * never if the host rolls back; a failure is logged and leaves the host's data as it is.
 */
class SyncAfterCommitTest extends ExecutionContract {
    /** The engine with one sync-after-commit webhook; {@code more} adds to its execution block. */
    private void start(String more) {
        startEngine(EngineFixture.webhook("erp_notify", "/erp",
                "synchronous true\ntransaction 'after-commit'\n" + more));
    }

    @Test
    void itIsSentWhenTheHostCommitsAndHasArrivedWhenCommitReturns() throws Exception {
        start("");
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        try (Connection host = fixture.connect(); var tx = engine.begin(host)) {
            EngineFixture.insertProject(host, "p-1");
            Published published = tx.publish(EngineFixture.projectUpdated("p-1"));
            assertEquals(Fired.Status.AFTER_COMMIT, published.fired().get(0).status());
            assertEquals(List.of(), received(), "nothing is sent before the commit");
            assertEquals(List.of(), fixture.outcomes());

            tx.commit();
            assertEquals(1, received().size(), "sent by commit, in the caller's thread");
        }
        assertTrue(fixture.projectCommitted("p-1"));
        Run run = fixture.runs().get(0);
        assertEquals(Outcome.SUCCEEDED, run.outcome());
        assertEquals("sync-after-commit", run.mode());
        assertEquals(MessageIds.of("evt-p-1", "erp_notify"), run.messageId());
        assertEquals(run.messageId(), received().get(0).getHeader("webhook-id"));
    }

    @Test
    void aRolledBackTransactionNeverSendsIt() throws Exception {
        start("");
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        try (Connection host = fixture.connect(); var tx = engine.begin(host)) {
            EngineFixture.insertProject(host, "p-1");
            tx.publish(EngineFixture.projectUpdated("p-1"));
            tx.rollback();
        }
        fixture.awaitIdle();
        assertFalse(fixture.projectCommitted("p-1"));
        assertEquals(List.of(), received());
        assertEquals(List.of(), fixture.outcomes(), "a webhook that was never sent leaves no run");
    }

    @Test
    void anErrorResponseIsLoggedAsFailedAndTheHostsDataStaysCommitted() throws Exception {
        start("");
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(500).withBody("erp down")));
        try (Connection host = fixture.connect(); var tx = engine.begin(host)) {
            EngineFixture.insertProject(host, "p-1");
            tx.publish(EngineFixture.projectUpdated("p-1"));
            tx.commit();
        }
        assertTrue(fixture.projectCommitted("p-1"), "the commit went through and did not throw");
        assertEquals(1, received().size(), "tried once, with no retry");
        Run run = fixture.runs().get(0);
        assertEquals(Outcome.FAILED, run.outcome());
        assertEquals(500, run.response().status());
        assertEquals(run.messageId(), received().get(0).getHeader("webhook-id"));
    }

    @Test
    void aTimeoutIsLoggedAsFailedAndTheHostsDataStaysCommitted() throws Exception {
        start("timeout '1s'");
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));
        try (Connection host = fixture.connect(); var tx = engine.begin(host)) {
            EngineFixture.insertProject(host, "p-1");
            tx.publish(EngineFixture.projectUpdated("p-1"));
            tx.commit();
        }
        assertTrue(fixture.projectCommitted("p-1"));
        Run run = fixture.runs().get(0);
        assertEquals(Outcome.FAILED, run.outcome());
        assertTrue(run.error().contains("no response within the timeout of 1000 ms"), run.error());
    }
}
