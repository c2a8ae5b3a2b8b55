package io.hookwright.store;

import org.sqlite.BusyHandler;
import org.sqlite.SQLiteConnection;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * SQLite connections with the engine's {@link PromptBusyHandler}: a writer waits for another's lock instead of
 * failing at once. Set on every connection given out, since a pool of the host's may hand out connections it opened
 * without one.
 */
final class BusyHandling implements DataSource {
    private final DataSource sqlite;
    private final int timeoutMs;

    BusyHandling(DataSource sqlite, int timeoutMs) {
        this.sqlite = sqlite;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return handled(sqlite.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return handled(sqlite.getConnection(user, password));
    }

    private Connection handled(Connection connection) throws SQLException {
        try {
            if (connection.isWrapperFor(SQLiteConnection.class)) {
                BusyHandler.setHandler(connection.unwrap(SQLiteConnection.class), new PromptBusyHandler(timeoutMs));
            }
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return sqlite.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        sqlite.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        sqlite.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return sqlite.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return sqlite.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : sqlite.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || sqlite.isWrapperFor(type);
    }
}
