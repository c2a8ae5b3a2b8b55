package io.hookwright.server;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.execution.EngineFixture;
import io.hookwright.server.auth.Scope;
import io.hookwright.testdb.Backend;
import io.hookwright.testdb.TestPostgres;
import io.hookwright.testwait.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /health} tells the truth: 503 naming what is wrong when the store cannot be reached or a fatal error
 * happened, and 200 again once the store is back. After a fatal error the other endpoints answer 503 too.
 */
class HealthEndpointTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String EVENT = """
            {"id": "evt-1", "type": "Project:Updated",
             "entity": {"type": "Project", "id": "p-1", "key": "DEMO", "attributes": {"Status": "Done"}}}""";

    @TempDir
    Path dir;
    private ServerFixture server;

    @AfterEach
    void stop() {
        server.close();
    }

    private void start(Backend backend) {
        server = new ServerFixture(backend, dir, receiver.getPort(), EngineFixture.webhook("erp", "/erp",
                "synchronous false"), 1024 * 1024);
    }

    private HttpResponse<String> health() {
        return server.send("GET", "/health", null, null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> checks(HttpResponse<String> response) {
        return (Map<String, Object>) ServerFixture.json(response).get("checks");
    }

    @Test
    void aHealthyEngineSaysOkWithEveryCheck() {
        start(Backend.SQLITE);
        HttpResponse<String> ok = health();
        assertEquals(200, ok.statusCode(), ok.body());
        Map<String, Object> body = ServerFixture.json(ok);
        assertEquals("ok", body.get("status"));
        assertEquals(1, body.get("webhooks"));
        assertEquals(0, body.get("outboxDepth"));
        assertEquals(Map.of("engine", "ok", "definitions", "ok", "store", "ok"), checks(ok));
    }

    @Test
    void aClosedDatabaseIs503NamingTheStoreWithoutItsErrorText() {
        start(Backend.SQLITE);
        assertEquals(200, health().statusCode());
        server.engineFixture.database.close();

        HttpResponse<String> down = health();
        assertEquals(503, down.statusCode(), down.body());
        assertEquals("unavailable", ServerFixture.json(down).get("status"));
        String store = (String) checks(down).get("store");
        assertTrue(store.contains("database"), store);
        assertFalse(down.body().contains("Hikari") || down.body().contains("jdbc:") || down.body().contains(dir.toString()),
                "the store's own error text stays in the log: " + down.body());
        assertEquals("ok", checks(down).get("engine"));
    }

    @Test
    void aDeletedDatabaseFileIs503() throws Exception {
        start(Backend.SQLITE);
        assertEquals(200, health().statusCode());
        java.nio.file.Files.delete(dir.resolve("hookwright.db"));

        HttpResponse<String> gone = health();
        assertEquals(503, gone.statusCode(), gone.body());
        assertTrue(((String) checks(gone).get("store")).contains("removed"), gone.body());
        assertFalse(gone.body().contains(dir.toString()), "the path stays in the log: " + gone.body());
    }

    @Test
    void aPostgresqlThatRefusesConnectionsIs503UntilItIsBack() throws Exception {
        start(Backend.POSTGRES);
        assertEquals(200, health().statusCode());
        String database = server.engineFixture.url.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
        try (Connection admin = TestPostgres.admin(); Statement sql = admin.createStatement()) {
            sql.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
            sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
            HttpResponse<String> down = health();
            assertEquals(503, down.statusCode(), down.body());
            assertFalse("ok".equals(checks(down).get("store")), down.body());
            assertTrue(down.body().length() < 1000, down.body());

            sql.execute("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
        }
        Await.until(Duration.ofSeconds(60), () -> health().statusCode() == 200,
                () -> "healthy again once the database is back: " + health().body());
    }

    @Test
    void anOutOfMemoryErrorInAnyThreadIsFatal503AndStopsTheOtherEndpoints() throws Exception {
        start(Backend.SQLITE);
        assertEquals(202, server.post("/events", Scope.EVENTS_WRITE, EVENT).statusCode());
        Thread worker = Thread.ofPlatform().name("a-worker").start(() -> {
            throw new OutOfMemoryError("simulated: Java heap space");
        });
        worker.join();

        HttpResponse<String> down = health();
        assertEquals(503, down.statusCode(), down.body());
        String engine = (String) checks(down).get("engine");
        assertTrue(engine.contains("OutOfMemoryError") && engine.contains("a-worker"), engine);
        assertTrue(server.serving.fatal().first().isPresent());

        HttpResponse<String> refused = server.post("/events", Scope.EVENTS_WRITE, EVENT.replace("evt-1", "evt-2"));
        assertEquals(503, refused.statusCode(), "no zombie answering 500: " + refused.body());
        assertEquals("Service Unavailable", ServerFixture.json(refused).get("title"));
        assertTrue(refused.headers().firstValue("Retry-After").isPresent());
        assertEquals(503, server.get("/runs", Scope.RUNS_READ).statusCode());
    }

    @Test
    void aStackOverflowIsNotFatal() throws Exception {
        start(Backend.SQLITE);
        Thread.ofPlatform().start(() -> {
            throw new StackOverflowError("one thread's own");
        }).join();
        assertEquals(200, health().statusCode());
    }
}
