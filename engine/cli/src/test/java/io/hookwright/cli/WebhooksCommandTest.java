package io.hookwright.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hookwright webhooks}: every defined webhook with its mode, events and health, and states left by old ones. */
class WebhooksCommandTest {
    private static final Instant DEACTIVATED = Instant.parse("2026-11-20T08:30:00Z");

    @TempDir
    Path root;
    private CliFixture fixture;

    @BeforeEach
    void write() {
        fixture = new CliFixture(root, 9).definitions(
                CliFixture.webhook("erp_sync", "/erp", "synchronous true; transaction 'inside'") + """
                webhook('chat_tasks') {
                    on 'Task:Created', 'Task:Updated'
                    request { post 'RECEIVER/chat' }
                }
                webhook('paused') {
                    active false
                    on '*:Deleted'
                    request { post 'RECEIVER/paused' }
                }
                """);
        var states = fixture.states();
        states.failed("erp_sync", DEACTIVATED, "HTTP 500 from localhost", 20);
        states.failed("erp_sync", DEACTIVATED, "HTTP 502 from localhost", 20);
        states.deactivate("chat_tasks", DEACTIVATED, "20 consecutive failures; the last: HTTP 500 from chat.example.com");
        states.deactivate("retired_hook", DEACTIVATED, "target moved");
    }

    private static JsonNode listed(JsonNode all, String code) {
        for (JsonNode webhook : all) {
            if (webhook.get("code").textValue().equals(code)) {
                return webhook;
            }
        }
        throw new AssertionError("no " + code + " in " + all.toPrettyString());
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.textValue()));
        return texts;
    }

    @Test
    void theTableListsEveryDefinedWebhookThenStatesOfWebhooksNoLongerDefined() {
        Cli.Run run = fixture.withDefinitions("webhooks").exits(0);
        List<String> lines = run.out().lines().toList();

        assertEquals(List.of("CODE", "MODE", "EVENTS", "ACTIVE", "FAILURES"), List.of(lines.get(0).split("\\s+")));
        assertTrue(lines.get(1).matches("erp_sync +sync-inside +Project:Updated +yes +2"), lines.get(1));
        assertTrue(lines.get(2).matches("chat_tasks +async-after-commit +Task:Created, Task:Updated +no: deactivated +0"),
                lines.get(2));
        assertTrue(lines.get(3).matches("paused +async-after-commit +\\*:Deleted +no: definition says active false +0"),
                lines.get(3));
        assertTrue(lines.get(4).matches("retired_hook +- +\\(no longer defined\\) +no: deactivated +0"), lines.get(4));
        assertTrue(run.out().contains("chat_tasks deactivated 2026-11-20 08:30:00 UTC: 20 consecutive failures; the last: "
                + "HTTP 500 from chat.example.com"), run.out());
        assertTrue(run.out().contains("retired_hook deactivated 2026-11-20 08:30:00 UTC: target moved"), run.out());
        assertEquals("", run.err());
    }

    @Test
    void jsonGivesEachWebhooksDefinitionAndStateFieldByField() {
        JsonNode all = fixture.withDefinitions("webhooks", "--json").exits(0).json();
        assertEquals(4, all.size());

        JsonNode erp = listed(all, "erp_sync");
        assertTrue(erp.get("defined").booleanValue());
        assertEquals("sync-inside", erp.get("mode").textValue());
        assertEquals(List.of("Project:Updated"), texts(erp.get("events")));
        assertTrue(erp.get("active").booleanValue());
        assertTrue(erp.get("definitionActive").booleanValue());
        assertEquals(false, erp.get("deactivated").booleanValue());
        assertEquals(2, erp.get("consecutiveFailures").intValue());
        assertEquals("HTTP 502 from localhost", erp.get("lastFailure").textValue());
        assertTrue(erp.get("deactivatedAt").isNull());
        assertTrue(erp.get("deactivationReason").isNull());

        JsonNode chat = listed(all, "chat_tasks");
        assertEquals(List.of("Task:Created", "Task:Updated"), texts(chat.get("events")));
        assertEquals(false, chat.get("active").booleanValue());
        assertTrue(chat.get("definitionActive").booleanValue());
        assertTrue(chat.get("deactivated").booleanValue());
        assertEquals(DEACTIVATED, Instant.parse(chat.get("deactivatedAt").textValue()));
        assertEquals("20 consecutive failures; the last: HTTP 500 from chat.example.com",
                chat.get("deactivationReason").textValue());

        JsonNode paused = listed(all, "paused");
        assertEquals(false, paused.get("active").booleanValue());
        assertEquals(false, paused.get("definitionActive").booleanValue());
        assertEquals(false, paused.get("deactivated").booleanValue());
        assertEquals(0, paused.get("consecutiveFailures").intValue());

        JsonNode retired = listed(all, "retired_hook");
        assertEquals(false, retired.get("defined").booleanValue());
        assertTrue(retired.get("mode").isNull());
        assertEquals(0, retired.get("events").size());
        assertTrue(retired.get("definitionActive").isNull());
        assertEquals(false, retired.get("active").booleanValue());
        assertEquals("target moved", retired.get("deactivationReason").textValue());
    }

    @Test
    void aMissingDefinitionsFolderIsAUsageError() {
        Path missing = root.resolve("nowhere");
        Cli.Run run = fixture.onStore("webhooks", "--definitions", missing).exits(2);
        assertEquals("hookwright webhooks: no definitions folder at " + missing + " (use --definitions DIR)"
                + System.lineSeparator(), run.err());
    }

    @Test
    void aMissingDatabaseIsAUsageError() {
        Path missing = root.resolve("other.db");
        Cli.Run run = fixture.run("webhooks", "--definitions", fixture.definitions, "--db", missing).exits(2);
        assertTrue(run.err().contains("no database at " + missing), run.err());
    }
}
