package io.hookwright.store;

import org.sqlite.SQLiteConfig;

import java.util.Locale;

/**
 * How a SQLite database's commits reach the disk ({@code PRAGMA synchronous}), in WAL mode. {@link #NORMAL}: a
 * commit is safe across a crash of the process (the write-ahead log is in the operating system's hands), and it
 * survives a power loss or an operating system crash once the log is next synced, at a checkpoint; such a loss may
 * take the last commits before it, never leaving the database corrupt. {@link #FULL}: every commit is synced to the
 * disk before it returns, so it survives a power loss too, at the price of one sync per commit.
 */
public enum Durability {
    NORMAL(SQLiteConfig.SynchronousMode.NORMAL),
    FULL(SQLiteConfig.SynchronousMode.FULL);

    private final SQLiteConfig.SynchronousMode mode;

    Durability(SQLiteConfig.SynchronousMode mode) {
        this.mode = mode;
    }

    SQLiteConfig.SynchronousMode synchronous() {
        return mode;
    }

    /** The word {@code serve --durability} takes: {@code normal} or {@code full}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
