package io.hookwright.execution;

import io.hookwright.errors.WebhookVetoedException;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Execution table, row 1 — synchronous, inside: sent before the host commits, in the caller's thread; a failure
 * vetoes the host's transaction, and the run stays logged.
 */
class SyncInsideTest extends ExecutionContract {
    @BeforeEach
    void start() {
        startEngine(EngineFixture.webhook("erp_budget", "/erp",
                "synchronous true\ntransaction 'inside'\ntimeout '4s'"));
    }

    @Test
    void aSuccessIsSentBeforeTheHostCommitsAndTheCommitGoesThrough() throws Exception {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        try (Connection host = fixture.connect(); var tx = engine.begin(host)) {
            EngineFixture.insertProject(host, "p-1");
            Published published = tx.publish(EngineFixture.projectUpdated("p-1"));

            assertEquals(1, received().size(), "sent from publish, in the caller's thread");
            assertFalse(fixture.projectCommitted("p-1"), "the host had not committed when it was sent");
            assertEquals(Fired.Status.SUCCEEDED, published.fired().get(0).status());
            tx.commit();
        }
        assertTrue(fixture.projectCommitted("p-1"));
        LoggedRequest got = received().get(0);
        assertEquals("Bearer t0ken-value", got.getHeader("Authorization"));
        assertEquals(got.getHeader("webhook-id"), fixture.runs().get(0).messageId());
        assertEquals(List.of(Outcome.SUCCEEDED), fixture.outcomes());
        assertEquals("sync-inside", fixture.runs().get(0).mode());
    }

    @Test
    void aFailureVetoesTheCommitNamingTheWebhookAndTheResponse() throws Exception {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(500).withBody("budget frozen")));
        WebhookVetoedException veto;
        try (Connection host = fixture.connect(); var tx = engine.begin(host)) {
            EngineFixture.insertProject(host, "p-1");
            Published published = tx.publish(EngineFixture.projectUpdated("p-1"));
            assertEquals(Fired.Status.VETOED, published.fired().get(0).status());
            assertTrue(tx.vetoed());
            veto = assertThrows(WebhookVetoedException.class, tx::commit);
        }
        assertEquals("erp_budget", veto.webhook());
        assertTrue(veto.getMessage().contains("erp_budget") && veto.getMessage().contains("HTTP 500: budget frozen"),
                veto.getMessage());
        assertFalse(fixture.projectCommitted("p-1"), "the host's transaction was rolled back");
        Run run = fixture.runs().get(0);
        assertEquals(Outcome.VETOED, run.outcome(), "the run stays logged after the rollback");
        assertEquals(veto.runId(), run.id());
        assertEquals(500, run.response().status());
    }

    @Test
    void aTimeoutOrARefusedTargetVetoesToo() throws Exception {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200).withFixedDelay(6_000)));
        try (Connection host = fixture.connect(); var tx = engine.begin(host)) {
            EngineFixture.insertProject(host, "p-1");
            tx.publish(EngineFixture.projectUpdated("p-1"));
            WebhookVetoedException veto = assertThrows(WebhookVetoedException.class, tx::commit);
            assertTrue(veto.reason().contains("no response within the timeout of 4000 ms"), veto.reason());
        }
        assertFalse(fixture.projectCommitted("p-1"));
        assertEquals(List.of(Outcome.VETOED), fixture.outcomes());
    }

    @Test
    void whenTheHostRollsBackAfterASuccessTheRequestWasSentAndStaysLogged() throws Exception {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        try (Connection host = fixture.connect(); var tx = engine.begin(host)) {
            EngineFixture.insertProject(host, "p-1");
            tx.publish(EngineFixture.projectUpdated("p-1"));
            tx.rollback();
        }
        assertFalse(fixture.projectCommitted("p-1"));
        assertEquals(1, received().size());
        assertEquals(List.of(Outcome.SUCCEEDED), fixture.outcomes());
    }

    @Test
    void aVetoedTransactionRefusesFurtherEvents() throws Exception {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(503)));
        try (Connection host = fixture.connect(); var tx = engine.begin(host)) {
            tx.publish(EngineFixture.projectUpdated("p-1"));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> tx.publish(EngineFixture.projectUpdated("p-2")));
            assertTrue(e.getMessage().contains("rollback-only"), e.getMessage());
        }
        assertEquals(1, received().size());
    }

    @Test
    void publishingWithoutATransactionThrowsTheVeto() {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(422).withBody("bad budget")));
        WebhookVetoedException veto = assertThrows(WebhookVetoedException.class,
                () -> engine.publish(EngineFixture.projectUpdated("p-1")));
        assertTrue(veto.reason().startsWith("HTTP 422"), veto.reason());
        assertEquals(List.of(Outcome.VETOED), fixture.outcomes());
    }
}
