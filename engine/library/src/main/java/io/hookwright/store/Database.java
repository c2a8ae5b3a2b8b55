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
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine's database: where the outbox, the run log, the webhooks' states and the published definitions live.
 * <ul>
 * <li>SQLite by default, for one engine process: WAL mode so readers do not wait for the writer; a writer waits up
 * to 10 s for another's lock ({@link PromptBusyHandler}) instead of failing.</li>
 * <li>PostgreSQL for several engine nodes sharing the work: claims lock rows and skip locked ones, and nodes tell
 * each other of changes with {@code LISTEN/NOTIFY} ({@link #notifications}).</li>
 * </ul>
 * Connections are pooled with HikariCP: opening one costs more than most statements the engine runs (and on SQLite,
 * closing the last one makes it checkpoint and drop its write-ahead log).
 */
public final class Database implements AutoCloseable {
    /** How long a writer waits for another writer's lock before SQLite reports the database busy. */
    static final int BUSY_TIMEOUT_MS = 10_000;
    /** SQLite has one writer at a time; these are for the engine's threads and its callers' reads. */
    public static final int SQLITE_POOL_SIZE = 8;
    /** Enough for the claimer, the settlement writer and a server's requests on one node. */
    public static final int POSTGRES_POOL_SIZE = 10;
    private static final String POSTGRES_URL = "jdbc:postgresql:";
    /** Kept so the level set on it holds: the pool tells of every start and stop at INFO. */
    private static final Logger POOL_LOG = Logger.getLogger("com.zaxxer.hikari");

    /** jOOQ reports each connection's dialect check at INFO; held here so the level sticks (JUL keeps loggers weakly). */
    private static final Logger JOOQ_LOG = Logger.getLogger("org.jooq");
    /**
     * jOOQ's open-source edition warns that any PostgreSQL older than the newest is "older than the dialect
     * supports"; the engine's statements are plain, and its tests run on PostgreSQL 17.
     */
    private static final Logger JOOQ_VERSION_LOG = Logger.getLogger("org.jooq.impl.DefaultExecuteContext.logVersionSupport");

    static {
        // jOOQ prints a banner and a tip on first use; an engine's log is not the place for them.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        JOOQ_LOG.setLevel(Level.WARNING);
        JOOQ_VERSION_LOG.setLevel(Level.SEVERE);
        POOL_LOG.setLevel(Level.WARNING);
    }

    private final DataSource dataSource;
    private final Dialect dialect;
    private final DSLContext dsl;
    private final Notifications notifications;
    private final String where;

    private Database(DataSource dataSource, Dialect dialect, Notifications notifications, String where) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.dsl = DSL.using(dataSource, dialect.sql());
        this.notifications = notifications;
        this.where = where;
    }

    /**
     * Opens the database a JDBC URL names, {@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://…}, and brings its
     * schema up to date.
     *
     * @param credentials user and password for PostgreSQL when the URL does not carry them; may be empty
     * @param poolSize    most connections held; 0 for the dialect's default
     */
    public static Database open(String url, Properties credentials, int poolSize) {
        if (url.startsWith(POSTGRES_URL)) {
            return postgres(url, credentials, poolSize > 0 ? poolSize : POSTGRES_POOL_SIZE);
        }
        if (url.startsWith("jdbc:sqlite:")) {
            return sqlite(Path.of(url.substring("jdbc:sqlite:".length())), poolSize > 0 ? poolSize : SQLITE_POOL_SIZE);
        }
        throw new IllegalArgumentException("unsupported database URL " + JdbcUrls.masked(url)
                + ": use jdbc:sqlite:FILE or jdbc:postgresql://HOST[:PORT]/DATABASE");
    }

    /**
     * Opens a PostgreSQL database shared by several engine nodes and brings its schema up to date; concurrent nodes
     * starting at once apply each migration once.
     */
    public static Database postgres(String url, Properties credentials, int poolSize) {
        String where = JdbcUrls.masked(url);
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(url);
        pool.setDataSourceProperties(credentials);
        pool.setPoolName("hookwright postgres");
        pool.setMaximumPoolSize(poolSize);
        pool.setMinimumIdle(Math.min(2, poolSize));
        HikariDataSource pooled = pooled(pool, where);
        Properties listening = new Properties();
        listening.putAll(credentials);
        Notifications notifications = new PostgresNotifications(
                () -> java.sql.DriverManager.getConnection(url, listening), where);
        Database database = new Database(pooled, Dialect.POSTGRES, notifications, where);
        try {
            Migrations.apply(database.dsl(), database.kind());
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    private static HikariDataSource pooled(HikariConfig pool, String where) {
        try {
            return new HikariDataSource(pool);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new DataAccessException("could not open the database " + where + ": " + cause.getMessage(), cause);
        }
    }

    /** Opens (creating if needed) a SQLite database file and brings its schema up to date. */
    public static Database sqlite(Path file) {
        return sqlite(file, SQLITE_POOL_SIZE);
    }

    /** Opens (creating if needed) a SQLite database file, holding up to {@code poolSize} connections. */
    public static Database sqlite(Path file, int poolSize) {
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
        pool.setMaximumPoolSize(poolSize);
        pool.setMinimumIdle(1);
        HikariDataSource pooled = pooled(pool, file.toAbsolutePath().toString());
        Database database = new Database(pooled, Dialect.SQLITE, Notifications.NONE, file.toAbsolutePath().toString());
        Migrations.apply(database.dsl(), database.kind());
        return database;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** jOOQ's dialect, for a {@code DSLContext} on a connection of the caller's. */
    public SQLDialect dialect() {
        return dialect.sql();
    }

    /** What differs between the databases the engine runs on. */
    public Dialect kind() {
        return dialect;
    }

    /** How engine nodes sharing this database tell each other of changes. */
    public Notifications notifications() {
        return notifications;
    }

    /** Where the database is, for people: a file, or a URL without its password. */
    public String where() {
        return where;
    }

    public DSLContext dsl() {
        return dsl;
    }

    /**
     * This database seen through {@code around}, which wraps its connections (tests inject store failures with it).
     * It shares this one's pool and notifications: close this one, not the view.
     */
    public Database through(java.util.function.UnaryOperator<DataSource> around) {
        return new Database(around.apply(dataSource), dialect, notifications, where);
    }

    /** Stops listening and closes the pooled connections. */
    @Override
    public void close() {
        notifications.close();
        if (dataSource instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the database failed", e);
            }
        }
    }
}
