package io.hookwright.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.hookwright.errors.StoreUnavailableException;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The engine's database: where the outbox, the run log, the webhooks' states and the published definitions live.
 * <ul>
 * <li>SQLite by default, for one engine process: WAL mode so readers do not wait for the writer; a writer waits up
 * to 10 s for another's lock ({@link PromptBusyHandler}) instead of failing.</li>
 * <li>PostgreSQL for several engine nodes sharing the work: claims lock rows and skip locked ones, and nodes tell
 * each other of changes with {@code LISTEN/NOTIFY} ({@link #notifications}).</li>
 * </ul>
 * {@link #open} pools the engine's own connections with HikariCP: opening one costs more than most statements the
 * engine runs (and on SQLite, closing the last one makes it checkpoint and drop its write-ahead log).
 * {@link #create(DataSource)} runs on a host's own pool instead. Either way the stores fail with a
 * {@link StoreUnavailableException}, and opening changes no setting of the JVM's.
 */
public final class Database implements AutoCloseable {
    /** How long a writer waits for another writer's lock before SQLite reports the database busy. */
    static final int BUSY_TIMEOUT_MS = 10_000;
    /** SQLite has one writer at a time; these are for the engine's threads and its callers' reads. */
    public static final int SQLITE_POOL_SIZE = 8;
    /** Enough for the claimer, the settlement writer and a server's requests on one node. */
    public static final int POSTGRES_POOL_SIZE = 10;
    private static final String POSTGRES_URL = "jdbc:postgresql:";

    private final DataSource dataSource;
    /** False for a host's DataSource: the host closes its own pool. */
    private final boolean ownPool;
    private final Dialect dialect;
    private final DSLContext dsl;
    private final Notifications notifications;
    private final String where;
    private final Path file;

    private Database(DataSource dataSource, boolean ownPool, Dialect dialect, Notifications notifications,
                     String where, Path file) {
        this.dataSource = dataSource;
        this.ownPool = ownPool;
        this.dialect = dialect;
        this.dsl = DSL.using(dataSource, dialect.sql());
        this.notifications = notifications;
        this.where = where;
        this.file = file;
    }

    /**
     * Opens the database a JDBC URL names, {@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://…}, on a pool of
     * the engine's own, and brings its schema up to date.
     *
     * @param credentials user and password for PostgreSQL when the URL does not carry them; may be empty
     * @param poolSize    most connections held; 0 for the dialect's default
     * @throws StoreUnavailableException when the database cannot be reached or its schema brought up to date
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
     * The engine on a host's own pool (as db-scheduler's {@code create(DataSource)}): the database is told by the
     * connections' metadata, SQLite or PostgreSQL, and its schema is brought up to date. Closing the returned
     * database leaves {@code hostPool} open.
     * <ul>
     * <li>On SQLite the database file is put in WAL mode (a setting of the file, kept), and each connection the
     * engine takes from the pool gets the engine's busy handler: a writer waits up to 10 s for another's lock
     * instead of failing at once.</li>
     * <li>On PostgreSQL the engine holds one of the pool's connections for as long as it is open, listening for the
     * other nodes' announcements: size the pool for it.</li>
     * </ul>
     *
     * @throws StoreUnavailableException when no connection can be had, or the schema cannot be brought up to date
     * @throws IllegalArgumentException  when the pool's database is neither SQLite nor PostgreSQL
     */
    public static Database create(DataSource hostPool) {
        String url;
        String product;
        try (Connection connection = hostPool.getConnection()) {
            DatabaseMetaData metadata = connection.getMetaData();
            url = metadata.getURL();
            product = metadata.getDatabaseProductName();
        } catch (SQLException e) {
            throw StoreFailures.unavailable("of the host's DataSource", "giving a connection", e);
        }
        String where = url == null ? "of the host's DataSource" : JdbcUrls.masked(url);
        Database database = switch (product == null ? "" : product) {
            case "SQLite" -> new Database(new BusyHandling(hostPool, BUSY_TIMEOUT_MS), false, Dialect.SQLITE,
                    Notifications.NONE, where, sqliteFile(url));
            case "PostgreSQL" -> new Database(hostPool, false, Dialect.POSTGRES,
                    new PostgresNotifications(hostPool::getConnection, where, false), where, null);
            default -> throw new IllegalArgumentException("the host's DataSource is a connection to " + product
                    + " at " + where + ": the engine runs on SQLite or PostgreSQL");
        };
        if (database.dialect == Dialect.SQLITE) {
            database.inWal();
        }
        return database.migrated();
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
                () -> java.sql.DriverManager.getConnection(url, listening), where, true);
        return new Database(pooled, true, Dialect.POSTGRES, notifications, where, null).migrated();
    }

    private static HikariDataSource pooled(HikariConfig pool, String where) {
        try {
            return new HikariDataSource(pool);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StoreUnavailableException("could not open the database " + where + ": " + cause.getMessage(),
                    cause);
        }
    }

    /** Opens (creating if needed) a SQLite database file and brings its schema up to date. */
    public static Database sqlite(Path file) {
        return sqlite(file, SQLITE_POOL_SIZE);
    }

    /** Opens (creating if needed) a SQLite database file, holding up to {@code poolSize} connections. */
    public static Database sqlite(Path file, int poolSize) {
        return sqlite(file, poolSize, Durability.NORMAL);
    }

    /**
     * Opens (creating if needed) a SQLite database file, holding up to {@code poolSize} connections, its commits
     * reaching the disk as {@code durability} says.
     */
    public static Database sqlite(Path file, int poolSize, Durability durability) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(durability.synchronous());
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(new BusyHandling(source, BUSY_TIMEOUT_MS));
        pool.setPoolName("hookwright " + file.getFileName());
        pool.setMaximumPoolSize(poolSize);
        pool.setMinimumIdle(1);
        String where = file.toAbsolutePath().toString();
        HikariDataSource pooled = pooled(pool, where);
        return new Database(pooled, true, Dialect.SQLITE, Notifications.NONE, where, file.toAbsolutePath()).migrated();
    }

    /**
     * Brings the schema up to date and checks it is one this engine knows; on failure closes what was opened (the
     * pool's threads and connections) before throwing.
     */
    private Database migrated() {
        try {
            attempt("bringing the schema up to date", () -> Migrations.apply(dsl, dialect, where));
        } catch (RuntimeException | Error e) {
            try {
                close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return this;
    }

    /** A host's SQLite file: in WAL mode, so the engine's readers do not wait for its writer (nor the host's). */
    private void inWal() {
        String mode;
        try {
            mode = attempt("setting WAL mode", () -> dsl.fetchOne("PRAGMA journal_mode=WAL").get(0, String.class));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        if (!"wal".equalsIgnoreCase(mode)) {
            close();
            throw new IllegalArgumentException("the engine needs a SQLite database file in WAL mode; " + where
                    + " stays in " + mode + " mode (an in-memory database cannot be one)");
        }
    }

    /** The file of a {@code jdbc:sqlite:} URL, when it names one. */
    private static Path sqliteFile(String url) {
        if (url == null || !url.startsWith("jdbc:sqlite:")) {
            return null;
        }
        String rest = url.substring("jdbc:sqlite:".length());
        int query = rest.indexOf('?');
        rest = query < 0 ? rest : rest.substring(0, query);
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
        }
        return rest.isEmpty() || rest.startsWith(":memory:") ? null : Path.of(rest).toAbsolutePath();
    }

    /**
     * Runs {@code work} in a transaction of the engine's own, on one of its connections: committed when it returns,
     * rolled back when it throws.
     *
     * @throws StoreUnavailableException when the database fails, beginning, during or committing it
     */
    public <T> T inTransaction(Function<StoreTransaction, T> work) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw StoreFailures.unavailable(where, "giving a connection", e);
        }
        try (connection) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.apply(new StoreTransaction(this, connection, false));
                connection.commit();
                return result;
            } catch (RuntimeException | Error | SQLException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                restore(connection, autoCommit);
            }
        } catch (SQLException e) {
            throw StoreFailures.unavailable(where, "completing a transaction", e);
        } catch (DataAccessException e) {
            throw StoreFailures.unavailable(where, "in a transaction", e);
        }
    }

    /** Puts the connection back as it was given; a pool resets it too, so a failure here only means it is broken. */
    private static void restore(Connection connection, boolean autoCommit) {
        try {
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            // The pool finds it broken when it is returned.
        }
    }

    /**
     * The stores' side of a transaction on the host's connection (to this database): what they write in it commits
     * or rolls back with the host's transaction. The engine never commits, rolls back or closes it.
     */
    public StoreTransaction on(Connection hostConnection) {
        return new StoreTransaction(this, java.util.Objects.requireNonNull(hostConnection, "hostConnection"), true);
    }

    /** Runs a step of a store on the engine's connections, a failure of the database coming out as a {@link StoreUnavailableException}. */
    public <T> T attempt(String operation, Supplier<T> step) {
        return StoreFailures.translating(() -> where, operation, step);
    }

    /** {@link #attempt(String, Supplier)} for a step without a result. */
    public void attempt(String operation, Runnable step) {
        attempt(operation, () -> {
            step.run();
            return null;
        });
    }

    /** Asks the database a trivial question, for health checks. */
    public void check() {
        attempt("a health check", () -> dsl.selectOne().fetch());
    }

    /** For the stores: jOOQ on the transaction's connection. */
    public DSLContext dsl(StoreTransaction tx) {
        return tx.dsl();
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

    /** The SQLite database's file; empty on PostgreSQL. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** For the stores and tests: jOOQ on the engine's connections, each statement in a transaction of its own. */
    public DSLContext dsl() {
        return dsl;
    }

    /**
     * This database seen through {@code around}, which wraps its connections (tests inject store failures with it).
     * It shares this one's pool and notifications: close this one, not the view.
     */
    public Database through(java.util.function.UnaryOperator<DataSource> around) {
        return new Database(around.apply(dataSource), false, dialect, notifications, where, file);
    }

    /** Stops listening and closes the engine's own pool; a host's DataSource is left open. */
    @Override
    public void close() {
        notifications.close();
        if (ownPool && dataSource instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the database " + where + " failed", e);
            }
        }
    }
}
