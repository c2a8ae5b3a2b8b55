package io.hookwright.execution;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import io.hookwright.testdb.Backend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs are kept for the retention period (here 30 days), on SQLite and PostgreSQL: after it, a message's runs are
 * deleted with their bodies once its latest run is that old, and never while the message is still queued.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class RetentionTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Parameter
    Backend backend;
    @TempDir
    Path dir;
    private EngineFixture fixture;
    private ManualEngine manual;
    private Engine engine;

    @BeforeEach
    void start() {
        fixture = new EngineFixture(backend, dir, receiver.getPort(),
                EngineFixture.webhook("erp_sync", "/erp", "synchronous true\ntransaction 'after-commit'")
                        + EngineFixture.webhook("erp_queue", "/down", "synchronous false\nretry '24h'")
                        .replace("Project:Updated", "Project:Created"));
        manual = fixture.manual(b -> b.retention(Duration.ofDays(30)));
        engine = manual.engine();
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200).withBody("accepted")));
        receiver.stubFor(post(urlEqualTo("/down")).willReturn(aResponse().withStatus(503)));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private Run send(String project) {
        String runId = engine.publish(EngineFixture.projectUpdated(project)).fired().get(0).runId();
        return engine.run(runId).orElseThrow();
    }

    private boolean kept(Run run) {
        return engine.run(run.id()).isPresent();
    }

    @Test
    void runsOlderThanTheRetentionPeriodAreDeletedAndNewerOnesKeptAsTheyWere() {
        Run old = send("p-old");
        fixture.clock.advance(Duration.ofDays(2));
        Run recent = send("p-recent");
        fixture.clock.set(EngineFixture.T0.plus(Duration.ofDays(31)));

        assertEquals(1, engine.deleteOldRuns(), "one run is more than 30 days old");
        assertTrue(engine.run(old.id()).isEmpty());
        assertTrue(engine.attempts(old.messageId()).isEmpty());
        assertEquals(recent, engine.run(recent.id()).orElseThrow(), "with its request and response bodies");
        assertEquals(0, engine.deleteOldRuns(), "nothing more is that old");

        IllegalArgumentException gone = assertThrows(IllegalArgumentException.class, () -> engine.redeliver(old.id()));
        assertEquals("no run " + old.id(), gone.getMessage());
    }

    @Test
    void aMessageKeepsEveryAttemptWhileItsLatestIsWithinTheRetentionPeriod() {
        Run first = send("p-1");
        fixture.clock.advance(Duration.ofDays(20));
        Run again = engine.redeliver(first.id());
        fixture.clock.set(EngineFixture.T0.plus(Duration.ofDays(31)));

        assertEquals(0, engine.deleteOldRuns());
        assertEquals(List.of(first.id(), again.id()), engine.attempts(first.messageId()).stream().map(Run::id).toList());

        fixture.clock.set(EngineFixture.T0.plus(Duration.ofDays(51)));
        assertEquals(2, engine.deleteOldRuns(), "both attempts go together once the latest is 30 days old");
        assertTrue(engine.attempts(first.messageId()).isEmpty());
    }

    @Test
    void aMessageStillQueuedKeepsItsRunsHoweverOld() {
        engine.publish(EngineFixture.projectUpdated("p-q").toBuilder().type("Project:Created").build());
        List<Run> attempt = manual.runDue();
        assertEquals(List.of(Outcome.PENDING_RETRY), attempt.stream().map(Run::outcome).toList());
        fixture.clock.set(EngineFixture.T0.plus(Duration.ofDays(40)));

        assertEquals(0, engine.deleteOldRuns(), "its retry is due but not sent yet: it is still queued");
        assertTrue(kept(attempt.get(0)));
        assertEquals(1, engine.queuedMessages());
    }
}
