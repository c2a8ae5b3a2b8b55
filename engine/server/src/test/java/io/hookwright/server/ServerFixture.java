package io.hookwright.server;

import io.hookwright.execution.Engine;
import io.hookwright.execution.EngineFixture;
import io.hookwright.render.Secrets;
import io.hookwright.server.auth.PageOrigin;
import io.hookwright.server.auth.Scope;
import io.hookwright.server.auth.Tokens;
import io.hookwright.store.Database;
import io.hookwright.testdb.Backend;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The server over real HTTP on a free loopback port, in front of an {@link EngineFixture} engine, with one token
 * per scope ({@code token-<scope>}, e.g. {@code token-events:write}) and an admin token ({@code token-admin}).
 */
public final class ServerFixture implements AutoCloseable {
    public final EngineFixture engineFixture;
    public final Engine engine;
    public final HookwrightServer server;
    public final io.hookwright.ingest.HttpTransactions transactions;
    public final Serving serving;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public ServerFixture(Path dir, int receiverPort, String definitions) {
        this(dir, receiverPort, definitions, 1024 * 1024);
    }

    public ServerFixture(Path dir, int receiverPort, String definitions, long maxBodyBytes) {
        this(Backend.SQLITE, dir, receiverPort, definitions, maxBodyBytes);
    }

    /** The same on {@code backend}: a SQLite file in {@code dir}, or a fresh PostgreSQL database. */
    public ServerFixture(Backend backend, Path dir, int receiverPort, String definitions, long maxBodyBytes) {
        this(backend, dir, receiverPort, definitions, maxBodyBytes, EngineFixture.SECRETS, UnaryOperator.identity(),
                PageOrigin.OF_REQUEST, null);
    }

    /** The same on a SQLite file whose connections the engine and server take through {@code store}. */
    public ServerFixture(Path dir, int receiverPort, String definitions, UnaryOperator<DataSource> store) {
        this(Backend.SQLITE, dir, receiverPort, definitions, 1024 * 1024, EngineFixture.SECRETS,
                UnaryOperator.identity(), PageOrigin.OF_REQUEST, store);
    }

    /** The same with other secrets, and the engine's settings changed by {@code settings} (a target policy, say). */
    public ServerFixture(Path dir, int receiverPort, String definitions, long maxBodyBytes, Secrets secrets,
                         UnaryOperator<Engine.Builder> settings) {
        this(Backend.SQLITE, dir, receiverPort, definitions, maxBodyBytes, secrets, settings, PageOrigin.OF_REQUEST, null);
    }

    /** The same on {@code backend}, with the engine's settings changed by {@code settings}. */
    public ServerFixture(Backend backend, Path dir, int receiverPort, String definitions,
                         UnaryOperator<Engine.Builder> settings) {
        this(backend, dir, receiverPort, definitions, 1024 * 1024, EngineFixture.SECRETS, settings, PageOrigin.OF_REQUEST,
                null);
    }

    /** The same with the web page served at a public URL, by a proxy in front of this server. */
    public ServerFixture(Path dir, int receiverPort, String definitions, PageOrigin pageOrigin) {
        this(Backend.SQLITE, dir, receiverPort, definitions, 1024 * 1024, EngineFixture.SECRETS,
                UnaryOperator.identity(), pageOrigin, null);
    }

    /** The same with serve's settings changed by {@code server} (authoring, push) and the tokens by {@code tokens}. */
    public ServerFixture(Path dir, int receiverPort, String definitions, UnaryOperator<ServerSettings.Builder> server,
                         UnaryOperator<Tokens> tokens) {
        this(Backend.SQLITE, dir, receiverPort, definitions, 1024 * 1024, EngineFixture.SECRETS,
                UnaryOperator.identity(), PageOrigin.OF_REQUEST, null, server, tokens);
    }

    private ServerFixture(Backend backend, Path dir, int receiverPort, String definitions, long maxBodyBytes,
                          Secrets secrets, UnaryOperator<Engine.Builder> settings, PageOrigin pageOrigin,
                          UnaryOperator<DataSource> store) {
        this(backend, dir, receiverPort, definitions, maxBodyBytes, secrets, settings, pageOrigin, store,
                UnaryOperator.identity(), UnaryOperator.identity());
    }

    private ServerFixture(Backend backend, Path dir, int receiverPort, String definitions, long maxBodyBytes,
                          Secrets secrets, UnaryOperator<Engine.Builder> settings, PageOrigin pageOrigin,
                          UnaryOperator<DataSource> store, UnaryOperator<ServerSettings.Builder> serve,
                          UnaryOperator<Tokens> more) {
        engineFixture = new EngineFixture(backend, dir, receiverPort, definitions);
        Database database = store == null ? engineFixture.database : engineFixture.database.through(store);
        Tokens tokens = null;
        for (Scope scope : Scope.values()) {
            tokens = tokens == null ? Tokens.of(scope.word(), token(scope), EnumSet.of(scope))
                    : tokens.and(scope.word(), token(scope), EnumSet.of(scope));
        }
        serving = Serving.start(settings.apply(engineFixture.builder(database).secrets(secrets)), database,
                serve.apply(ServerSettings.builder().port(0).definitionsFolder(dir.resolve("webhooks"))
                        .workspace(dir.resolve("workspace")).secrets(secrets).clock(engineFixture.clock)
                        .maxBodyBytes(maxBodyBytes).transactionTtl(Duration.ofSeconds(60)).pageOrigin(pageOrigin))
                        .build(), more.apply(tokens));
        engine = engineFixture.adopt(serving.engine());
        server = serving.server();
        transactions = serving.transactions();
    }

    public static String token(Scope scope) {
        return "token-" + scope.word();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** Sends a request; {@code token} null sends none. */
    public HttpResponse<String> send(String method, String path, String token, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> post(String path, Scope scope, String json) {
        return send("POST", path, token(scope), json);
    }

    public HttpResponse<String> get(String path, Scope scope) {
        return send("GET", path, token(scope), null);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> json(HttpResponse<String> response) {
        try {
            return io.hookwright.event.EventJson.MAPPER.readValue(response.body(), Map.class);
        } catch (IOException e) {
            throw new AssertionError("not a JSON object: " + response.body(), e);
        }
    }

    @Override
    public void close() {
        serving.close();
        engineFixture.close();
    }
}
