package io.hookwright.store;

import io.hookwright.errors.StoreUnavailableException;
import io.hookwright.store.Schema.Outbox;
import io.hookwright.store.Schema.Runs;
import io.hookwright.store.Schema.SchemaVersion;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Backups of a SQLite database while engines use it: {@code VACUUM INTO} writes, from one read transaction, everything
 * committed when it began (what is still in the write-ahead log included) as one whole database file, needing no
 * {@code -wal} beside it; writers go on meanwhile. The copy is then read on its own and checked.
 */
public final class Backups {
    private Backups() {
    }

    /**
     * What a backup holds, read from the copy itself.
     *
     * @param schemaVersion the copy's schema version: an engine of that version or later runs on it
     */
    public record Backup(Path file, long bytes, int schemaVersion, int runs, int queued) {
    }

    /**
     * Writes a backup of {@code database} to {@code target}, a file that must not exist yet, and checks it.
     *
     * @throws IllegalArgumentException  when the database is PostgreSQL's (pg_dump backs it up), or the target exists
     * @throws StoreUnavailableException when SQLite could not write the copy, or the copy does not read back whole
     */
    public static Backup write(Database database, Path target) {
        if (database.kind() != Dialect.SQLITE) {
            throw new IllegalArgumentException("a backup copies a SQLite database; back up PostgreSQL with its own "
                    + "tools (pg_dump, or a base backup with its write-ahead log)");
        }
        Path copy = target.toAbsolutePath();
        if (Files.exists(copy)) {
            throw new IllegalArgumentException(copy + " exists: a backup never overwrites a file; give a new one");
        }
        database.attempt("writing a backup to " + copy, () -> database.dsl().connection(connection -> {
            try (PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
                vacuum.setString(1, copy.toString());
                vacuum.execute();
            }
        }));
        return check(copy);
    }

    /** Reads the copy alone, read-only: SQLite's quick check, then what it holds. */
    private static Backup check(Path copy) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + copy)) {
            DSLContext dsl = DSL.using(connection, Dialect.SQLITE.sql());
            String verdict = String.valueOf(dsl.fetchValue("PRAGMA quick_check"));
            if (!"ok".equals(verdict)) {
                throw new StoreUnavailableException("the backup " + copy + " does not read back whole: " + verdict, null);
            }
            Integer version = dsl.select(DSL.max(SchemaVersion.VERSION)).from(SchemaVersion.TABLE).fetchOne(0, Integer.class);
            int runs = dsl.fetchCount(Runs.TABLE);
            int queued = dsl.fetchCount(Outbox.TABLE);
            return new Backup(copy, Files.size(copy), version == null ? 0 : version, runs, queued);
        } catch (SQLException | org.jooq.exception.DataAccessException e) {
            throw new StoreUnavailableException("the backup " + copy + " could not be read back: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StoreUnavailableException("the backup " + copy + " could not be measured: " + e.getMessage(), e);
        }
    }
}
