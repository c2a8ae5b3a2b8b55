package io.hookwright.testdb;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A database that fails on demand: wraps a {@link DataSource} (see {@code Database.through}) so that, while
 * {@link #fail()} holds, every statement and commit on its connections throws as a database that went away does.
 * Rollbacks and closes pass, so the pool stays sound and the store works again at once after {@link #heal()}.
 * {@link #refuseConnections()} fails earlier, as a pool that has no connection to give: every {@code getConnection}.
 */
public final class FailingStore implements DataSource {
    private static final Set<String> REFUSED = Set.of("prepareStatement", "createStatement", "prepareCall", "commit",
            "setSavepoint");

    private final DataSource delegate;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicBoolean failingCommits = new AtomicBoolean();
    private final AtomicBoolean noConnections = new AtomicBoolean();
    private final AtomicInteger refused = new AtomicInteger();

    public FailingStore(DataSource delegate) {
        this.delegate = delegate;
    }

    /** From now on the store refuses every statement. */
    public void fail() {
        failing.set(true);
    }

    /**
     * From now on every commit fails, and statements pass: a transaction is written through and then lost, as when
     * the database goes away at its end.
     */
    public void failCommits() {
        failingCommits.set(true);
    }

    /** From now on no connection is given: the pool times out, as a host's does when its database went away. */
    public void refuseConnections() {
        noConnections.set(true);
    }

    /** The store works again. */
    public void heal() {
        failing.set(false);
        failingCommits.set(false);
        noConnections.set(false);
    }

    /** Statements refused so far: a test checks its failure landed. */
    public int refused() {
        return refused.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        refuseWhenAsked();
        return wrap(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        refuseWhenAsked();
        return wrap(delegate.getConnection(user, password));
    }

    private void refuseWhenAsked() throws SQLException {
        if (noConnections.get()) {
            refused.incrementAndGet();
            throw new SQLTransientConnectionException("Connection is not available, request timed out");
        }
    }

    private Connection wrap(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (failing.get() && REFUSED.contains(method.getName())
                    || failingCommits.get() && method.getName().equals("commit")) {
                refused.incrementAndGet();
                throw new SQLException("injected failure: the engine's store is unavailable", "08006");
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                handler);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return delegate.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return delegate.isWrapperFor(type);
    }
}
