package io.hookwright.server;

import io.hookwright.execution.Engine;
import io.hookwright.execution.EngineFixture;
import io.hookwright.server.api.HealthResource;
import io.hookwright.server.auth.Tokens;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An OutOfMemoryError while answering a request is fatal: that request gets a 503, health says so, and every later
 * request but {@code /health} is a 503 instead of the 500 of a zombie. Another error is still a plain 500.
 */
class RequestFatalErrorTest {
    /** An endpoint that fails as a request can when the heap is exhausted. */
    @Path("/boom")
    @Produces(MediaType.APPLICATION_JSON)
    public static final class Boom {
        @GET
        @Path("/oom")
        public String oom() {
            throw new OutOfMemoryError("simulated: Java heap space");
        }

        @GET
        @Path("/bug")
        public String bug() {
            throw new IllegalStateException("an ordinary bug");
        }
    }

    @TempDir
    java.nio.file.Path dir;
    private EngineFixture fixture;
    private HookwrightServer server;
    private FatalErrors fatal;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        fixture = new EngineFixture(dir, 9, EngineFixture.webhook("erp", "/erp", "synchronous false"));
        Engine engine = fixture.engine();
        fatal = new FatalErrors(Clock.systemUTC());
        ServerContext context = new ServerContext(engine, dir.resolve("webhooks"), dir.resolve("workspace"),
                EngineFixture.SECRETS, Clock.systemUTC(), 1024 * 1024, Duration.ofSeconds(60));
        server = HookwrightServer.start("127.0.0.1", 0, context, Tokens.of("t", "t", java.util.Set.of()),
                List.of(HealthResource.class, Boom.class), List.of(new HealthChecks(engine, fixture.database, fatal)),
                fatal);
    }

    @AfterEach
    void stop() {
        server.close();
        fixture.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anOutOfMemoryErrorInARequestIsFatal() throws Exception {
        assertEquals(500, get("/boom/bug").statusCode(), "an ordinary error is a 500, not fatal");
        assertEquals(200, get("/health").statusCode());

        HttpResponse<String> oom = get("/boom/oom");
        assertEquals(503, oom.statusCode(), oom.body());
        assertTrue(fatal.first().isPresent());
        assertTrue(fatal.first().get().describe().contains("OutOfMemoryError"), fatal.first().get().describe());

        HttpResponse<String> health = get("/health");
        assertEquals(503, health.statusCode(), health.body());
        assertTrue(health.body().contains("OutOfMemoryError"), health.body());
        assertEquals(503, get("/boom/bug").statusCode(), "every request is refused now");
    }

    @Test
    void listenersHearOfTheFirstFatalErrorOnce() throws Exception {
        java.util.concurrent.atomic.AtomicInteger heard = new java.util.concurrent.atomic.AtomicInteger();
        fatal.onFatal(heard::incrementAndGet);
        get("/boom/oom");
        fatal.record(new OutOfMemoryError("again"), "elsewhere");
        assertEquals(1, heard.get());
        fatal.onFatal(heard::incrementAndGet);
        assertEquals(2, heard.get(), "a listener that comes later hears of it at once");
    }
}
