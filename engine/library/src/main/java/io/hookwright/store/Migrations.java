package io.hookwright.store;

import io.hookwright.errors.StoreUnavailableException;
import io.hookwright.store.Schema.SchemaVersion;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The schema's versions, applied in order at start.
 * <p>
 * <b>A released step never changes; a change is a new step.</b> Databases out there were made by the steps as they
 * were released, and each must reach the same schema as a new one. So each step's SQL is frozen as literal text, a
 * file per dialect ({@link Migration}), and reads nothing of {@link Schema}: a column renamed, retyped or dropped
 * there changes no step. To change the schema, add the next version here with its two files (SQLite and
 * PostgreSQL), change {@link Schema} to match, and check in the new version's schema dumps ({@code MigrationsTest}
 * holds every version to its dump).
 * <p>
 * Each step runs in its own transaction with its version row, so a crash mid-way leaves the database at the previous
 * version. A database at a version newer than this code knows is refused, untouched: a newer engine upgraded it, and
 * this one would misread it.
 */
public final class Migrations {
    static final List<Migration> ALL = List.of(
            new Migration(1, "outbox and run log"),
            new Migration(2, "webhook state: failures and deactivation"),
            new Migration(3, "target host and signing secrets on queued and logged requests"),
            new Migration(4, "events received over HTTP, for idempotent ingest"),
            new Migration(5, "node of each run; definitions sets shared by the nodes"),
            new Migration(6, "one lease per worker instead of one per claim"),
            new Migration(7, "received events keyed by caller and event id, with a digest of each event"),
            new Migration(8, "the outbox's unused lease_until dropped"),
            new Migration(9, "runs sent to serve --capture's receiver marked captured"),
            new Migration(10, "each webhook's trail of deactivations and activations"),
            new Migration(11, "messages kept in order per key"));

    private Migrations() {
    }

    /**
     * Brings the schema up to the newest version; returns the versions applied now. Runs on one connection, holding
     * the dialect's migration lock, so nodes starting together apply each version once.
     *
     * @param where the database, for people (a file, or a URL without its password): named when it is refused
     * @throws StoreUnavailableException when the database is at a version newer than this code knows
     */
    public static List<Integer> apply(DSLContext pooled, Dialect dialect, String where) {
        return apply(pooled, dialect, where, latest());
    }

    /** Brings the schema up to version {@code upTo}: for tests that make a database as an earlier engine left it. */
    static List<Integer> apply(DSLContext pooled, Dialect dialect, String where, int upTo) {
        return pooled.connectionResult(connection -> {
            DSLContext dsl = DSL.using(connection, dialect.sql());
            List<List<Integer>> applied = new ArrayList<>();
            dialect.holdingMigrationLock(dsl, () -> applied.add(applyHeld(dsl, dialect, where, upTo)));
            return applied.get(0);
        });
    }

    private static List<Integer> applyHeld(DSLContext dsl, Dialect dialect, String where, int upTo) {
        run(dsl, Migration.script(dialect, "schema-version"));
        Set<Integer> applied = new HashSet<>(dsl.select(SchemaVersion.VERSION).from(SchemaVersion.TABLE)
                .fetch(SchemaVersion.VERSION));
        int recorded = applied.stream().mapToInt(Integer::intValue).max().orElse(0);
        if (recorded > latest()) {
            throw new StoreUnavailableException("the database " + where + " is at schema version " + recorded
                    + ", newer than this engine knows (up to version " + latest() + "): a newer Hookwright upgraded"
                    + " it. Upgrade this engine to that Hookwright version or later; the database was left unchanged.",
                    null);
        }
        List<Integer> now = new ArrayList<>();
        for (Migration migration : ALL) {
            if (migration.version() > upTo || applied.contains(migration.version())) {
                continue;
            }
            dsl.transaction(tx -> {
                DSLContext t = DSL.using(tx);
                run(t, migration.statements(dialect));
                t.insertInto(SchemaVersion.TABLE)
                        .columns(SchemaVersion.VERSION, SchemaVersion.DESCRIPTION, SchemaVersion.APPLIED_AT)
                        .values(migration.version(), migration.description(), System.currentTimeMillis())
                        .execute();
            });
            now.add(migration.version());
        }
        return now;
    }

    /** Runs literal statements as written: plain JDBC, so nothing in them is read as a bind marker or template. */
    private static void run(DSLContext dsl, List<String> statements) {
        dsl.connection(connection -> {
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
        });
    }

    public static int latest() {
        return ALL.get(ALL.size() - 1).version();
    }
}
