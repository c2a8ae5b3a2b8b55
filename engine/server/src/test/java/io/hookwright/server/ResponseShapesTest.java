package io.hookwright.server;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.execution.EngineFixture;
import io.hookwright.server.auth.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The field names and their order in the answers clients parse: a webhook, the health, a reload, a dry-run; nulls are
 * written where the field is always present, and the optional fields are left out when empty.
 */
class ResponseShapesTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;
    private ServerFixture server;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(dir.resolve("workspace"));
        Files.writeString(dir.resolve("workspace/acme.json"), """
                {"entities": [{"type": "Project", "id": "p-1", "key": "DEMO", "tenant": "acme",
                               "attributes": {"Status": "On track"}}]}""");
        server = new ServerFixture(dir, receiver.getPort(), EngineFixture.webhook("erp", "/erp", "synchronous false"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aWebhookHasEveryFieldInOrderWithNullsWritten() {
        Map<String, Object> webhook = ServerFixture.json(server.get("/webhooks/erp", Scope.WEBHOOKS_READ));
        assertEquals(List.of("code", "label", "description", "owner", "events", "mode", "method", "url", "file",
                "created", "status", "consecutiveFailures", "lastFailure", "deactivatedAt", "deactivationReason",
                "defined"), names(webhook));
        assertNull(webhook.get("deactivatedAt"));
        assertEquals(List.of("Project:Updated"), webhook.get("events"));
        assertEquals(0, webhook.get("consecutiveFailures"));
        assertEquals(true, webhook.get("defined"));
    }

    @Test
    void theHealthNamesEachCheckInOrder() {
        Map<String, Object> health = ServerFixture.json(server.send("GET", "/health", null, null));
        assertEquals(List.of("status", "revision", "webhooks", "outboxDepth", "checks"), names(health));
        assertEquals(List.of("engine", "definitions", "store"), names(health.get("checks")));
    }

    @Test
    void aReloadSaysTheRevisionAndTheCounts() {
        HttpResponse<String> reload = server.post("/admin/reload", Scope.ADMIN, null);
        assertEquals(200, reload.statusCode(), reload.body());
        Map<String, Object> body = ServerFixture.json(reload);
        assertEquals(List.of("revision", "webhooks", "files", "compiledFiles"), names(body));
        assertEquals(1, body.get("webhooks"));
        assertEquals(1, body.get("files"));
    }

    @Test
    void aDryRunLeavesOutTheErrorAndTheMissingSecretsWhenThereAreNone() {
        HttpResponse<String> answer = server.post("/dry-run", Scope.WEBHOOKS_READ,
                "{\"project\": \"DEMO\", \"event\": \"Project:Updated\", \"set\": {\"Status\": \"Done\"}}");
        assertEquals(200, answer.statusCode(), answer.body());
        Map<String, Object> body = ServerFixture.json(answer);
        assertEquals(List.of("event", "webhooks"), names(body));
        Object webhook = ((List<?>) body.get("webhooks")).get(0);
        assertEquals(List.of("code", "label", "mode", "matched", "reasons", "request"), names(webhook));
        assertEquals(List.of("method", "url", "headers", "body"), names(((Map<?, ?>) webhook).get("request")));
    }

    private static List<Object> names(Object object) {
        return new ArrayList<>(((Map<?, ?>) object).keySet());
    }
}
