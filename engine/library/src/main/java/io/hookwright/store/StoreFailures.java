package io.hookwright.store;

import io.hookwright.errors.StoreUnavailableException;
import org.jooq.exception.DataAccessException;

import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Failures of the database as the host sees them: a {@link StoreUnavailableException} naming the database and what
 * the engine was doing, never jOOQ's or the driver's exception (which stays the cause).
 */
public final class StoreFailures {
    private StoreFailures() {
    }

    /** Runs {@code step}, turning a failure of the database at {@code where} into a {@link StoreUnavailableException}. */
    public static <T> T translating(Supplier<String> where, String operation, Supplier<T> step) {
        try {
            return step.get();
        } catch (DataAccessException e) {
            throw unavailable(where.get(), operation, e);
        }
    }

    /** The exception for a failure {@code cause} of the database at {@code where} while {@code operation}. */
    public static StoreUnavailableException unavailable(String where, String operation, Throwable cause) {
        return new StoreUnavailableException("the database " + where + " failed " + operation + ": " + reason(cause),
                cause);
    }

    /** The driver's own words when there are some: jOOQ's message repeats the statement. */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getMessage() != null) {
                return sql.getMessage();
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
