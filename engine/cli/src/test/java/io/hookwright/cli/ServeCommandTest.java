package io.hookwright.cli;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.fasterxml.jackson.databind.JsonNode;
import io.hookwright.event.EventJson;
import io.hookwright.execution.EngineFixture;
import io.hookwright.outbox.JooqOutboxStore;
import io.hookwright.render.RenderedRequest;
import io.hookwright.runlog.JooqRunLog;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Response;
import io.hookwright.runlog.Run;
import io.hookwright.runlog.RunQuery;
import io.hookwright.server.auth.Scope;
import io.hookwright.server.auth.Tokens;
import io.hookwright.store.Database;
import io.hookwright.testwait.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hookwright serve} as operators run it, in a child JVM: it takes events over HTTP with a token from the
 * tokens file, and on SIGTERM lets the deliveries in flight finish while the rest stay queued.
 */
@Tag("slow")
class ServeCommandTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String TOKEN = "hwt_serve-test-token";
    private static final String ADMIN_TOKEN = "hwt_serve-test-admin";

    @TempDir
    Path dir;
    private Process serve;
    private final List<String> printed = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (serve != null && serve.isAlive()) {
            serve.destroyForcibly();
        }
    }

    private int start(String... options) throws Exception {
        Path definitions = dir.resolve("webhooks");
        Files.createDirectories(definitions);
        Files.writeString(definitions.resolve("erp.groovy"), EngineFixture.webhook("erp", "/erp", "synchronous false")
                .replace("RECEIVER", "http://localhost:" + receiver.getPort()));
        Files.writeString(dir.resolve("secrets.properties"), "ERP_TOKEN=t0ken-value\nERP_SIGNING=" + EngineFixture.SIGNING + "\n");
        Files.writeString(dir.resolve("tokens"), "# who scopes digest\n"
                + Tokens.line("ci", EnumSet.of(Scope.EVENTS_WRITE), TOKEN) + "\n"
                + Tokens.line("ops", EnumSet.of(Scope.ADMIN), ADMIN_TOKEN) + "\n");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "io.hookwright.cli.Main", "serve", "--definitions",
                definitions.toString(), "--db", dir.resolve("hookwright.db").toString(), "--port", "0", "--tokens",
                dir.resolve("tokens").toString(), "--secrets", dir.resolve("secrets.properties").toString(),
                "--allow-target", "localhost:" + receiver.getPort(), "--per-host", "2"));
        command.addAll(List.of(options));
        serve = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
        Thread.ofPlatform().daemon().start(() -> out.lines().forEach(printed::add));
        Pattern page = Pattern.compile("web page +http://127\\.0\\.0\\.1:(\\d+)/");
        AtomicInteger port = new AtomicInteger();
        Await.until(Duration.ofSeconds(90), () -> {
            for (String line : printed) {
                Matcher m = page.matcher(line);
                if (m.find()) {
                    port.set(Integer.parseInt(m.group(1)));
                    return true;
                }
            }
            assertTrue(serve.isAlive(), () -> "serve exited: " + String.join("\n", printed));
            return false;
        }, () -> "serve did not start: " + String.join("\n", printed));
        return port.get();
    }

    @Test
    void runsOlderThanTheRetentionAreDeletedOnceServing() throws Exception {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Run old = loggedRun("run_old", now.minus(Duration.ofDays(31)));
        Run recent = loggedRun("run_recent", now.minus(Duration.ofDays(29)));
        try (Database database = Database.sqlite(dir.resolve("hookwright.db"))) {
            new JooqRunLog(database).record(List.of(old, recent));
        }
        start("--retention", "30d");
        Await.until(Duration.ofSeconds(30), () -> {
            try (Database database = Database.sqlite(dir.resolve("hookwright.db"))) {
                return new JooqRunLog(database).find(old.id()).isEmpty();
            }
        }, () -> "the run older than 30 days was not deleted: " + String.join("\n", printed));
        try (Database database = Database.sqlite(dir.resolve("hookwright.db"))) {
            assertEquals(Optional.of(recent), new JooqRunLog(database).find(recent.id()));
        }
    }

    private static Run loggedRun(String id, Instant at) {
        return new Run(id, "erp", "rev-1", "evt-" + id, "Project:Updated", "msg_" + id, "async-after-commit", 1,
                new RenderedRequest("POST", "https://erp.example.com/x", List.of(), "{}"), List.of(),
                new Response(200, Map.of(), "ok"), Duration.ofMillis(5), Outcome.SUCCEEDED, null, at, "node-a");
    }

    @Test
    void takesEventsWithATokenAndOnSigtermFinishesWhatIsInFlightAndKeepsTheRestQueued() throws Exception {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200).withFixedDelay(1_500)));
        int port = start();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        StringBuilder events = new StringBuilder("[");
        for (int i = 1; i <= 10; i++) {
            events.append(i > 1 ? "," : "").append("""
                    {"id": "evt-%d", "type": "Project:Updated",
                     "entity": {"type": "Project", "id": "p-%d", "key": "P%d", "attributes": {}}}""".formatted(i, i, i));
        }
        HttpResponse<String> unauthorised = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events"))
                .POST(HttpRequest.BodyPublishers.ofString(events + "]")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, unauthorised.statusCode());
        HttpResponse<String> accepted = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events"))
                .POST(HttpRequest.BodyPublishers.ofString(events + "]")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, accepted.statusCode(), accepted.body());

        Await.until(Duration.ofSeconds(30), () -> !receiver.findAll(anyRequestedFor(anyUrl())).isEmpty(),
                "a first request at the receiver");
        serve.toHandle().destroy();  // SIGTERM, leaving its output readable (Process.destroy closes it)
        assertTrue(serve.waitFor(30, TimeUnit.SECONDS), "serve stops within 30 s of SIGTERM");
        assertFalse(String.join("\n", printed).contains("t0ken-value"), "no secret in the output");

        int received = receiver.findAll(anyRequestedFor(anyUrl())).size();
        Database database = Database.sqlite(dir.resolve("hookwright.db"));
        List<Run> runs = new JooqRunLog(database).list(RunQuery.latest(100));
        assertTrue(received >= 1 && received < 10, "some were in flight at SIGTERM, not all: " + received);
        assertEquals(received, runs.size(), "every request that went out finished and was logged");
        assertTrue(runs.stream().allMatch(r -> r.outcome() == Outcome.SUCCEEDED), runs.toString());
        assertEquals(10 - received, new JooqOutboxStore(database).depth(), "the rest stay queued for the next start");
        // What serve printed last is read from its output after it exited.
        Await.until(Duration.ofSeconds(10), () -> printed.stream().anyMatch(l -> l.contains("INFO stopped; ")),
                () -> "no line on stopping:\n" + String.join("\n", printed));
        assertEquals(received, printed.stream().filter(l -> l.matches(".* INFO delivery erp run_\\S+ attempt 1 "
                + "succeeded 200 in \\d+ ms \\(POST http://localhost:\\d+/erp\\)")).count(),
                "a log line per attempt:\n" + String.join("\n", printed));
        assertTrue(printed.stream().anyMatch(l -> l.contains("INFO stopping (SIGTERM or Ctrl-C)")), String.join("\n", printed));
        assertTrue(printed.stream().anyMatch(l -> l.endsWith("INFO stopped; " + (10 - received)
                + " message(s) stay queued for the next start")), String.join("\n", printed));
    }

    @Test
    void withJsonLogsEveryDeliveryAttemptIsOneJsonLineWithItsFields() throws Exception {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(503)));
        int port = start("--log-format", "json");
        String event = """
                {"id": "evt-json", "type": "Project:Updated",
                 "entity": {"type": "Project", "id": "p-1", "key": "P1", "attributes": {}}}""";
        HttpResponse<String> accepted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/events")).POST(HttpRequest.BodyPublishers.ofString(event))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, accepted.statusCode(), accepted.body());
        Await.until(Duration.ofSeconds(30), () -> printed.stream().anyMatch(l -> l.contains("\"event\":\"delivery\"")),
                () -> "no delivery line:\n" + String.join("\n", printed));
        String line = printed.stream().filter(l -> l.contains("\"event\":\"delivery\"")).findFirst().orElseThrow();
        JsonNode json = EventJson.MAPPER.readTree(line);
        assertEquals("WARNING", json.get("level").asText(), line);
        assertEquals("erp", json.get("webhook").asText());
        assertEquals("evt-json", json.get("eventId").asText());
        assertEquals("Project:Updated", json.get("eventType").asText());
        assertEquals("pending-retry", json.get("outcome").asText());
        assertEquals(503, json.get("status").asInt());
        assertEquals(1, json.get("attempt").asInt());
        assertTrue(json.get("runId").asText().startsWith("run_"), line);
        assertTrue(json.get("messageId").asText().startsWith("msg_"), line);
        assertTrue(json.get("url").asText().endsWith("/erp"), line);
        serve.toHandle().destroy();
        assertTrue(serve.waitFor(30, TimeUnit.SECONDS));
        Await.until(Duration.ofSeconds(10), () -> printed.stream().anyMatch(l -> l.contains("stopped; ")),
                () -> "no line on stopping:\n" + String.join("\n", printed));
        String stopping = printed.stream().filter(l -> l.contains("stopping (SIGTERM")).findFirst().orElseThrow();
        assertEquals("INFO", EventJson.MAPPER.readTree(stopping).get("level").asText());
        assertFalse(String.join("\n", printed).contains("t0ken-value"), "no secret in the output");
    }

    @Test
    void captureModesRunsAreMarkedCapturedInTheRunLogAndTheirTableAndNothingReachesTheTarget() throws Exception {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        int port = start("--capture");
        HttpResponse<String> accepted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/events")).POST(HttpRequest.BodyPublishers.ofString("""
                        {"id": "evt-1", "type": "Project:Updated",
                         "entity": {"type": "Project", "id": "p-1", "key": "P1", "attributes": {}}}"""))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, accepted.statusCode(), accepted.body());
        String target = "captured POST http://localhost:" + receiver.getPort() + "/erp";
        Await.until(Duration.ofSeconds(30), () -> printed.stream().anyMatch(l -> l.startsWith(target)),
                () -> "the capture receiver printed the request: " + printed);
        serve.destroy();
        assertTrue(serve.waitFor(30, TimeUnit.SECONDS), "serve stops within 30 s of SIGTERM");

        assertEquals(0, receiver.findAll(anyRequestedFor(anyUrl())).size(), "nothing reached the target");
        Database database = Database.sqlite(dir.resolve("hookwright.db"));
        List<Run> runs = new JooqRunLog(database).list(RunQuery.latest(100));
        database.close();
        assertEquals(1, runs.size(), runs.toString());
        assertTrue(runs.get(0).captured(), "marked captured in the run log");
        assertEquals(Outcome.SUCCEEDED, runs.get(0).outcome());

        Cli.Run table = Cli.run("runs", "--db", dir.resolve("hookwright.db")).exits(0);
        assertTrue(table.out().contains("succeeded (captured)"), table.out());
        Cli.Run json = Cli.run("runs", "--db", dir.resolve("hookwright.db"), "--json").exits(0);
        assertTrue(json.json().get(0).get("captured").asBoolean(), json.out());
    }

    @Test
    void atStartItWarnsOfAnEventTypeTheEngineDoesNotKnowWithItsPlace() throws Exception {
        Path typo = dir.resolve("webhooks/typo.groovy");
        Files.createDirectories(typo.getParent());
        Files.writeString(typo, """
                webhook('typo') {
                    on 'Project:Udpated'
                    request { post 'https://x.example.com/' }
                }
                """);
        start();
        String expected = "warning: " + typo + ":2:9: webhook 'typo' listens to 'Project:Udpated', an event type the "
                + "engine does not know: did you mean 'Project:Updated'?";
        Await.until(Duration.ofSeconds(30), () -> printed.stream().anyMatch(l -> l.startsWith(expected)),
                () -> "serve warned at start: " + String.join("\n", printed));
        assertTrue(printed.stream().anyMatch(l -> l.startsWith("Hookwright is serving 2 webhooks")), "and serves: "
                + String.join("\n", printed));
    }

    @Test
    void aReloadAfterServeStartedCompilesOnlyTheFileAdded() throws Exception {
        int port = start();
        Files.writeString(dir.resolve("webhooks/crm.groovy"), EngineFixture.webhook("crm", "/crm", "synchronous false")
                .replace("RECEIVER", "http://localhost:" + receiver.getPort()));
        HttpResponse<String> reload = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/admin/reload")).POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, reload.statusCode(), reload.body());
        assertTrue(reload.body().contains("\"webhooks\":2"), reload.body());
        assertTrue(reload.body().contains("\"files\":2,\"compiledFiles\":1"), "erp.groovy was compiled at start: "
                + reload.body());
    }

    @Test
    void behindAProxyThePagesFormsComeFromThePublicUrlAndItsCookiesAreSecure() throws Exception {
        int port = start("--public-url", "https://hooks.example.com", "--durability", "full");
        assertTrue(printed.stream().anyMatch(l -> l.matches("  database   .*hookwright\\.db \\(node .*, durability full\\)")),
                "the database line says how commits reach the disk: " + printed);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> form = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String nonce = form.headers().firstValue("Set-Cookie").orElseThrow();
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"").matcher(form.body());
        assertTrue(csrf.find(), form.body());
        assertTrue(SECURE.matcher(nonce).find(), nonce);

        HttpResponse<String> direct = login(client, port, nonce, csrf.group(1), "http://127.0.0.1:" + port);
        HttpResponse<String> proxied = login(client, port, nonce, csrf.group(1), "https://hooks.example.com");

        assertEquals(403, direct.statusCode(), direct.body());
        assertEquals(303, proxied.statusCode(), proxied.body());
        String session = proxied.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("hookwright_session=")).findFirst().orElseThrow();
        assertTrue(SECURE.matcher(session).find(), session);
        assertTrue(printed.stream().anyMatch(l -> l.contains("public at  https://hooks.example.com")), printed.toString());
    }

    @Test
    void withAuthoringOffWritesOverRestAnswer409() throws Exception {
        int port = start("--authoring", "off");
        HttpResponse<String> create = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/webhooks"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"eventTypes\": [\"Project:Updated\"], "
                        + "\"url\": \"https://erp.example.com/\"}"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + ADMIN_TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(409, create.statusCode(), create.body());
        assertTrue(create.body().contains("authoring is off (serve --authoring off)"), create.body());
        assertTrue(printed.stream().anyMatch(l -> l.startsWith("  authoring  off: authoring is off")), printed.toString());
        assertEquals(List.of("erp.groovy"), Files.list(dir.resolve("webhooks")).map(p -> p.getFileName().toString())
                .toList(), "nothing written");
    }

    private static final Pattern SECURE = Pattern.compile("(?i);\\s*Secure\\s*(;|$)");

    private static HttpResponse<String> login(HttpClient client, int port, String nonceCookie, String csrf,
                                              String origin) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Cookie", nonceCookie.substring(0, nonceCookie.indexOf(';')))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf + "&token=" + TOKEN)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
