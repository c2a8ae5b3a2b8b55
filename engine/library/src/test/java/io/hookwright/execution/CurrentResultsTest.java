package io.hookwright.execution;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.runlog.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@link Engine#current}: what a publish answered, as it stands now: each webhook by its message's latest run (a
 * retry, a redelivery), one rolled back with its transaction staying so.
 */
class CurrentResultsTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;
    private EngineFixture fixture;

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static List<Fired.Status> statuses(List<Published> results) {
        return results.stream().flatMap(p -> p.fired().stream()).map(Fired::status).toList();
    }

    @Test
    void aQueuedMessageShowsEachAttemptAsItIsLogged() {
        fixture = new EngineFixture(dir, receiver.getPort(),
                EngineFixture.webhook("erp", "/erp", "synchronous false\nretry '5s'"));
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(503).withBody("down")));
        try (ManualEngine manual = fixture.manual()) {
            List<Published> published = List.of(manual.engine().publish(EngineFixture.projectUpdated("p-1")));
            assertEquals(List.of(Fired.Status.QUEUED), statuses(manual.engine().current(published)));

            Run failed = manual.runDue().get(0);
            Fired now = manual.engine().current(published).get(0).fired().get(0);
            assertEquals(Fired.Status.PENDING_RETRY, now.status());
            assertEquals(failed.id(), now.runId());
            assertEquals("HTTP 503: down", now.detail());
            assertEquals(List.of(Fired.Status.QUEUED), statuses(published), "the answer itself is not changed");

            receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
            fixture.clock.advance(Duration.ofSeconds(6));
            Run delivered = manual.runDue().get(0);
            now = manual.engine().current(published).get(0).fired().get(0);
            assertEquals(Fired.Status.SUCCEEDED, now.status());
            assertEquals(delivered.id(), now.runId());
            assertNull(now.detail());
        }
    }

    @Test
    void whatARollbackDiscardedStaysRolledBack() {
        fixture = new EngineFixture(dir, receiver.getPort(),
                EngineFixture.webhook("erp", "/erp", "synchronous false\ntransaction 'inside'"));
        try (ManualEngine manual = fixture.manual()) {
            List<Published> results;
            try (var tx = manual.engine().begin()) {
                tx.publish(EngineFixture.projectUpdated("p-1"));
                tx.rollback();
                results = tx.results();
            }
            receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
            // The host tries its transaction again, with the same event: the message id is the same, and it is sent.
            manual.engine().publish(EngineFixture.projectUpdated("p-1"));
            assertEquals(1, manual.runDue().size());
            assertEquals(List.of(Fired.Status.ROLLED_BACK), statuses(manual.engine().current(results)),
                    "what was rolled back was never sent, whatever was sent later under its message id");
        }
    }
}
