package io.hookwright.store;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;

/**
 * The engine's database: where the outbox and the run log live. SQLite by default, in WAL mode so readers do
 * not wait for the writer, with a busy timeout so concurrent writers queue instead of failing.
 */
public final class Database {
    /** How long a writer waits for another writer's lock before SQLite reports the database busy. */
    static final int BUSY_TIMEOUT_MS = 10_000;

    /** jOOQ reports each connection's dialect check at INFO; held here so the level sticks (JUL keeps loggers weakly). */
    private static final java.util.logging.Logger JOOQ_LOG = java.util.logging.Logger.getLogger("org.jooq");

    static {
        // jOOQ prints a banner and a tip on first use; an engine's log is not the place for them.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        JOOQ_LOG.setLevel(java.util.logging.Level.WARNING);
    }


    private final DataSource dataSource;
    private final SQLDialect dialect;

    private Database(DataSource dataSource, SQLDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /** Opens (creating if needed) a SQLite database file and brings its schema up to date. */
    public static Database sqlite(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        Database database = new Database(source, SQLDialect.SQLITE);
        Migrations.apply(database.dsl());
        return database;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public SQLDialect dialect() {
        return dialect;
    }

    public DSLContext dsl() {
        return DSL.using(dataSource, dialect);
    }
}
