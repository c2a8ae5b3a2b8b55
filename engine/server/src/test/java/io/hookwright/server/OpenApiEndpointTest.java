package io.hookwright.server;

import io.hookwright.execution.EngineFixture;
import io.hookwright.server.auth.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.Arguments;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /openapi.json}: open, OpenAPI 3.1, and true: the scope it gives each operation is the one the server
 * enforces ({@link AuthMatrixTest} tries every one), and it names every endpoint the server has and nothing else.
 */
class OpenApiEndpointTest {
    @TempDir
    static Path dir;
    private static ServerFixture server;
    private static Map<String, Object> document;

    @BeforeAll
    static void start() {
        server = new ServerFixture(dir, 9, EngineFixture.webhook("erp", "/erp", "synchronous false"));
        HttpResponse<String> answer = server.send("GET", "/openapi.json", null, null);
        assertEquals(200, answer.statusCode(), "open, without a token: " + answer.body());
        assertEquals("application/json", answer.headers().firstValue("Content-Type").orElse(null));
        document = ServerFixture.json(answer);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** One operation: its method, path template and the scope its security names (null when open). */
    private record Operation(String method, String path, String scope) {
        boolean serves(String method, String concrete) {
            return this.method.equals(method) && Pattern.matches(path.replaceAll("\\{\\w+}", "[^/]+"), concrete);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        ((Map<String, Map<String, Map<String, Object>>>) document.get("paths")).forEach((path, byMethod) ->
                byMethod.forEach((method, operation) -> {
                    List<Map<String, List<String>>> security = (List<Map<String, List<String>>>) operation.get("security");
                    operations.add(new Operation(method.toUpperCase(), path,
                            security.isEmpty() ? null : security.get(0).get("bearer").get(0)));
                }));
        return operations;
    }

    @Test
    void isAnOpenApiDocumentOfTheRestApiAlone() {
        assertEquals("3.1.0", document.get("openapi"));
        Set<String> paths = new TreeSet<>(((Map<String, ?>) document.get("paths")).keySet());
        assertTrue(paths.containsAll(Set.of("/events", "/transactions/{id}/commit", "/runs/{id}/redeliver",
                "/webhooks/{code}", "/admin/reload", "/health", "/openapi.json")), paths.toString());
        assertFalse(paths.stream().anyMatch(p -> p.startsWith("/ui") || p.startsWith("/login") || p.endsWith(".css")),
                "the web page is not the REST API: " + paths);
    }

    @Test
    void everyOperationNeedsTheScopeTheServerEnforcesAndOnlyHealthAndThisAreOpen() {
        List<Operation> operations = operations();
        List<Operation> covered = new ArrayList<>();
        AuthMatrixTest.endpoints().map(Arguments::get).forEach(args -> {
            String method = (String) args[0];
            String path = ((String) args[1]).replaceFirst("\\?.*", "");
            Scope scope = (Scope) args[2];
            Operation operation = operations.stream().filter(o -> o.serves(method, path)).findFirst()
                    .orElseThrow(() -> new AssertionError(method + " " + path + " is served but not in /openapi.json"));
            assertEquals(scope.word(), operation.scope(), method + " " + path);
            covered.add(operation);
        });
        Set<String> open = new TreeSet<>();
        for (Operation operation : operations) {
            if (operation.scope() == null) {
                open.add(operation.method() + " " + operation.path());
            } else {
                assertTrue(covered.contains(operation), operation + " is in /openapi.json but no test checks its scope");
            }
        }
        assertEquals(Set.of("GET /health", "GET /openapi.json"), open);
    }

    @Test
    @SuppressWarnings("unchecked")
    void parametersAndBodiesAreThoseTheResourcesTake() {
        Map<String, Map<String, Map<String, Object>>> paths = (Map<String, Map<String, Map<String, Object>>>) document.get("paths");
        List<Map<String, Object>> runs = (List<Map<String, Object>>) paths.get("/runs").get("get").get("parameters");
        assertEquals(List.of("webhook", "outcome", "since", "until", "eventType", "q", "after", "limit"),
                runs.stream().map(p -> p.get("name")).toList());
        assertEquals(Map.of("type", "integer", "default", "50"), runs.get(7).get("schema"));
        assertEquals("array", ((Map<String, Object>) runs.get(1).get("schema")).get("type"));
        Map<String, Object> events = paths.get("/events").get("post");
        assertTrue(((Map<String, Object>) ((Map<String, Object>) events.get("requestBody")).get("content"))
                .containsKey("application/json"), events.toString());
        assertTrue(((Map<String, Object>) events.get("responses")).containsKey("default"), "errors are problems");
    }
}
