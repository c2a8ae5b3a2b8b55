package io.hookwright.store;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * A transaction the stores work in, on one JDBC connection: one of the engine's own, begun and ended by
 * {@link Database#inTransaction}, or the host's ({@link Database#on}), whose transaction the host commits or rolls
 * back: what the stores write in it (async-inside messages) commits or vanishes with the host's own rows.
 */
public final class StoreTransaction {
    private final Database database;
    private final Connection connection;
    private final boolean hosts;
    private final DSLContext dsl;

    StoreTransaction(Database database, Connection connection, boolean hosts) {
        this.database = database;
        this.connection = connection;
        this.hosts = hosts;
        this.dsl = DSL.using(connection, database.dialect());
    }

    /** The connection it runs on. */
    public Connection connection() {
        return connection;
    }

    /** True on a connection of the host's, which the engine neither commits, rolls back nor closes. */
    public boolean onHostConnection() {
        return hosts;
    }

    /** Where it runs, for people: the engine's database, or the database the host's connection is to. */
    public String where() {
        if (!hosts) {
            return database.where();
        }
        try {
            String url = connection.getMetaData().getURL();
            return "the host's connection to " + (url == null ? database.where() : JdbcUrls.masked(url));
        } catch (SQLException | RuntimeException e) {
            return "the host's connection";
        }
    }

    /**
     * Runs a step of a store in this transaction; a failure of the database comes out as a
     * {@link io.hookwright.errors.StoreUnavailableException} naming where it runs and {@code operation}.
     */
    public <T> T attempt(String operation, Supplier<T> step) {
        return StoreFailures.translating(this::where, operation, step);
    }

    /** {@link #attempt(String, Supplier)} for a step without a result. */
    public void attempt(String operation, Runnable step) {
        attempt(operation, () -> {
            step.run();
            return null;
        });
    }

    DSLContext dsl() {
        return dsl;
    }
}
