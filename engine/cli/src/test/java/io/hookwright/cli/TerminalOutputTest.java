package io.hookwright.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.event.EventJson;
import io.hookwright.render.RenderedRequest;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Response;
import io.hookwright.runlog.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Event and run data printed by the CLI cannot act on the terminal: no escape sequence, carriage return, bell,
 * backspace, C1 control or bidirectional override reaches it raw, in text output or in {@code --json}, and data
 * cannot start a line of its own. JSON reads back as the same text.
 */
class TerminalOutputTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** Each a way to act on a terminal: clear it, set its title, overwrite a line, erase, recolour, reorder, fake a line. */
    private static final List<String> HOSTILE = List.of("\u001b[2J\u001b[H", "\u001b]0;owned\u0007", "ok\rFAKE",
            "abc\b\b\bxyz", "\u009b31m", "\u202eevil\u202c", "\u2066iso\u2069", "\u0085next", "\u007f", "x\u2028y",
            "\nMATCH     forged");
    private static final String ALL = String.join("|", HOSTILE);

    @TempDir
    Path root;

    /** Characters a terminal acts on; only the line feed ending each line may be there. */
    private static void assertTerminalSafe(String output) {
        for (int i = 0; i < output.length(); i++) {
            char c = output.charAt(i);
            boolean acted = c < 0x20 && c != '\n' || c >= 0x7F && c <= 0x9F || c >= 0x202A && c <= 0x202E
                    || c >= 0x2066 && c <= 0x2069 || c == 0x2028 || c == 0x2029 || c == 0x200E || c == 0x200F;
            int at = i;
            assertFalse(acted, () -> String.format("U+%04X at %d in:%n%s", (int) c, at, output));
        }
        assertFalse(output.contains("\nMATCH     forged"), "data started a line of its own:\n" + output);
    }

    private CliFixture dryRunFixture() {
        return dryRunFixture("acme");
    }

    private CliFixture dryRunFixture(String tenant) {
        CliFixture fixture = new CliFixture(root, receiver.getPort()).definitions("""
                webhook('named_x') {
                    on 'Project:Updated'
                    filter { field('Name').matches '^X' }
                    request { post 'https://example.com/x' }
                }
                webhook('status_sync') {
                    on 'Project:Updated'
                    filter { changed 'Status' }
                    request {
                        post 'https://example.com/p'
                        header 'Content-Type', 'application/json'
                        body '''{"name": ${json(entity.attributes.Name)},
                "status": ${json(entity.attributes.Status)}}'''
                    }
                }
                """);
        Cli.write(fixture.workspace, EventJson.write(Map.of("entities", List.of(Map.of("type", "Project", "id", "p-1",
                "key", "DEMO", "tenant", tenant, "attributes", Map.of("Name", ALL, "Status", "On track"))))));
        return fixture;
    }

    @Test
    void dryRunTextShowsEventDataEscaped() {
        CliFixture fixture = dryRunFixture();
        Cli.Run run = fixture.run("dry-run", "--definitions", fixture.definitions, "--workspace", fixture.workspace,
                "--project", "DEMO", "--event", "Project:Updated", "--set", "Status=" + ALL);
        String out = run.exits(0).out();
        assertTerminalSafe(run.all());
        assertTrue(out.contains("changed Status: 'On track' -> '\\u001b[2J\\u001b[H|\\u001b]0;owned\\u0007|ok\\rFAKE|"), out);
        assertTrue(out.contains("- Name '\\u001b[2J\\u001b[H|"), out);
        assertTrue(out.contains("MATCH     status_sync"), out);
        assertTrue(out.contains("\\u009b31m|\\u202eevil\\u202c|\\u2066iso\\u2069|\\u0085next|\\u007f|x\\u2028y|"), out);
    }

    @Test
    void identifiersHoldingControlsAreRefusedInALineThatShowsNone() {
        CliFixture fixture = dryRunFixture("acme" + HOSTILE.get(5));
        Cli.Run refused = fixture.run("dry-run", "--definitions", fixture.definitions, "--workspace", fixture.workspace,
                "--project", "DEMO", "--event", "Project:Updated");
        assertEquals(2, refused.exit(), refused.all());
        assertTerminalSafe(refused.all());
        assertTrue(refused.err().contains("tenant: holds the bidirectional control U+202E"), refused.err());

        CliFixture plain = dryRunFixture();
        Cli.Run login = plain.run("dry-run", "--definitions", plain.definitions, "--workspace", plain.workspace,
                "--project", "DEMO", "--event", "Project:Updated", "--as", "anna\u0007\u001b[1A");
        assertTerminalSafe(login.all());
        assertTrue(login.exit() != 0 || login.out().contains("anna\\u0007\\u001b[1A"), login.all());
    }

    @Test
    void dryRunJsonCarriesTheSameTextWithEveryControlEscaped() {
        CliFixture fixture = dryRunFixture();
        Cli.Run run = fixture.run("dry-run", "--definitions", fixture.definitions, "--workspace", fixture.workspace,
                "--project", "DEMO", "--event", "Project:Updated", "--set", "Status=" + ALL, "--json").exits(0);
        assertTerminalSafe(run.out().replace("\n", ""));
        JsonNode json = run.json();
        JsonNode attributes = json.get("event").get("entity").get("attributes");
        assertEquals(ALL, attributes.get("Name").textValue(), "the JSON reads back as the event's text");
        assertEquals(ALL, attributes.get("Status").textValue());
        assertTrue(run.out().contains("\\u009B31m") || run.out().contains("\\u009b31m"), run.out());
    }

    @Test
    void theRunsTableShowsErrorsAndFieldsEscaped() {
        CliFixture fixture = new CliFixture(root, receiver.getPort())
                .definitions(CliFixture.webhook("erp_sync", "/erp", "synchronous true"));
        RenderedRequest request = new RenderedRequest("POST", "https://erp.example.com/p", List.of(), "{}");
        Run run = new Run("run_hostile", "erp_sync", "rev", "evt-1", "Project:Updated\u001b[2J", "msg_1",
                "async-after-commit", 1, request, List.of(), new Response(500, Map.of(), "down"), Duration.ofMillis(12),
                Outcome.FAILED, "HTTP 500: " + ALL, Instant.now().truncatedTo(ChronoUnit.MILLIS), "node-a");
        fixture.runLog().record(List.of(run));
        Cli.Run listed = fixture.onStore("runs").exits(0);
        assertTerminalSafe(listed.all());
        // The table puts the error on one line: its line breaks and carriage returns become spaces, the rest is escaped.
        assertTrue(listed.out().contains("HTTP 500: \\u001b[2J\\u001b[H|\\u001b]0;owned\\u0007|ok FAKE|"), listed.out());
        assertEquals(2, listed.out().lines().count(), "one line for the header, one for the run:\n" + listed.out());
        JsonNode json = fixture.onStore("runs", "--json").exits(0).json();
        assertEquals("HTTP 500: " + ALL, json.get(0).get("error").textValue());
    }

    @Test
    void aReceiversAnswerInTestSendRedeliverAndRunsIsShownEscaped() {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(500).withBody("frozen " + ALL)));
        CliFixture fixture = new CliFixture(root, receiver.getPort())
                .definitions(CliFixture.webhook("erp_sync", "/erp", "synchronous true"));
        Cli.Run sent = fixture.sending("test-send", "erp_sync", "--workspace", fixture.workspace, "--project", "DEMO").exits(1);
        assertTerminalSafe(sent.all());
        assertTrue(sent.out().contains("error: HTTP 500: frozen \\u001b[2J\\u001b[H|"), sent.out());
        String runId = fixture.runs().get(0).id();
        Cli.Run again = fixture.sending("redeliver", runId).exits(1);
        assertTerminalSafe(again.all());
        assertTrue(again.out().contains(": HTTP 500: frozen \\u001b[2J\\u001b[H|"), again.out());
        assertTerminalSafe(fixture.onStore("runs").exits(0).all());
    }

    @Test
    void aDeactivationReasonIsShownEscaped() {
        CliFixture fixture = new CliFixture(root, receiver.getPort())
                .definitions(CliFixture.webhook("erp_sync", "/erp", "synchronous true"));
        Cli.Run deactivated = fixture.withDefinitions("deactivate", "erp_sync", "--reason", "paused " + ALL).exits(0);
        assertTerminalSafe(deactivated.all());
        Cli.Run listed = fixture.withDefinitions("webhooks").exits(0);
        assertTerminalSafe(listed.all());
        assertTrue(listed.out().contains("UTC: paused \\u001b[2J\\u001b[H|"), listed.out());
        JsonNode json = fixture.withDefinitions("webhooks", "--json").exits(0).json();
        assertEquals("paused " + ALL, json.get(0).get("deactivationReason").textValue());
    }
}
