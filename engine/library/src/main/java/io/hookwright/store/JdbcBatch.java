package io.hookwright.store;

import org.jooq.exception.DataAccessException;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * One statement, rendered once by jOOQ, run for many rows as a JDBC batch. For the engine's hot inserts (queueing
 * messages, logging runs): a statement of hundreds of rows, rendered and planned anew for every batch, cost more than
 * running it. Not for statements the database plans (a lookup by key): after a few runs PostgreSQL may settle on a
 * generic plan made on stale statistics.
 */
public final class JdbcBatch {
    private JdbcBatch() {
    }

    /** Runs {@code sql} in {@code tx} once per row of bind values; returns the rows changed, over all of them. */
    public static int execute(StoreTransaction tx, String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        return tx.dsl().connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (Object[] values : rows) {
                    for (int i = 0; i < values.length; i++) {
                        statement.setObject(i + 1, values[i]);
                    }
                    statement.addBatch();
                }
                int changed = 0;
                for (int n : statement.executeBatch()) {
                    changed += Math.max(n, 0);
                }
                return changed;
            } catch (SQLException e) {
                throw new DataAccessException("SQL [" + sql + "]; " + e.getMessage(), e);
            }
        });
    }
}
