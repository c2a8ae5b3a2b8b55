package io.hookwright.server;

import io.hookwright.execution.EngineFixture;
import io.hookwright.server.auth.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every endpoint × no token, a token of every other scope, and the right one: 401, 403, and neither. */
class AuthMatrixTest {
    @TempDir
    static Path dir;
    private static ServerFixture server;

    @BeforeAll
    static void start() {
        server = new ServerFixture(dir, 9, EngineFixture.webhook("erp", "/erp", "synchronous false"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> endpoints() {
        String event = "{\"type\": \"Project:Updated\", \"entity\": {\"type\": \"Project\", \"id\": \"p-1\", \"key\": \"DEMO\"}}";
        return Stream.of(
                Arguments.of("POST", "/events", Scope.EVENTS_WRITE, event),
                Arguments.of("POST", "/transactions", Scope.EVENTS_WRITE, null),
                Arguments.of("POST", "/transactions/tx_x/events", Scope.EVENTS_WRITE, event),
                Arguments.of("POST", "/transactions/tx_x/commit", Scope.EVENTS_WRITE, null),
                Arguments.of("POST", "/transactions/tx_x/rollback", Scope.EVENTS_WRITE, null),
                Arguments.of("POST", "/admin/reload", Scope.ADMIN, null),
                Arguments.of("GET", "/webhooks", Scope.WEBHOOKS_READ, null),
                Arguments.of("GET", "/webhooks/erp", Scope.WEBHOOKS_READ, null),
                Arguments.of("GET", "/webhooks/erp/history", Scope.WEBHOOKS_READ, null),
                Arguments.of("POST", "/webhooks", Scope.WEBHOOKS_CREATE, "{}"),
                Arguments.of("GET", "/webhooks/erp/definition", Scope.WEBHOOKS_READ, null),
                Arguments.of("GET", "/webhooks/erp/source", Scope.WEBHOOKS_READ, null),
                Arguments.of("PUT", "/webhooks/erp", Scope.WEBHOOKS_WRITE, "{}"),
                Arguments.of("DELETE", "/webhooks/erp", Scope.WEBHOOKS_DELETE, null),
                Arguments.of("DELETE", "/webhooks?all=true", Scope.WEBHOOKS_DELETE, null),
                Arguments.of("POST", "/webhooks/erp/activate", Scope.WEBHOOKS_WRITE, null),
                Arguments.of("POST", "/webhooks/erp/deactivate", Scope.WEBHOOKS_WRITE, null),
                Arguments.of("POST", "/webhooks/erp/test", Scope.WEBHOOKS_WRITE, "{\"event\": " + event + "}"),
                Arguments.of("POST", "/dry-run", Scope.WEBHOOKS_READ, "{\"event\": " + event + "}"),
                Arguments.of("GET", "/runs", Scope.RUNS_READ, null),
                Arguments.of("GET", "/runs/run_x", Scope.RUNS_READ, null),
                Arguments.of("POST", "/runs/run_x/redeliver", Scope.RUNS_REDELIVER, null),
                Arguments.of("POST", "/runs/run_x/skip", Scope.RUNS_REDELIVER, null),
                Arguments.of("GET", "/metrics", Scope.RUNS_READ, null));
    }

    @ParameterizedTest(name = "{0} {1} needs {2}")
    @MethodSource("endpoints")
    void onlyTheRightScopeGetsThrough(String method, String path, Scope scope, String body) {
        HttpResponse<String> none = server.send(method, path, null, body);
        assertEquals(401, none.statusCode(), none.body());
        assertEquals(401, server.send(method, path, "hwt_not-a-token", body).statusCode());
        Arrays.stream(Scope.values()).filter(s -> s != scope && s != Scope.ADMIN).forEach(other -> {
            HttpResponse<String> wrong = server.send(method, path, ServerFixture.token(other), body);
            assertEquals(403, wrong.statusCode(), other.word() + ": " + wrong.body());
            assertTrue(wrong.body().contains(scope.word()), wrong.body());
        });
        for (Scope allowed : scope == Scope.ADMIN ? new Scope[]{Scope.ADMIN} : new Scope[]{scope, Scope.ADMIN}) {
            HttpResponse<String> right = server.send(method, path, ServerFixture.token(allowed), body);
            assertTrue(right.statusCode() != 401 && right.statusCode() != 403 && right.statusCode() < 500,
                    allowed.word() + ": " + right.statusCode() + " " + right.body());
        }
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void errorsAreProblemBodies(String method, String path, Scope scope, String body) {
        HttpResponse<String> none = server.send(method, path, null, body);
        assertEquals("application/problem+json", none.headers().firstValue("Content-Type").orElse(null));
        assertEquals(401, ServerFixture.json(none).get("status"));
    }
}
