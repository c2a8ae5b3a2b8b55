package io.hookwright.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.render.RenderedRequest;
import io.hookwright.render.SecretRefs;
import io.hookwright.runlog.JooqRunLog;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Response;
import io.hookwright.runlog.Run;
import io.hookwright.runlog.RunLog;
import io.hookwright.store.Database;
import io.hookwright.testdb.Backend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hookwright runs}: the run log, newest first, as a table or as JSON, secrets masked. */
class RunsCommandTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path root;
    private CliFixture fixture;
    private int seeded;

    @BeforeEach
    void write() {
        fixture = new CliFixture(root, receiver.getPort())
                .definitions(CliFixture.webhook("erp_sync", "/erp", "synchronous true"));
    }

    /** A run logged {@code ago} before now, with a secret reference in its Authorization header. */
    private Run seed(String webhook, Outcome outcome, Duration ago, Integer status, String error) {
        return seedInto(fixture.runLog(), webhook, outcome, ago, status, error);
    }

    private Run seedInto(RunLog log, String webhook, Outcome outcome, Integer status) {
        return seedInto(log, webhook, outcome, Duration.ofMinutes(1), status, null);
    }

    private Run seedInto(RunLog log, String webhook, Outcome outcome, Duration ago, Integer status, String error) {
        seeded++;
        RenderedRequest request = new RenderedRequest("POST", "https://erp.example.com/p/" + seeded,
                List.of(new RenderedRequest.Header("Authorization", "Bearer " + SecretRefs.ref("ERP_TOKEN"))),
                "{\"n\": " + seeded + "}");
        Response response = status == null ? null : new Response(status, Map.of("Content-Type", "text/plain"), "answer " + seeded);
        Run run = new Run("run_seed" + String.format("%04d", seeded), webhook, "rev", "evt-" + seeded,
                "Project:Updated", "msg_" + seeded, "async-after-commit", 1, request, List.of(), response,
                Duration.ofMillis(10 + seeded), outcome, error, Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(ago), "node-a");
        log.record(List.of(run));
        return run;
    }

    private static List<String> ids(JsonNode runs) {
        List<String> ids = new ArrayList<>();
        runs.forEach(r -> ids.add(r.get("id").textValue()));
        return ids;
    }

    private static List<String> tableIds(String out) {
        return out.lines().skip(1).map(line -> line.substring(0, line.indexOf(' '))).toList();
    }

    @Test
    void theTableShowsEachRunNewestFirstWithItsOutcomeStatusDurationAndError() {
        seed("erp_sync", Outcome.SUCCEEDED, Duration.ofMinutes(3), 200, null);
        seed("erp_sync", Outcome.GAVE_UP, Duration.ofMinutes(1), 503, "HTTP 503: " + "down for maintenance ".repeat(10));
        Cli.Run run = fixture.onStore("runs").exits(0);

        List<String> lines = run.out().lines().toList();
        assertEquals(List.of("ID", "CREATED", "(UTC)", "WEBHOOK", "MODE", "ATTEMPT", "OUTCOME", "STATUS", "DURATION", "ERROR"),
                List.of(lines.get(0).split("\\s+")));
        assertEquals(List.of("run_seed0002", "run_seed0001"), tableIds(run.out()));
        assertTrue(lines.get(1).matches("run_seed0002 +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +erp_sync +async-after-commit +1 +"
                + "gave-up +503 +12 ms +HTTP 503: down for maintenance down .{20,40}…"), lines.get(1));
        assertTrue(lines.get(2).matches("run_seed0001 .* succeeded +200 +11 ms"), lines.get(2));
        assertEquals("", run.err());
    }

    @Test
    void jsonHasTheDocumentedShapeFieldByFieldWithTheRequestMasked() {
        Run failed = seed("erp_sync", Outcome.FAILED, Duration.ofMinutes(2), null, "connection refused");
        Run answered = seed("erp_sync", Outcome.SUCCEEDED, Duration.ofMinutes(1), 201, null);
        JsonNode runs = fixture.onStore("runs", "--json").exits(0).json();

        assertEquals(2, runs.size());
        JsonNode first = runs.get(0);
        assertEquals(List.of("id", "webhook", "eventId", "eventType", "messageId", "mode", "attempt", "outcome",
                "durationMs", "request", "response", "error", "createdAt", "revision", "node", "captured"),
                fieldNames(first));
        assertEquals(answered.id(), first.get("id").textValue());
        assertEquals("erp_sync", first.get("webhook").textValue());
        assertEquals("node-a", first.get("node").textValue());
        assertFalse(first.get("captured").booleanValue(), "sent to its target");
        assertEquals(answered.eventId(), first.get("eventId").textValue());
        assertEquals("Project:Updated", first.get("eventType").textValue());
        assertEquals(answered.messageId(), first.get("messageId").textValue());
        assertEquals("async-after-commit", first.get("mode").textValue());
        assertEquals(1, first.get("attempt").intValue());
        assertEquals("succeeded", first.get("outcome").textValue());
        assertEquals(answered.duration().toMillis(), first.get("durationMs").longValue());
        assertEquals(List.of("method", "url", "headers", "body"), fieldNames(first.get("request")));
        assertEquals("POST", first.get("request").get("method").textValue());
        assertEquals(answered.request().url(), first.get("request").get("url").textValue());
        assertEquals("Bearer ••••", first.get("request").get("headers").get("Authorization").textValue());
        assertEquals(answered.request().body(), first.get("request").get("body").textValue());
        assertEquals(List.of("status", "headers", "body"), fieldNames(first.get("response")));
        assertEquals(201, first.get("response").get("status").intValue());
        assertEquals("text/plain", first.get("response").get("headers").get("Content-Type").textValue());
        assertEquals(answered.response().body(), first.get("response").get("body").textValue());
        assertTrue(first.get("error").isNull());
        assertEquals(answered.createdAt(), Instant.parse(first.get("createdAt").textValue()));

        JsonNode second = runs.get(1);
        assertEquals(failed.id(), second.get("id").textValue());
        assertTrue(second.get("response").isNull(), "no answer came");
        assertEquals("connection refused", second.get("error").textValue());
        assertFalse(runs.toString().contains("hwsecret"), "references are masked too");
    }

    @Test
    void aSecretSentInAHeaderNeverAppearsInTheTableOrTheJson() {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        fixture.sending("test-send", "erp_sync", "--workspace", fixture.workspace, "--project", "DEMO").exits(0);

        Cli.Run table = fixture.onStore("runs").exits(0);
        Cli.Run json = fixture.onStore("runs", "--json").exits(0);
        for (Cli.Run run : List.of(table, json)) {
            assertFalse(run.all().contains(CliFixture.TOKEN), run.all());
        }
        assertEquals("Bearer ••••", json.json().get(0).get("request").get("headers").get("Authorization").textValue());
        assertEquals(200, json.json().get(0).get("response").get("status").intValue());
    }

    @Test
    void failedSelectsFailedVetoedGaveUpAndPendingRetryRuns() {
        seed("erp_sync", Outcome.SUCCEEDED, Duration.ofMinutes(6), 200, null);
        Run failed = seed("erp_sync", Outcome.FAILED, Duration.ofMinutes(5), 500, "HTTP 500");
        Run vetoed = seed("erp_sync", Outcome.VETOED, Duration.ofMinutes(4), 409, "HTTP 409");
        Run gaveUp = seed("erp_sync", Outcome.GAVE_UP, Duration.ofMinutes(3), 410, "HTTP 410");
        Run pending = seed("erp_sync", Outcome.PENDING_RETRY, Duration.ofMinutes(2), 503, "HTTP 503");
        seed("erp_sync", Outcome.SKIPPED, Duration.ofMinutes(1), null, "not sent: webhook erp_sync is deactivated");

        JsonNode runs = fixture.onStore("runs", "--failed", "--json").exits(0).json();
        assertEquals(List.of(pending.id(), gaveUp.id(), vetoed.id(), failed.id()), ids(runs));
        String help = Cli.run("runs", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("--failed only runs that did not deliver: outcomes failed, vetoed, gave-up and pending-retry"), help);
    }

    @Test
    void outcomeSelectsTheNamedOutcomesAndAnUnknownWordIsAUsageError() {
        Run skipped = seed("erp_sync", Outcome.SKIPPED, Duration.ofMinutes(3), null, "not sent");
        seed("erp_sync", Outcome.FAILED, Duration.ofMinutes(2), 500, "HTTP 500");
        Run succeeded = seed("erp_sync", Outcome.SUCCEEDED, Duration.ofMinutes(1), 200, null);

        JsonNode runs = fixture.onStore("runs", "--outcome", "skipped", "--outcome", "succeeded", "--json").exits(0).json();
        assertEquals(List.of(succeeded.id(), skipped.id()), ids(runs));

        Cli.Run bad = fixture.onStore("runs", "--outcome", "broken").exits(2);
        assertTrue(bad.err().contains("'broken' is not an outcome: give one of succeeded, failed, vetoed, "
                + "pending-retry, gave-up, skipped"), bad.err());
    }

    @Test
    void webhookSelectsOneWebhooksRuns() {
        Run erp = seed("erp_sync", Outcome.SUCCEEDED, Duration.ofMinutes(2), 200, null);
        seed("chat_ping", Outcome.SUCCEEDED, Duration.ofMinutes(1), 200, null);

        assertEquals(List.of(erp.id()), ids(fixture.onStore("runs", "--webhook", "erp_sync", "--json").exits(0).json()));
    }

    @Test
    void sinceTakesAnInstantOrHowLongAgo() {
        seed("erp_sync", Outcome.SUCCEEDED, Duration.ofDays(8), 200, null);
        Run threeHours = seed("erp_sync", Outcome.SUCCEEDED, Duration.ofHours(3), 200, null);
        Run oneHour = seed("erp_sync", Outcome.SUCCEEDED, Duration.ofHours(1), 200, null);

        assertEquals(List.of(oneHour.id()), ids(fixture.onStore("runs", "--since", "2h", "--json").exits(0).json()));
        assertEquals(List.of(oneHour.id(), threeHours.id()),
                ids(fixture.onStore("runs", "--since", "7d", "--json").exits(0).json()));
        assertEquals(List.of(oneHour.id()), ids(fixture.onStore("runs", "--since", "90m", "--json").exits(0).json()));
        Instant between = threeHours.createdAt().minusSeconds(60);
        assertEquals(List.of(oneHour.id(), threeHours.id()),
                ids(fixture.onStore("runs", "--since", between.toString(), "--json").exits(0).json()));

        Cli.Run bad = fixture.onStore("runs", "--since", "yesterday").exits(2);
        assertTrue(bad.err().contains("'yesterday' is not a time: give an ISO-8601 instant"), bad.err());
    }

    @Test
    void limitDefaultsToTwentyNewestAndMustBePositive() {
        for (int i = 0; i < 25; i++) {
            seed("erp_sync", Outcome.SUCCEEDED, Duration.ofMinutes(30 - i), 200, null);
        }
        List<String> shown = ids(fixture.onStore("runs", "--json").exits(0).json());
        assertEquals(20, shown.size());
        assertEquals("run_seed0025", shown.get(0));
        assertEquals(3, ids(fixture.onStore("runs", "--limit", "3", "--json").exits(0).json()).size());
        assertEquals(20, tableIds(fixture.onStore("runs").exits(0).out()).size());

        Cli.Run bad = fixture.onStore("runs", "--limit", "0").exits(2);
        assertTrue(bad.err().contains("--limit must be at least 1, not 0"), bad.err());
    }

    @Test
    void anEmptyLogSaysSoAndIsAnEmptyJsonArray() {
        fixture.database();
        assertEquals("no runs yet" + System.lineSeparator(), fixture.onStore("runs").exits(0).out());
        assertEquals("no runs match" + System.lineSeparator(), fixture.onStore("runs", "--failed").exits(0).out());
        assertEquals(0, fixture.onStore("runs", "--json").exits(0).json().size());
    }

    @Test
    void aMissingDatabaseIsAUsageErrorAndNoFileIsCreated() {
        Path missing = root.resolve("elsewhere.db");
        Cli.Run run = fixture.run("runs", "--db", missing).exits(2);
        assertEquals("hookwright runs: no database at " + missing + " (use --db FILE or --db-url JDBC_URL)"
                + System.lineSeparator(), run.err());
        assertFalse(missing.toFile().exists());
    }

    @Test
    void dbUrlTakesSqliteAndPostgresUrlsAndRefusesOthers() {
        Run run = seed("erp_sync", Outcome.SUCCEEDED, Duration.ofMinutes(1), 200, null);
        JsonNode runs = fixture.run("runs", "--db-url", "jdbc:sqlite:" + fixture.db, "--json").exits(0).json();
        assertEquals(List.of(run.id()), ids(runs));

        Cli.Run mysql = fixture.run("runs", "--db-url", "jdbc:mysql://db/hookwright").exits(2);
        assertTrue(mysql.err().contains("--db-url jdbc:mysql://db/hookwright: use jdbc:sqlite:FILE or "
                + "jdbc:postgresql://HOST[:PORT]/DATABASE"), mysql.err());
        Cli.Run memory = fixture.run("runs", "--db-url", "jdbc:sqlite::memory:").exits(2);
        assertTrue(memory.err().contains("name a database file"), memory.err());
        Cli.Run both = fixture.run("runs", "--db", fixture.db, "--db-url", "jdbc:sqlite:" + fixture.db).exits(2);
        assertTrue(both.err().contains("give --db or --db-url, not both"), both.err());
    }

    @Test
    void runsReadsAPostgresDatabase() {
        String url = Backend.POSTGRES.url(null);
        try (Database database = Backend.open(url)) {
            Run run = seedInto(new JooqRunLog(database), "erp_sync", Outcome.SUCCEEDED, 200);
            JsonNode runs = fixture.run("runs", "--db-url", url, "--json").exits(0).json();
            assertEquals(List.of(run.id()), ids(runs));
        }
    }

    @Test
    void anUnreachableDatabaseIsNamedWithoutItsPassword() {
        Cli.Run down = fixture.run("runs", "--db-url", "jdbc:postgresql://127.0.0.1:1/hookwright?user=hw&password=s3cret-pw")
                .exits(3);
        assertTrue(down.err().startsWith("hookwright runs: could not open the database "
                + "jdbc:postgresql://127.0.0.1:1/hookwright?user=hw&password=***: "), down.err());
        assertFalse(down.err().contains("s3cret-pw"), down.err());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
