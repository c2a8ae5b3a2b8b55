package io.hookwright.server;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.execution.EngineFixture;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import io.hookwright.server.auth.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An ordered webhook over REST: the run of a message held behind a blocked head says behind which message, and
 * {@code POST /runs/{id}/skip} lets the key go on.
 */
class OrderedRunsEndpointTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;
    private ServerFixture server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String event(String id, String status) {
        return """
                {"id": "%s", "type": "Project:Updated",
                 "entity": {"type": "Project", "id": "p-1", "key": "DEMO", "attributes": {"Status": "%s"}}}"""
                .formatted(id, status);
    }

    private Run latest(String messageId) {
        return server.engine.attempts(messageId).stream().reduce((a, b) -> b).orElse(null);
    }

    @Test
    void aHeldRunNamesItsHeadAndSkippingTheHeadLetsTheKeyGoOn() {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(500)));
        server = new ServerFixture(dir, receiver.getPort(), EngineFixture.webhook("erp", "/erp",
                "synchronous false\nretry false\norderedBy '${entity.id}', onFailure: 'block'"));
        assertEquals(202, server.post("/events", Scope.EVENTS_WRITE, "[" + event("evt-1", "Done") + ", "
                + event("evt-2", "Closed") + "]").statusCode());
        server.engineFixture.awaitIdle();

        Run givenUp = server.engineFixture.runs().stream().filter(r -> r.outcome() == Outcome.GAVE_UP).findFirst()
                .orElseThrow();
        Run held = server.engineFixture.runs().stream().filter(r -> r.outcome() == Outcome.HELD).findFirst()
                .orElseThrow();
        Map<String, Object> answer = ServerFixture.json(server.get("/runs/" + held.id(), Scope.RUNS_READ));
        assertEquals("held", answer.get("outcome"));
        assertTrue(String.valueOf(answer.get("error")).contains("held behind message " + givenUp.messageId()),
                answer.toString());

        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        HttpResponse<String> skipped = server.post("/runs/" + givenUp.id() + "/skip", Scope.RUNS_REDELIVER, null);
        assertEquals(201, skipped.statusCode(), skipped.body());
        assertEquals("skipped", ServerFixture.json(skipped).get("outcome"));
        server.engineFixture.awaitIdle();
        assertEquals(Outcome.SUCCEEDED, latest(held.messageId()).outcome(), "the key went on");

        HttpResponse<String> again = server.post("/runs/" + givenUp.id() + "/skip", Scope.RUNS_REDELIVER, null);
        assertEquals(409, again.statusCode(), again.body());
        assertTrue(again.body().contains("does not hold up its key"), again.body());
    }
}
