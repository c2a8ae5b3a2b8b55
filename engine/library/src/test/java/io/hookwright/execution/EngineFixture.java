package io.hookwright.execution;

import io.hookwright.definitions.DefinitionCompiler;
import io.hookwright.delivery.DeliverySettings;
import io.hookwright.delivery.TargetPolicy;
import io.hookwright.dsl.model.DefinitionError;
import io.hookwright.event.Entity;
import io.hookwright.event.Event;
import io.hookwright.event.Initiator;
import io.hookwright.render.Secrets;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import io.hookwright.runlog.RunQuery;
import io.hookwright.store.Database;
import io.hookwright.testdb.Backend;
import io.hookwright.testing.SettableClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An engine on a real database (a SQLite file, or a PostgreSQL database of its own), sending over loopback to a
 * WireMock receiver, with a host that keeps its own table ({@code host_projects}) in the same database and a clock
 * the test moves.
 */
public final class EngineFixture implements AutoCloseable {
    public static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    public static final String SIGNING = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public static final Secrets SECRETS = Secrets.of(Map.of("ERP_TOKEN", "t0ken-value", "ERP_SIGNING", SIGNING));

    public final SettableClock clock = new SettableClock(T0);
    public final Path dir;
    /** The engine's database, which the host's connections ({@link #connect}) open too. */
    public final String url;
    public final Database database;
    public final int port;
    private Engine engine;

    /**
     * @param definitions the {@code webhooks/hooks.groovy} file; {@code RECEIVER} in it stands for
     *                    {@code http://localhost:PORT}
     */
    public EngineFixture(Path dir, int port, String definitions) {
        this(Backend.SQLITE, dir, port, definitions);
    }

    /** The same on {@code backend}: a SQLite file in {@code dir}, or a fresh PostgreSQL database. */
    public EngineFixture(Backend backend, Path dir, int port, String definitions) {
        this(backend, dir, port, definitions, Backend::open);
    }

    /** The same with the engine's database opened on the new database's URL by {@code open}: a host's own pool. */
    public EngineFixture(Backend backend, Path dir, int port, String definitions, Function<String, Database> open) {
        this.dir = dir;
        this.port = port;
        this.url = backend.url(dir);
        this.database = open.apply(url);
        write("hooks.groovy", definitions.replace("RECEIVER", "http://localhost:" + port));
        try (Connection c = connect()) {
            createHostTable(c);
        } catch (SQLException e) {
            database.close();
            throw new IllegalStateException(e);
        }
    }

    /** A webhook on {@code Project:Updated} posting the project to {@code RECEIVER/path}. */
    public static String webhook(String code, String path, String execution) {
        return """
                webhook('%s') {
                    on 'Project:Updated'
                    request {
                        post 'RECEIVER%s'
                        header 'Content-Type', 'application/json'
                        header 'Authorization', 'Bearer ${secrets.ERP_TOKEN}'
                        body '''{"project": "${entity.key}", "message": "${message.id}"}'''
                        signingSecret 'ERP_SIGNING'
                    }
                    execution {
                %s
                    }
                }
                """.formatted(code, path, execution.indent(8).stripTrailing());
    }

    public void write(String file, String text) {
        try {
            Path path = dir.resolve("webhooks").resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public LoadedDefinitions compile(String revision) {
        DefinitionCompiler.Compilation compilation = new DefinitionCompiler().compile(dir.resolve("webhooks"));
        assertTrue(compilation.valid(), () -> compilation.errors().stream().map(DefinitionError::format)
                .collect(Collectors.joining("\n")));
        return new LoadedDefinitions(compilation.definitions(), revision);
    }

    public Engine.Builder builder() {
        return builder(database);
    }

    /** The engine's settings on {@code store}: this fixture's database seen through a wrapper, say. */
    public Engine.Builder builder(Database store) {
        return Engine.builder(store, compile("rev-1"))
                .secrets(SECRETS)
                .clock(clock)
                .targetPolicy(new TargetPolicy(List.of(TargetPolicy.Allowed.parse("localhost:" + port)), false))
                .delivery(DeliverySettings.builder().node("test").pollInterval(Duration.ofMillis(200)).build());
    }

    /** The engine, built with defaults and started. */
    public Engine engine() {
        return engine(UnaryOperator.identity());
    }

    public Engine engine(UnaryOperator<Engine.Builder> settings) {
        if (engine == null) {
            engine = settings.apply(builder()).build().start();
        }
        return engine;
    }

    /** The engine built with defaults and never started: its async deliveries go when the test calls {@code runDue}. */
    public ManualEngine manual() {
        return manual(UnaryOperator.identity());
    }

    public ManualEngine manual(UnaryOperator<Engine.Builder> settings) {
        if (engine != null) {
            throw new IllegalStateException("this fixture already has an engine");
        }
        ManualEngine manual = ManualEngine.of(settings.apply(builder()));
        engine = manual.engine();
        return manual;
    }

    /** Takes an engine built and started elsewhere (by the server) for {@link #runs}, {@link #awaitIdle} and close. */
    public Engine adopt(Engine started) {
        engine = started;
        return started;
    }

    /** A host connection to the engine's database, as a host that keeps its data there has. */
    public Connection connect() throws SQLException {
        return connect(url);
    }

    /** A host's own JDBC connection (not the engine's pool) to the database at {@code url}. */
    public static Connection connect(String url) throws SQLException {
        Connection c = DriverManager.getConnection(url);
        if (url.startsWith("jdbc:sqlite:")) {
            // As the engine's own connections do: wait for another writer's lock instead of failing at once.
            try (Statement s = c.createStatement()) {
                s.execute("pragma busy_timeout = 10000");
            }
        }
        return c;
    }

    /** The host's own table, the same on SQLite and PostgreSQL. */
    public static void createHostTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("create table if not exists host_projects (id text primary key, name text not null)");
        }
    }

    public static void insertProject(Connection c, String id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("insert into host_projects (id, name) values (?, ?)")) {
            p.setString(1, id);
            p.setString(2, "Project " + id);
            p.executeUpdate();
        }
    }

    /** Whether the host's row is there, seen from another connection: committed, that is. */
    public boolean projectCommitted(String id) {
        return projectCommitted(url, id);
    }

    /** Whether the host's row is committed in the database at {@code url}. */
    public static boolean projectCommitted(String url, String id) {
        try (Connection c = connect(url);
             PreparedStatement p = c.prepareStatement("select count(*) from host_projects where id = ?")) {
            p.setString(1, id);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getInt(1) == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The event a host publishes when it changes project {@code id}. */
    public static Event projectUpdated(String id) {
        return Event.builder("Project:Updated").id("evt-" + id).tenant("acme")
                .initiator(new Initiator("u-1", "Anna Doe", "anna"))
                .entity(new Entity("Project", id, "KEY-" + id, Map.of("Status", "Done")))
                .before(Map.of("Status", "On track")).build();
    }

    public List<Run> runs() {
        return engine.runs(RunQuery.latest(10_000)).reversed();
    }

    public List<Outcome> outcomes() {
        return runs().stream().map(Run::outcome).toList();
    }

    public void awaitIdle() {
        try {
            assertTrue(ManualEngine.awaitIdle(engine, Duration.ofSeconds(30)), "the engine did not settle within 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the engine and closes the database's pool (and its PostgreSQL listener): many test classes share a JVM. */
    @Override
    public void close() {
        try {
            if (engine != null) {
                engine.close();
            }
        } finally {
            database.close();
        }
    }
}
