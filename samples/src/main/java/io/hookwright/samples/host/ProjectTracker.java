package io.hookwright.samples.host;

import io.hookwright.event.Entity;
import io.hookwright.event.Event;
import io.hookwright.event.EntityRef;
import io.hookwright.event.Initiator;
import io.hookwright.execution.Engine;
import io.hookwright.execution.Published;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A host that embeds the engine: a tiny project tracker keeping its projects in the engine's SQLite database, so
 * async-inside webhooks are queued in the same transaction as its own writes.
 */
public final class ProjectTracker {
    private final Path database;
    private final Engine engine;

    public ProjectTracker(Path database, Engine engine) throws SQLException {
        this.database = database;
        this.engine = engine;
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("create table if not exists projects (id text primary key, key text not null, budget integer not null)");
        }
    }

    public void create(String id, String key, long budget) throws SQLException {
        try (Connection c = connect();
             PreparedStatement p = c.prepareStatement("insert into projects (id, key, budget) values (?, ?, ?)")) {
            p.setString(1, id);
            p.setString(2, key);
            p.setLong(3, budget);
            p.executeUpdate();
        }
    }

    /**
     * Changes a project's budget and tells the engine, in one transaction. With {@code commit} false the host changes
     * its mind and rolls back. Returns what each webhook did once the transaction ended.
     *
     * @throws io.hookwright.errors.WebhookVetoedException when a sync-inside webhook refused: nothing was saved
     */
    public Published setBudget(String id, long budget, boolean commit) throws SQLException {
        try (Connection c = connect(); var tx = engine.begin(c)) {
            String key;
            long before;
            try (PreparedStatement p = c.prepareStatement("select key, budget from projects where id = ?")) {
                p.setString(1, id);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        throw new IllegalArgumentException("no project " + id);
                    }
                    key = r.getString(1);
                    before = r.getLong(2);
                }
            }
            try (PreparedStatement p = c.prepareStatement("update projects set budget = ? where id = ?")) {
                p.setLong(1, budget);
                p.setString(2, id);
                p.executeUpdate();
            }
            tx.publish(Event.builder("Project:Updated")
                    .tenant("acme")
                    .initiator(new Initiator("u-1", "Anna Doe", "anna.doe@acme.example.com"))
                    .entity(new Entity("Project", id, key, Map.of("Budget", budget)))
                    .before(Map.of("Budget", before))
                    .parent(new EntityRef("Portfolio", "pf-1", "DIGITAL"))
                    .build());
            if (commit) {
                tx.commit();
            } else {
                tx.rollback();
            }
            return tx.results().get(0);
        }
    }

    public long budget(String id) throws SQLException {
        try (Connection c = connect();
             PreparedStatement p = c.prepareStatement("select budget from projects where id = ?")) {
            p.setString(1, id);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("pragma busy_timeout = 10000");
        }
        return c;
    }
}
