package io.hookwright.store;

import java.sql.SQLException;

/**
 * Whether a failed transaction lost a race for locks (PostgreSQL's deadlock or serialization failure): the
 * database rolled it back whole, so doing it again is safe and may succeed.
 */
public final class LockConflicts {
    private static final String DEADLOCK = "40P01";
    private static final String SERIALIZATION = "40001";

    private LockConflicts() {
    }

    public static boolean lost(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (DEADLOCK.equals(next.getSQLState()) || SERIALIZATION.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
