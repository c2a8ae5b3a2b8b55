package io.hookwright.execution;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import io.hookwright.state.WebhookState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A webhook that keeps failing is deactivated with the reason recorded: after the configured number of failures in
 * a row (here 3), or at once when its target answers 410 Gone. While deactivated its events are logged as skipped
 * and nothing is sent; an operator activates it again. The state lives in the database, not in the engine.
 */
class AutoDeactivationTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String SYNC = "synchronous true\ntransaction 'after-commit'";
    private static final String ASYNC = "synchronous false\ntransaction 'after-commit'";

    @TempDir
    Path dir;
    private EngineFixture fixture;
    private Engine engine;
    private int published;

    private void start(String execution) {
        fixture = new EngineFixture(dir, receiver.getPort(), EngineFixture.webhook("erp_sync", "/erp", execution));
        engine = fixture.engine(b -> b.deactivateAfter(3));
    }

    @AfterEach
    void stop() {
        if (engine != null) {
            engine.close();
        }
        fixture.close();
    }

    private void answer(int status) {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(status)));
    }

    /** Publishes the next event; async attempts are made and logged before this returns. */
    private Published publish() {
        Published result = engine.publish(EngineFixture.projectUpdated("p-" + ++published));
        try {
            assertTrue(ManualEngine.awaitIdle(engine, Duration.ofSeconds(30)), "the engine did not settle within 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return result;
    }

    private WebhookState state() {
        return engine.states().getOrDefault("erp_sync", WebhookState.fresh("erp_sync"));
    }

    private int received() {
        return receiver.findAll(anyRequestedFor(anyUrl())).size();
    }

    private Engine restart() {
        engine.close();
        engine = fixture.builder().deactivateAfter(3).build().start();
        return engine;
    }

    @Test
    void threeFailuresInARowDeactivateTheWebhookNamingTheCountAndTheLastFailure() {
        start(SYNC);
        answer(500);
        publish();
        publish();
        assertTrue(state().active());
        assertEquals(2, state().consecutiveFailures());

        fixture.clock.advance(Duration.ofMinutes(1));
        publish();
        WebhookState off = state();
        assertFalse(off.active());
        assertEquals("3 consecutive failures; the last: HTTP 500 from localhost", off.deactivationReason());
        assertEquals(fixture.clock.instant(), off.deactivatedAt());
    }

    @Test
    void aSuccessInBetweenStartsTheCountAgain() {
        start(SYNC);
        answer(500);
        publish();
        publish();
        answer(200);
        publish();
        assertEquals(0, state().consecutiveFailures());
        answer(500);
        publish();
        publish();
        assertTrue(state().active(), "two failures since the success");
        publish();
        assertFalse(state().active());
    }

    @Test
    void eventsForADeactivatedWebhookAreLoggedAsSkippedAndNotSent() {
        start(SYNC);
        answer(500);
        publish();
        publish();
        publish();
        answer(200);

        Fired fired = publish().fired().get(0);
        assertEquals(Fired.Status.SKIPPED, fired.status());
        Run skipped = engine.run(fired.runId()).orElseThrow();
        assertEquals(Outcome.SKIPPED, skipped.outcome());
        assertEquals("not sent: webhook erp_sync is deactivated (3 consecutive failures; the last: HTTP 500 from "
                + "localhost)", skipped.error());
        assertEquals(3, received());
    }

    @Test
    void asyncFailuresCountTooAndMessagesAlreadyQueuedAreSkippedWhenTheirRetryComes() {
        start(ASYNC);
        answer(500);
        publish();
        publish();
        publish();
        assertEquals(List.of(Outcome.PENDING_RETRY, Outcome.PENDING_RETRY, Outcome.PENDING_RETRY), fixture.outcomes());
        assertFalse(state().active());
        assertEquals(3, engine.queuedMessages(), "their retries are still queued");

        answer(200);
        fixture.clock.advance(Duration.ofMinutes(1));
        fixture.awaitIdle();
        assertEquals(List.of(Outcome.SKIPPED, Outcome.SKIPPED, Outcome.SKIPPED), fixture.outcomes().subList(3, 6));
        assertEquals(0, engine.queuedMessages(), "a skipped message leaves the outbox");

        assertEquals(Fired.Status.SKIPPED, publish().fired().get(0).status(), "a new event is not even queued");
        assertEquals(0, engine.queuedMessages());
        assertEquals(3, received());
    }

    @Test
    void activatingTheWebhookSendsItsEventsAgain() {
        start(SYNC);
        answer(500);
        publish();
        publish();
        publish();
        answer(200);

        WebhookState on = engine.activate("erp_sync");
        assertTrue(on.active());
        assertEquals(0, on.consecutiveFailures());
        assertEquals(Fired.Status.SUCCEEDED, publish().fired().get(0).status());
        assertEquals(4, received());
    }

    @Test
    void theCountAndTheDeactivationSurviveANewEngineOnTheSameDatabase() {
        start(SYNC);
        answer(500);
        publish();
        publish();
        restart();
        assertEquals(2, state().consecutiveFailures());
        publish();
        assertFalse(state().active(), "the failures before the restart counted");

        restart();
        assertFalse(state().active());
        assertTrue(state().deactivationReason().startsWith("3 consecutive failures"), state().deactivationReason());
        assertEquals(Fired.Status.SKIPPED, publish().fired().get(0).status());
        assertEquals(3, received());
    }

    @Test
    void goneDeactivatesAtOnceSayingSo() {
        start(ASYNC);
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(410)));
        publish();
        assertEquals(List.of(Outcome.GAVE_UP), fixture.outcomes());

        WebhookState off = state();
        assertFalse(off.active());
        assertTrue(off.deactivationReason().startsWith("the target answered 410 Gone from localhost on message "),
                off.deactivationReason());
        assertEquals(Fired.Status.SKIPPED, publish().fired().get(0).status());
        assertEquals(1, received());
    }
}
