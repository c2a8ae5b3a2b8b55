package io.hookwright.server;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.delivery.TargetPolicy;
import io.hookwright.event.EventJson;
import io.hookwright.execution.EngineFixture;
import io.hookwright.server.auth.Scope;
import io.hookwright.state.WebhookState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs of {@code serve --capture} are marked {@code captured} in {@code GET /runs} and {@code GET /runs/{id}}: their
 * URL is the target's and their 204 the capturing receiver's, so nothing in them says the target got anything. What
 * the receiver answers says nothing of the target either: it leaves the webhook's health as it was.
 */
class CapturedRunsEndpointTest {
    @RegisterExtension
    static WireMockExtension target = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String EVENT = """
            {"id": "evt-1", "type": "Project:Updated",
             "entity": {"type": "Project", "id": "p-1", "key": "DEMO", "attributes": {"Status": "Done"}}}""";

    @TempDir
    Path dir;
    private ServerFixture server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(String execution, CaptureReceiver capture, int deactivateAfter) {
        server = new ServerFixture(dir, target.getPort(), EngineFixture.webhook("erp", "/erp", execution), 1024 * 1024,
                EngineFixture.SECRETS, builder -> builder.capture(capture.uri()).deactivateAfter(deactivateAfter)
                        .targetPolicy(new TargetPolicy(List.of(TargetPolicy.Allowed.parse("127.0.0.1:" + capture.port()),
                                TargetPolicy.Allowed.parse("localhost:" + target.getPort())), false)));
    }

    private static CaptureReceiver receiver() throws IOException {
        return new CaptureReceiver(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(HttpResponse<String> response) {
        try {
            return EventJson.MAPPER.readValue(response.body(), List.class);
        } catch (IOException e) {
            throw new AssertionError(response.body(), e);
        }
    }

    @Test
    void capturedRunsAreMarkedInTheRunsAnswers() throws Exception {
        target.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        try (CaptureReceiver capture = receiver()) {
            start("synchronous false", capture, 20);
            HttpResponse<String> posted = server.post("/events", Scope.EVENTS_WRITE, EVENT);
            assertEquals(202, posted.statusCode());
            assertEquals(true, ServerFixture.json(posted).get("captured"), "the answer says it goes to the receiver: "
                    + posted.body());
            server.engineFixture.awaitIdle();

            List<Map<String, Object>> runs = list(server.get("/runs", Scope.RUNS_READ));
            assertEquals(1, runs.size(), runs.toString());
            Map<String, Object> run = runs.get(0);
            assertEquals(true, run.get("captured"));
            assertEquals("succeeded", run.get("outcome"));
            assertEquals("http://localhost:" + target.getPort() + "/erp", ((Map<?, ?>) run.get("request")).get("url"));
            assertEquals(true, ServerFixture.json(server.get("/runs/" + run.get("id"), Scope.RUNS_READ)).get("captured"));
            assertEquals(1, capture.received());
            assertEquals(0, target.findAll(anyRequestedFor(anyUrl())).size(), "nothing reached the target");
        }
    }

    @Test
    void capturedFailuresLeaveTheWebhooksHealthAlone() throws Exception {
        CaptureReceiver capture = receiver();
        start("synchronous true\ntransaction 'after-commit'", capture, 1);
        capture.close();  // the capturing receiver is gone: its attempts fail, the target's health is not theirs

        HttpResponse<String> posted = server.post("/events", Scope.EVENTS_WRITE, EVENT);
        assertEquals(202, posted.statusCode(), posted.body());
        Map<String, Object> run = list(server.get("/runs", Scope.RUNS_READ)).get(0);
        assertEquals("failed", run.get("outcome"));
        assertEquals(true, run.get("captured"));
        WebhookState state = server.engine.states().get("erp");
        assertTrue(state == null || (state.active() && state.consecutiveFailures() == 0), String.valueOf(state));
    }
}
