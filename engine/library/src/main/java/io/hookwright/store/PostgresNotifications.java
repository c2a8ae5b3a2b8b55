package io.hookwright.store;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code LISTEN/NOTIFY} on PostgreSQL. One thread per engine holds a connection of its own outside the pool (a
 * listening connection must stay open and idle) and hands each notification to the subscribers of its channel.
 * When the connection drops it reconnects, backing off up to {@link #MAX_BACKOFF_MS}, and calls every subscriber
 * once: what was announced meanwhile was missed.
 */
final class PostgresNotifications implements Notifications {
    private static final Logger LOG = Logger.getLogger(PostgresNotifications.class.getName());
    private static final int WAIT_MS = 500;
    private static final long MAX_BACKOFF_MS = 5_000;

    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private final ConnectionSource source;
    private final String where;
    /**
     * False for a connection of the host's pool: closed from another thread it would go back to the pool while
     * still in use, so {@link #close} waits for the listener's next pause instead, and the listener unlistens first.
     */
    private final boolean ownConnection;
    private final Map<Channel, List<Runnable>> subscribers = new ConcurrentHashMap<>();
    private volatile boolean running = true;
    private Thread listener;
    /** The listening connection, closed on {@link #close} so a wait for notifications ends at once. */
    private volatile Connection listening;

    PostgresNotifications(ConnectionSource source, String where, boolean ownConnection) {
        this.source = source;
        this.where = where;
        this.ownConnection = ownConnection;
    }

    @Override
    public void announce(StoreTransaction tx, Channel channel) {
        tx.dsl().select(DSL.function("pg_notify", SQLDataType.OTHER, DSL.val(channel.wireName()), DSL.val(""))).execute();
    }

    @Override
    public synchronized AutoCloseable subscribe(Channel channel, Runnable subscriber) {
        subscribers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(subscriber);
        if (listener == null && running) {
            listener = Thread.ofPlatform().name("hookwright-listen").daemon().start(this::listen);
        }
        return () -> subscribers.getOrDefault(channel, List.of()).remove(subscriber);
    }

    private void listen() {
        long backoff = 100;
        boolean missed = false;
        while (running) {
            try (Connection connection = source.open()) {
                listening = connection;
                if (!running) {
                    return;
                }
                DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
                for (Channel channel : Channel.values()) {
                    dsl.execute("LISTEN {0}", DSL.name(channel.wireName()));
                }
                if (missed) {
                    LOG.info("listening to " + where + " again");
                    subscribers.values().forEach(list -> list.forEach(this::call));
                }
                backoff = 100;
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notes = pg.getNotifications(WAIT_MS);
                    if (notes == null) {
                        continue;
                    }
                    // A burst of commits arrives as many notes; each subscriber needs waking once per channel.
                    java.util.EnumSet<Channel> seen = java.util.EnumSet.noneOf(Channel.class);
                    for (PGNotification note : notes) {
                        for (Channel channel : Channel.values()) {
                            if (channel.wireName().equals(note.getName())) {
                                seen.add(channel);
                            }
                        }
                    }
                    seen.forEach(channel -> subscribers.getOrDefault(channel, List.of()).forEach(this::call));
                }
                if (!ownConnection) {
                    dsl.execute("UNLISTEN *");
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                missed = true;
                LOG.log(Level.WARNING, "listening to " + where + " failed (" + e.getMessage() + "); trying again in "
                        + backoff + " ms, polling meanwhile");
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            }
        }
    }

    private void call(Runnable subscriber) {
        try {
            subscriber.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a notification's subscriber failed", e);
        }
    }

    @Override
    public void close() {
        Thread thread;
        synchronized (this) {
            running = false;
            thread = listener;
        }
        Connection connection = listening;
        if (connection != null && ownConnection) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Closing is all that is wanted of it.
            }
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2 * WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
