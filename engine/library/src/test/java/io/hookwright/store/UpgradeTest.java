package io.hookwright.store;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.hookwright.definitions.DefinitionCompiler;
import io.hookwright.definitions.DefinitionSnapshot;
import io.hookwright.definitions.JooqPublishedDefinitions;
import io.hookwright.definitions.PublishedDefinitions.Published;
import io.hookwright.delivery.DeliverySettings;
import io.hookwright.delivery.TargetPolicy;
import io.hookwright.execution.Engine;
import io.hookwright.execution.EngineFixture;
import io.hookwright.execution.LoadedDefinitions;
import io.hookwright.execution.ManualEngine;
import io.hookwright.render.MessageIds;
import io.hookwright.render.RenderedRequest;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Response;
import io.hookwright.runlog.Run;
import io.hookwright.runlog.RunQuery;
import io.hookwright.state.WebhookState;
import io.hookwright.testdb.Backend;
import io.hookwright.testwait.Await;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A database an earlier release made and used is brought up to the current version, and the engine works on it.
 * Each earlier version's database is made here as that release left it: its steps (the SQL it ran, frozen), then
 * rows in the shape and encoding that release wrote them (checked against its store classes in the history). The
 * engine started on it sends the messages the old engine had queued, one of them claimed by a node that is gone,
 * and reads the old runs, the webhooks' states and the published definitions.
 */
class UpgradeTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /**
     * When the old engine did its work: an hour before the test runs, so its messages are due and its node's lease is
     * over, and its run is within the retention (whose purge at start would drop the bodies).
     */
    private static final Instant THEN = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
            .minus(Duration.ofHours(1));
    private static final String OLD_NODE = "old-node";
    private static final String OLD_WORKER = OLD_NODE + ":0f0f0f0f";
    private static final String QUEUED = MessageIds.of("evt-queued", "crm_sync");
    private static final String CLAIMED = MessageIds.of("evt-claimed", "crm_sync");
    private static final String DIGEST = "3f1a9c0e5b7d2a4c6e8f0a1b3c5d7e9f1a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d";

    @TempDir
    Path dir;

    static Stream<Arguments> everyReleasedVersionOnEachBackend() {
        return EarlierVersions.onEachBackend(EarlierVersions.released());
    }

    @ParameterizedTest(name = "{0} from version {1}")
    @MethodSource("everyReleasedVersionOnEachBackend")
    void aDatabaseOfAnEarlierVersionIsUpgradedAndTheEngineWorksOnIt(Backend backend, int version) throws Exception {
        receiver.stubFor(post(urlEqualTo("/crm")).willReturn(aResponse().withStatus(204)));
        String url = backend.url(dir);
        EarlierVersions.migrate(backend, url, version);
        try (Connection c = DriverManager.getConnection(url)) {
            writeWhatVersionStored(c, version);
        }

        try (Database database = Backend.open(url); Engine engine = engine(database).start()) {
            assertEquals(Migrations.latest(), database.dsl().select(org.jooq.impl.DSL.max(Schema.SchemaVersion.VERSION))
                    .from(Schema.SchemaVersion.TABLE).fetchOne(0, Integer.class));

            awaitEmptyOutbox(engine);
            assertTrue(ManualEngine.awaitIdle(engine, Duration.ofSeconds(30)), "the engine did not settle");
            List<LoggedRequest> sent = receiver.findAll(postRequestedFor(urlEqualTo("/crm")));
            assertEquals(Stream.of(CLAIMED, QUEUED).sorted().toList(), sent.stream().map(r -> r.getHeader("webhook-id")).sorted().toList());
            for (LoggedRequest request : sent) {
                assertEquals("{\"project\": \"KEY-7\"}", request.getBodyAsString());
                // Messages queued before version 3 carry no signing secrets' names: they go as they were queued.
                assertEquals(version >= 3, request.containsHeader("webhook-signature"), "signed");
            }
            for (String message : List.of(QUEUED, CLAIMED)) {
                List<Run> runs = engine.attempts(message);
                assertEquals(List.of(Outcome.SUCCEEDED), runs.stream().map(Run::outcome).toList());
                assertEquals("rev-old", runs.get(0).revision());
            }

            Run old = engine.run("run-old").orElseThrow();
            assertEquals(new Run("run-old", "crm_sync", "rev-old", "evt-logged", "Project:Updated",
                    MessageIds.of("evt-logged", "crm_sync"), "async-after-commit", 2,
                    new RenderedRequest("POST", "http://localhost:" + receiver.getPort() + "/crm",
                            List.of(new RenderedRequest.Header("Content-Type", "application/json")), "{\"project\": \"KEY-6\"}"),
                    version >= 3 ? List.of("ERP_SIGNING") : List.of(),
                    new Response(200, Map.of("Content-Type", "text/plain"), "ok"), Duration.ofMillis(42),
                    Outcome.SUCCEEDED, null, THEN.minusSeconds(60), version >= 5 ? OLD_NODE : null), old);
            assertTrue(engine.runs(RunQuery.latest(10)).stream().anyMatch(r -> r.id().equals("run-old")));

            if (version >= 2) {
                assertEquals(new WebhookState("ledger", false, 5, "HTTP 500", THEN, "5 failures in a row"),
                        engine.states().get("ledger"));
            }
            JooqPublishedDefinitions published = new JooqPublishedDefinitions(database);
            if (version >= 5) {
                assertEquals(Optional.of(new Published(DIGEST, "rev-old", 2, OLD_NODE, THEN)), published.current());
                DefinitionSnapshot files = published.get(DIGEST).orElseThrow();
                assertEquals(Map.of("hooks.groovy", definitions()), files.files());
            } else {
                assertEquals(Optional.empty(), published.current());
            }
            assertEquals(version == 7 ? List.of("erp|evt-http|202") : List.of(), receivedEvents(database));
        }
    }

    /** Rows as the release at {@code version} wrote them: its columns, its encodings (JSON, names, words, booleans). */
    private void writeWhatVersionStored(Connection c, int version) throws SQLException {
        String request = """
                {"method":"POST","url":"http://localhost:%d/crm","headers":[["Content-Type","application/json"]],\
                "body":"{\\"project\\": \\"KEY-7\\"}"}""".formatted(receiver.getPort());
        outbox(c, version, QUEUED, "evt-queued", request, "pending", null, null);
        if (version < 6) {
            // Leased per claim then: version 6 makes such claims due again.
            outbox(c, version, CLAIMED, "evt-claimed", request, "claimed", OLD_WORKER, THEN.plusSeconds(30));
        } else {
            // Held by a worker whose lease ended long ago: the engine takes it back.
            insert(c, "hw_workers", List.of("worker", "alive_until", "started_at"),
                    List.of(OLD_WORKER, THEN.plusSeconds(30).toEpochMilli(), THEN.minusSeconds(3600).toEpochMilli()));
            outbox(c, version, CLAIMED, "evt-claimed", request, "claimed", OLD_WORKER, null);
        }
        run(c, version);
        if (version >= 2) {
            insert(c, "hw_webhook_state", List.of("webhook_code", "active", "consecutive_failures", "last_failure",
                            "deactivated_at", "deactivation_reason", "updated_at"),
                    List.of("ledger", false, 5, "HTTP 500", THEN.toEpochMilli(), "5 failures in a row", THEN.toEpochMilli()));
        }
        if (version >= 4 && version < 7) {
            // Dropped by version 7, which keys them by caller: a repeat of one of these is processed again.
            insert(c, "hw_received_events", List.of("event_id", "result", "status", "received_at"),
                    List.of("evt-http", "{\"fired\":[]}", 202, THEN.toEpochMilli()));
        }
        if (version == 7) {
            insert(c, "hw_received_events", List.of("caller", "event_id", "body_digest", "result", "status", "received_at"),
                    List.of("erp", "evt-http", DIGEST, "{\"fired\":[]}", 202, THEN.toEpochMilli()));
        }
        if (version >= 5) {
            String files = io.hookwright.event.EventJson.write(Map.of("hooks.groovy", definitions()));
            insert(c, "hw_definition_sets", List.of("digest", "revision", "files", "webhooks", "published_by", "published_at"),
                    List.of(DIGEST, "rev-old", files, 2, OLD_NODE, THEN.toEpochMilli()));
        }
    }

    private static void outbox(Connection c, int version, String messageId, String eventId, String request,
                               String status, String claimedBy, Instant leaseUntil) throws SQLException {
        List<String> columns = new ArrayList<>(List.of("message_id", "webhook_code", "revision", "event_id", "event_type",
                "mode", "request", "timeout_ms", "attempts", "status", "next_attempt_at", "claimed_by", "created_at"));
        List<Object> values = new ArrayList<>(java.util.Arrays.asList(messageId, "crm_sync", "rev-old", eventId,
                "Project:Updated", "async-after-commit", request, 10_000, 0, status, THEN.toEpochMilli(), claimedBy,
                THEN.toEpochMilli()));
        if (version < 8) {
            columns.add("lease_until");
            values.add(leaseUntil == null ? null : leaseUntil.toEpochMilli());
        }
        if (version >= 3) {
            columns.addAll(List.of("target_host", "signing_secrets"));
            values.addAll(List.of("localhost", "ERP_SIGNING"));
        }
        insert(c, "hw_outbox", columns, values);
    }

    private void run(Connection c, int version) throws SQLException {
        List<String> columns = new ArrayList<>(List.of("id", "webhook_code", "revision", "event_id", "event_type",
                "message_id", "mode", "attempt", "request_method", "request_url", "request_headers", "request_body",
                "response_status", "response_headers", "response_body", "duration_ms", "outcome", "error", "created_at",
                "bodies_purged"));
        List<Object> values = new ArrayList<>(java.util.Arrays.asList("run-old", "crm_sync", "rev-old", "evt-logged",
                "Project:Updated", MessageIds.of("evt-logged", "crm_sync"), "async-after-commit", 2, "POST",
                "http://localhost:" + receiver.getPort() + "/crm", "[[\"Content-Type\",\"application/json\"]]",
                "{\"project\": \"KEY-6\"}", 200, "{\"Content-Type\":\"text/plain\"}", "ok", 42L, "succeeded", null,
                THEN.minusSeconds(60).toEpochMilli(), false));
        if (version >= 3) {
            columns.add("signing_secrets");
            values.add("ERP_SIGNING");
        }
        if (version >= 5) {
            columns.add("node");
            values.add(OLD_NODE);
        }
        insert(c, "hw_runs", columns, values);
    }

    private static void insert(Connection c, String table, List<String> columns, List<?> values) throws SQLException {
        String sql = "insert into " + table + " (" + String.join(", ", columns) + ") values ("
                + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
        try (PreparedStatement insert = c.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                insert.setObject(i + 1, values.get(i));
            }
            insert.executeUpdate();
        }
    }

    private String definitions() {
        return EngineFixture.webhook("crm_sync", "/crm", "synchronous false\ntransaction 'after-commit'")
                + EngineFixture.webhook("ledger", "/ledger", "synchronous false\ntransaction 'after-commit'");
    }

    private Engine engine(Database database) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("webhooks"));
        Files.writeString(folder.resolve("hooks.groovy"),
                definitions().replace("RECEIVER", "http://localhost:" + receiver.getPort()));
        DefinitionCompiler.Compilation compilation = new DefinitionCompiler().compile(folder);
        assertTrue(compilation.valid(), () -> compilation.errors().toString());
        return Engine.builder(database, new LoadedDefinitions(compilation.definitions(), "rev-new"))
                .secrets(EngineFixture.SECRETS)
                .targetPolicy(new TargetPolicy(List.of(TargetPolicy.Allowed.parse("localhost:" + receiver.getPort())), false))
                .delivery(DeliverySettings.builder().node("new-node").pollInterval(Duration.ofMillis(100)).build())
                .build();
    }

    /** Waits (up to 30 s) for the engine to have sent what was queued, the claim of the gone node included. */
    private static void awaitEmptyOutbox(Engine engine) {
        Await.until(Duration.ofSeconds(30), () -> engine.queuedMessages() == 0, "the old messages sent within 30 s");
    }

    private static List<String> receivedEvents(Database database) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection();
             ResultSet r = c.createStatement().executeQuery("select caller, event_id, status from hw_received_events")) {
            while (r.next()) {
                rows.add(r.getString(1) + "|" + r.getString(2) + "|" + r.getInt(3));
            }
        }
        return rows;
    }
}
