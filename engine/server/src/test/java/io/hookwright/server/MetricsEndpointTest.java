package io.hookwright.server;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.execution.EngineFixture;
import io.hookwright.server.auth.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /metrics}: what Prometheus scrapes, counting what the engine did. */
class MetricsEndpointTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;

    @Test
    void countsEventsMatchesAndDeliveriesByWebhookAndOutcomeAndShowsTheOutbox() {
        receiver.stubFor(post(urlEqualTo("/ok")).willReturn(aResponse().withStatus(200)));
        receiver.stubFor(post(urlEqualTo("/down")).willReturn(aResponse().withStatus(503)));
        try (ServerFixture server = new ServerFixture(dir, receiver.getPort(),
                EngineFixture.webhook("ok", "/ok", "synchronous true\ntransaction 'after-commit'")
                        + EngineFixture.webhook("down", "/down", "synchronous false"))) {
            for (int i = 1; i <= 2; i++) {
                server.post("/events", Scope.EVENTS_WRITE, """
                        {"id": "evt-%d", "type": "Project:Updated",
                         "entity": {"type": "Project", "id": "p-1", "key": "DEMO", "attributes": {}}}""".formatted(i));
            }
            server.engineFixture.awaitIdle();
            HttpResponse<String> scraped = server.get("/metrics", Scope.RUNS_READ);

            assertEquals(200, scraped.statusCode());
            String text = scraped.body();
            assertTrue(text.contains("hookwright_events_received_total 2.0"), text);
            assertTrue(text.contains("hookwright_webhooks_matched_total 4.0"), text);
            assertTrue(text.contains("hookwright_deliveries_total{mode=\"sync-after-commit\",outcome=\"succeeded\","
                    + "webhook=\"ok\"} 2.0"), text);
            assertTrue(text.contains("hookwright_deliveries_total{mode=\"async-after-commit\",outcome=\"pending-retry\","
                    + "webhook=\"down\"} 2.0"), text);
            assertTrue(text.contains("hookwright_outbox_depth 2.0"), "both failed messages wait for their retry:\n" + text);
            assertTrue(text.contains("hookwright_delivery_duration_seconds_bucket{mode=\"async-after-commit\",webhook=\"down\""), text);
            assertEquals(401, server.send("GET", "/metrics", null, null).statusCode());
        }
    }
}
