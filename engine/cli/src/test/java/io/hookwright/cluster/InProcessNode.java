package io.hookwright.cluster;

import io.hookwright.definitions.DefinitionCompiler;
import io.hookwright.git.GitRevisions;
import io.hookwright.delivery.DeliverySettings;
import io.hookwright.delivery.TargetPolicy;
import io.hookwright.event.EventJson;
import io.hookwright.execution.Engine;
import io.hookwright.execution.LoadedDefinitions;
import io.hookwright.server.ServerSettings;
import io.hookwright.server.Serving;
import io.hookwright.server.auth.Scope;
import io.hookwright.server.auth.Tokens;
import io.hookwright.store.Database;
import io.hookwright.testdb.Backend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An engine node serving over HTTP, in the test's JVM, on a database other nodes share: what {@code serve --db-url}
 * builds, with its own definitions folder and node name. An admin token {@value #TOKEN} opens every endpoint.
 */
final class InProcessNode implements AutoCloseable {
    static final String TOKEN = "token-admin";
    private final Database database;
    private final Serving serving;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    InProcessNode(String url, String node, Path folder, int receiverPort) {
        this.database = Backend.open(url);
        DefinitionCompiler.Compilation compiled = new DefinitionCompiler().compile(folder);
        assertTrue(compiled.valid(), () -> compiled.errors().toString());
        Engine.Builder builder = Engine.builder(database, new LoadedDefinitions(compiled.definitions(), GitRevisions.INSTANCE.of(folder)))
                .targetPolicy(new TargetPolicy(List.of(TargetPolicy.Allowed.parse("localhost:" + receiverPort)), false))
                .delivery(DeliverySettings.builder().node(node).pollInterval(Duration.ofMillis(500)).build());
        this.serving = Serving.start(builder, database, ServerSettings.builder().port(0).definitionsFolder(folder)
                .workspace(folder.resolveSibling("workspace")).build(), Tokens.of("admin", TOKEN, EnumSet.of(Scope.ADMIN)));
    }

    Engine engine() {
        return serving.engine();
    }

    HttpResponse<String> send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serving.server().port() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + TOKEN)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> json(String method, String path, String json) {
        HttpResponse<String> response = send(method, path, json);
        assertTrue(response.statusCode() / 100 == 2, () -> method + " " + path + ": " + response.statusCode() + " "
                + response.body());
        try {
            return EventJson.MAPPER.readValue(response.body(), Map.class);
        } catch (IOException e) {
            throw new AssertionError("not a JSON object: " + response.body(), e);
        }
    }

    /** The revision of the definitions this node runs, as {@code /health} says. */
    String revision() {
        return (String) json("GET", "/health", null).get("revision");
    }

    @Override
    public void close() {
        serving.close();
        database.close();
    }
}
