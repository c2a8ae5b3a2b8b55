package io.hookwright.server;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.delivery.TargetPolicy;
import io.hookwright.render.Secrets;
import io.hookwright.server.auth.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every way a secret value could come back through delivery, end to end: a bad URL, a header value with a line
 * break, --require-https, a refused private target, a refused connection, a timeout, a receiver echoing the
 * secret in its body, a Location or another header. None of them puts the value in the run log (the database file
 * itself), in {@code POST /events}' answer, {@code GET /runs}, the webhooks' {@code lastFailure} or a log line.
 */
class SecretLeakTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String URL_KEY = "url-k3y-VALUE/+ x";
    private static final String TOKEN = "t0ken-VALUE-5a4b3c";
    private static final String NEWLINE_TOKEN = "n3wline-VALUE-8d7e\n";
    private static final Secrets SECRETS = Secrets.of(Map.of("URL_KEY", URL_KEY, "TOKEN", TOKEN,
            "NEWLINE_TOKEN", NEWLINE_TOKEN, "ERP_TOKEN", "t0ken-value",
            "ERP_SIGNING", io.hookwright.execution.EngineFixture.SIGNING));
    private static final List<String> VALUES = List.of(URL_KEY, TOKEN, NEWLINE_TOKEN.strip());

    @TempDir
    Path dir;
    private ServerFixture server;
    private final List<String> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logged) {
                logged.add(record.getMessage() + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private static String webhook(String code, String url, String header) {
        return """
                webhook('%s') {
                    on 'Project:Updated'
                    request {
                        post '%s'
                        header 'Content-Type', 'application/json'
                        header 'Authorization', '%s'
                        body '''{"project": "${entity.id}", "token": "${secrets.TOKEN}"}'''
                    }
                    execution {
                        synchronous true
                        transaction 'after-commit'
                        timeout '1s'
                    }
                }
                """.formatted(code, url, header);
    }

    @BeforeEach
    void capture() {
        Logger.getLogger("").addHandler(capture);
        Logger.getLogger("").setLevel(Level.ALL);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(capture);
        Logger.getLogger("").setLevel(Level.INFO);
        if (server != null) {
            server.close();
        }
    }

    private void start(boolean requireHttps, String definitions) {
        server = new ServerFixture(dir, receiver.getPort(), definitions, 1024 * 1024, SECRETS,
                b -> b.targetPolicy(new TargetPolicy(List.of(TargetPolicy.Allowed.parse("localhost")), requireHttps)));
    }

    private HttpResponse<String> publish(String key) {
        HttpResponse<String> answer = server.post("/events", Scope.EVENTS_WRITE, """
                {"id": "evt-1", "type": "Project:Updated", "tenant": "acme",
                 "entity": {"type": "Project", "id": "p-1", "key": "%s", "attributes": {"Status": "Done"}}}"""
                .formatted(key));
        assertEquals(202, answer.statusCode(), answer.body());
        return answer;
    }

    /** Everything a reader of any privilege can see, and everything stored. */
    private String everythingShown(HttpResponse<String> published) throws IOException {
        StringBuilder all = new StringBuilder(published.body()).append('\n');
        all.append(server.get("/runs", Scope.RUNS_READ).body()).append('\n');
        all.append(server.get("/webhooks", Scope.WEBHOOKS_READ).body()).append('\n');
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> database = files.filter(f -> f.getFileName().toString().contains(".db")).toList();
            assertFalse(database.isEmpty(), "the SQLite files are read too");
            for (Path file : database) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).append('\n');
            }
        }
        synchronized (logged) {
            logged.forEach(line -> all.append(line).append('\n'));
        }
        return all.toString();
    }

    private static void assertNoSecretIn(String text) {
        for (String value : VALUES) {
            for (String form : List.of(value, URLEncoder.encode(value, StandardCharsets.UTF_8), io.hookwright.render.PercentEncoding.encode(value),
                    new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(value)))) {
                assertFalse(text.contains(form), "a secret (" + form + ") shows in: " + text);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> runs() {
        try {
            return io.hookwright.event.EventJson.MAPPER.readValue(server.get("/runs", Scope.RUNS_READ).body(), List.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void failuresBeforeSendingShowNoSecret() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        receiver.stubFor(any(urlPathMatching("/.*")).willReturn(aResponse().withStatus(200)));
        start(false, webhook("bad_url", "RECEIVER/hooks/${secrets.URL_KEY}/${entity.key?no_esc}", "Bearer ${secrets.TOKEN}")
                + webhook("newline", "RECEIVER/n", "Bearer ${secrets.NEWLINE_TOKEN}")
                + webhook("private", "http://127.0.0.1:" + receiver.getPort() + "/p/${secrets.URL_KEY}", "Bearer ${secrets.TOKEN}")
                + webhook("refused", "http://localhost:" + closed + "/r/${secrets.URL_KEY}?t=${secrets.TOKEN}", "Bearer ${secrets.TOKEN}")
                + webhook("metadata", "http://[64:ff9b::a9fe:a9fe]/latest/${secrets.URL_KEY}", "Bearer ${secrets.TOKEN}"));
        HttpResponse<String> published = publish("A B");

        String shown = everythingShown(published);
        assertNoSecretIn(shown);
        List<Map<String, Object>> runs = runs();
        assertEquals(5, runs.size(), shown);
        assertTrue(runs.stream().allMatch(r -> "failed".equals(r.get("outcome"))), runs.toString());
        String errors = runs.stream().map(r -> String.valueOf(r.get("error"))).toList().toString();
        assertTrue(errors.contains("secret NEWLINE_TOKEN cannot go in header Authorization"), errors);
        assertTrue(errors.contains("(link-local, as NAT64 169.254.169.254)"), errors);
        assertTrue(errors.contains("••••"), errors);
        String webhooks = server.get("/webhooks", Scope.WEBHOOKS_READ).body();
        assertTrue(webhooks.contains("\"lastFailure\":\"not sent: secret NEWLINE_TOKEN cannot go in header"), webhooks);
        assertTrue(receiver.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(urlPathMatching("/(n|p/.*)"))).isEmpty(),
                "the refused requests were not sent");
    }

    @Test
    void requireHttpsRefusesShowingNoSecret() throws Exception {
        start(true, webhook("plain", "RECEIVER/hooks?key=${secrets.URL_KEY}", "Bearer ${secrets.TOKEN}"));
        HttpResponse<String> published = publish("DEMO");
        String shown = everythingShown(published);
        assertNoSecretIn(shown);
        assertTrue(shown.contains("is plain http, and https is required"), shown);
    }

    @Test
    void aTimeoutShowsNoSecret() throws Exception {
        receiver.stubFor(any(urlPathMatching("/slow/.*")).willReturn(aResponse().withStatus(200).withFixedDelay(3_000)));
        start(false, webhook("slow", "RECEIVER/slow/${secrets.URL_KEY}", "Bearer ${secrets.TOKEN}"));
        String shown = everythingShown(publish("DEMO"));
        assertNoSecretIn(shown);
        assertTrue(shown.contains("no response within the timeout"), shown);
    }

    @Test
    void whatAReceiverEchoesIsStoredAndShownMasked() throws Exception {
        receiver.stubFor(any(urlPathMatching("/echo/.*")).willReturn(aResponse().withStatus(500)
                .withHeader("Location", "http://localhost:" + receiver.getPort() + "/echo/" + io.hookwright.render.PercentEncoding.encode(URL_KEY))
                .withHeader("X-Seen-Authorization", "Bearer " + TOKEN)
                .withBody("{\"authorization\": \"Bearer " + TOKEN + "\", \"url\": \"/echo/"
                        + io.hookwright.render.PercentEncoding.encode(URL_KEY) + "\"}")));
        receiver.stubFor(any(urlPathMatching("/moved/.*")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "http://localhost:" + receiver.getPort() + "/moved/" + io.hookwright.render.PercentEncoding.encode(URL_KEY)
                        + "?again=" + URLEncoder.encode(URL_KEY, StandardCharsets.UTF_8))));
        start(false, webhook("echo", "RECEIVER/echo/${secrets.URL_KEY}", "Bearer ${secrets.TOKEN}")
                + webhook("moved", "RECEIVER/moved/${secrets.URL_KEY}", "Bearer ${secrets.TOKEN}"));
        HttpResponse<String> published = publish("DEMO");

        String shown = everythingShown(published);
        assertNoSecretIn(shown);
        assertTrue(shown.contains("Bearer ••••"), shown);
        assertEquals(1, receiver.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                urlPathMatching("/moved/.*"))).size(), "the redirect was not followed");
        String got = receiver.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                urlPathMatching("/echo/.*"))).get(0).getHeader("Authorization");
        assertEquals("Bearer " + TOKEN, got, "the receiver itself gets the value");
    }
}
