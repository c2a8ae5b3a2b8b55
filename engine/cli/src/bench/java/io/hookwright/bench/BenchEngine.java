package io.hookwright.bench;

import io.hookwright.definitions.DefinitionCompiler;
import io.hookwright.delivery.DeliverySettings;
import io.hookwright.delivery.TargetPolicy;
import io.hookwright.execution.Engine;
import io.hookwright.execution.LoadedDefinitions;
import io.hookwright.store.Database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * An engine as a host embeds it (not yet started), on a fresh SQLite file in a temporary folder, with one webhook
 * posting {@link Requests#TEMPLATE} to the receiver, and the host's table ({@code host_projects}) in the same database.
 */
final class BenchEngine implements AutoCloseable {
    final Path dir;
    final Path dbFile;
    final Engine engine;

    /**
     * @param execution the webhook's {@code execution { }} block, e.g. {@code synchronous false; transaction 'inside'}
     */
    BenchEngine(Receiver receiver, String webhook, String execution) throws IOException, SQLException {
        this(receiver, webhook, execution, DeliverySettings.DEFAULT_PER_HOST_CONCURRENCY);
    }

    /** @param concurrency requests in flight to the receiver */
    BenchEngine(Receiver receiver, String webhook, String execution, int concurrency) throws IOException, SQLException {
        dir = Files.createTempDirectory("hookwright-delivery-bench-");
        dbFile = dir.resolve("hookwright.db");
        LoadedDefinitions definitions = definitions(dir.resolve("webhooks"), receiver, webhook, execution);
        Database database = Database.sqlite(dbFile);
        try (Connection host = host(); Statement s = host.createStatement()) {
            s.execute("create table host_projects (id text primary key, name text not null)");
        }
        engine = Engine.builder(database, definitions)
                .targetPolicy(new TargetPolicy(List.of(TargetPolicy.Allowed.parse(receiver.hostAndPort())), false))
                .delivery(DeliverySettings.builder().node("bench").perHostConcurrency(concurrency).build())
                .build();
    }

    /**
     * Writes the bench webhook into {@code folder} and compiles it.
     *
     * @param execution the webhook's {@code execution { }} block, e.g. {@code synchronous false; transaction 'inside'}
     */
    static LoadedDefinitions definitions(Path folder, Receiver receiver, String webhook, String execution)
            throws IOException {
        write(folder, receiver, webhook, execution, "");
        DefinitionCompiler.Compilation compiled = new DefinitionCompiler().compile(folder);
        if (!compiled.valid()) {
            throw new IllegalStateException("the bench webhook does not compile: " + compiled.errors());
        }
        return new LoadedDefinitions(compiled.definitions(), "bench");
    }

    /**
     * Writes the bench webhook into {@code folder} as {@code bench.groovy}.
     *
     * @param headers more {@code header 'Name', 'value'} lines of the request, or ""
     */
    static void write(Path folder, Receiver receiver, String webhook, String execution, String headers)
            throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("bench.groovy"), """
                webhook('%s') {
                    on 'Project:Updated'
                    request {
                        post '%s/%s'
                        header 'Content-Type', 'application/json'
                        %s
                        body '''%s'''
                    }
                    execution {
                        %s
                    }
                }
                """.formatted(webhook, receiver.base(), webhook, headers, Requests.TEMPLATE, execution));
    }

    /** A host connection to the engine's database, as a host keeping its own tables there has. */
    Connection host() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("pragma busy_timeout = 10000");
        }
        return c;
    }

    @Override
    public void close() {
        engine.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
