package io.hookwright.server;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.execution.EngineFixture;
import io.hookwright.ingest.JooqReceivedEvents;
import io.hookwright.ingest.ReceivedEvents;
import io.hookwright.server.auth.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An event id claimed by an HTTP transaction on a node that then crashed is held by nothing: once no transaction
 * could still be open (its time to live and a margin for slow sync webhooks), it is freed, and a retry of the event
 * is published instead of refused for the seven days ids are remembered.
 */
class AbandonedClaimsTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String CALLER = Scope.EVENTS_WRITE.word();
    private static final String EVENT = """
            {"id": "evt-1", "type": "Project:Updated", "tenant": "acme",
             "entity": {"type": "Project", "id": "p-1", "key": "DEMO", "attributes": {"Status": "Done"}},
             "before": {"Status": "On track"}}""";

    @TempDir
    Path dir;
    private ServerFixture server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anIdClaimedByATransactionWhoseNodeIsGoneIsFreedAndARetryIsPublished() {
        server = new ServerFixture(dir, receiver.getPort(), EngineFixture.webhook("erp", "/erp",
                "synchronous true\ntransaction 'after-commit'"));
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        ReceivedEvents received = new JooqReceivedEvents(server.engineFixture.database);
        // What a node killed with a transaction open leaves: the id claimed, never answered nor released.
        received.claim(CALLER, List.of(new ReceivedEvents.Claim("evt-1", "digest-of-the-crashed-post", null)),
                server.engineFixture.clock.instant());
        Duration longestHold = Duration.ofSeconds(60).plus(Serving.ABANDONED_AFTER);
        server.engineFixture.clock.advance(longestHold.plusSeconds(1));
        received.claim(CALLER, List.of(new ReceivedEvents.Claim("evt-2", "d", null)), server.engineFixture.clock.instant());

        assertEquals(1, server.serving.ingest().releaseAbandoned(longestHold), "only the claim older than any hold");
        assertTrue(received.digests(CALLER, List.of("evt-2")).containsKey("evt-2"), "a claim of a live request stays");

        HttpResponse<String> retry = server.post("/events", Scope.EVENTS_WRITE, EVENT);
        assertEquals(202, retry.statusCode(), retry.body());
        assertTrue(retry.headers().firstValue("Idempotent-Replayed").isEmpty(), "published, not replayed");
        assertEquals(1, receiver.findAll(anyRequestedFor(anyUrl())).size());
    }
}
