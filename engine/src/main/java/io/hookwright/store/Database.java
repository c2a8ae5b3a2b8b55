package io.hookwright.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.sqlite.BusyHandler;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine's database: where the outbox and the run log live. SQLite by default, in WAL mode so readers do
 * not wait for the writer; a writer waits up to 10 s for another's lock ({@link PromptBusyHandler}) instead of
 * failing. Connections are pooled: opening one costs more than most statements the engine runs, and closing the
 * last one makes SQLite checkpoint and drop its write-ahead log.
 */
public final class Database implements AutoCloseable {
    /** How long a writer waits for another writer's lock before SQLite reports the database busy. */
    static final int BUSY_TIMEOUT_MS = 10_000;
    /** SQLite has one writer at a time; these are for the engine's threads and its callers' reads. */
    static final int POOL_SIZE = 8;
    /** Kept so the level set on it holds: the pool tells of every start and stop at INFO. */
    private static final Logger POOL_LOG = Logger.getLogger("com.zaxxer.hikari");

    /** jOOQ reports each connection's dialect check at INFO; held here so the level sticks (JUL keeps loggers weakly). */
    private static final Logger JOOQ_LOG = Logger.getLogger("org.jooq");

    static {
        // jOOQ prints a banner and a tip on first use; an engine's log is not the place for them.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        JOOQ_LOG.setLevel(Level.WARNING);
        POOL_LOG.setLevel(Level.WARNING);
    }

    private final DataSource dataSource;
    private final SQLDialect dialect;
    private final DSLContext dsl;

    private Database(DataSource dataSource, SQLDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.dsl = DSL.using(dataSource, dialect);
    }

    /** Opens (creating if needed) a SQLite database file and brings its schema up to date. */
    public static Database sqlite(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        SQLiteDataSource source = new SQLiteDataSource(config) {
            @Override
            public SQLiteConnection getConnection(String user, String password) throws SQLException {
                SQLiteConnection connection = super.getConnection(user, password);
                BusyHandler.setHandler(connection, new PromptBusyHandler(BUSY_TIMEOUT_MS));
                return connection;
            }
        };
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(source);
        pool.setPoolName("hookwright " + file.getFileName());
        pool.setMaximumPoolSize(POOL_SIZE);
        pool.setMinimumIdle(1);
        HikariDataSource pooled;
        try {
            pooled = new HikariDataSource(pool);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new DataAccessException("could not open the database " + file.toAbsolutePath() + ": "
                    + cause.getMessage(), cause);
        }
        Database database = new Database(pooled, SQLDialect.SQLITE);
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
        return dsl;
    }

    /** Closes the pooled connections. */
    @Override
    public void close() {
        if (dataSource instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the database failed", e);
            }
        }
    }
}
