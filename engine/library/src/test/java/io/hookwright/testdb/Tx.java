package io.hookwright.testdb;

import io.hookwright.store.Database;
import io.hookwright.store.StoreTransaction;

import java.util.function.Consumer;

/** A transaction of the engine's own for a test's steps that return nothing. */
public final class Tx {
    private Tx() {
    }

    public static void run(Database database, Consumer<StoreTransaction> steps) {
        database.inTransaction(tx -> {
            steps.accept(tx);
            return null;
        });
    }
}
