package io.hookwright.execution;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Run bodies are kept for the retention period (here 30 days): after it, a purge drops the request and response
 * bodies of older runs and keeps the runs themselves; such a run can no longer be sent again.
 */
class RetentionTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;
    private EngineFixture fixture;
    private Engine engine;
    private Run old;
    private Run recent;

    @BeforeEach
    void twoRunsAMonthApart() {
        fixture = new EngineFixture(dir, receiver.getPort(),
                EngineFixture.webhook("erp_sync", "/erp", "synchronous true\ntransaction 'after-commit'"));
        engine = fixture.engine(b -> b.retention(Duration.ofDays(30)));
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200).withBody("accepted")));
        old = send("p-old");
        fixture.clock.advance(Duration.ofDays(2));
        recent = send("p-recent");
        fixture.clock.set(EngineFixture.T0.plus(Duration.ofDays(31)));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private Run send(String project) {
        String runId = engine.publish(EngineFixture.projectUpdated(project)).fired().get(0).runId();
        return engine.run(runId).orElseThrow();
    }

    private Run reread(Run run) {
        return engine.run(run.id()).orElseThrow();
    }

    @Test
    void aPurgeDropsTheBodiesOfRunsOlderThanTheRetentionPeriodAndKeepsTheRuns() {
        assertEquals(1, engine.purgeOldBodies(), "one run is more than 30 days old");

        Run purged = reread(old);
        assertNull(purged.request().body());
        assertNull(purged.response().body());
        assertEquals(Outcome.SUCCEEDED, purged.outcome());
        assertEquals(200, purged.response().status());
        assertEquals(old.request().url(), purged.request().url());
        assertEquals(old.messageId(), purged.messageId());
        assertEquals(0, engine.purgeOldBodies(), "a purged run is not purged again");
    }

    @Test
    void runsWithinTheRetentionPeriodAreUntouched() {
        engine.purgeOldBodies();
        Run kept = reread(recent);
        assertEquals(recent.request(), kept.request());
        assertTrue(kept.request().body().contains("KEY-p-recent"), kept.request().body());
        assertEquals("accepted", kept.response().body());
    }

    @Test
    void aRunWhoseBodiesWerePurgedCannotBeSentAgain() {
        engine.purgeOldBodies();
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> engine.redeliver(old.id()));
        assertEquals("run " + old.id() + " is older than the retention period: its body was purged, so it cannot "
                + "be sent again", refused.getMessage());
        assertEquals(2, receiver.findAll(postRequestedFor(urlEqualTo("/erp"))).size(), "nothing was sent");

        Run again = engine.redeliver(recent.id());
        assertEquals(Outcome.SUCCEEDED, again.outcome(), "a recent run is sent again as ever");
    }
}
