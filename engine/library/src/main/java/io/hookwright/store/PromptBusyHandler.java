package io.hookwright.store;

import org.sqlite.BusyHandler;

import java.util.concurrent.locks.LockSupport;

/**
 * Waits for another writer's lock by trying again every fraction of a millisecond. SQLite's own busy timeout sleeps
 * ever longer between tries (up to 100 ms at a time), so a writer that keeps taking the lock back-to-back, as a
 * host committing transaction after transaction does, can hold off the engine's claims and settlements until it
 * stops; trying often catches the gaps between its transactions.
 */
final class PromptBusyHandler extends BusyHandler {
    private static final long PAUSE_NANOS = 100_000;
    private final long timeoutNanos;
    private long waitingSince;

    PromptBusyHandler(long timeoutMillis) {
        this.timeoutNanos = timeoutMillis * 1_000_000;
    }

    @Override
    protected int callback(int previousTries) {
        long now = System.nanoTime();
        if (previousTries == 0) {
            waitingSince = now;
        } else if (now - waitingSince > timeoutNanos) {
            return 0;
        }
        LockSupport.parkNanos(PAUSE_NANOS);
        return 1;
    }
}
