package io.hookwright.execution;

import io.hookwright.outbox.OutboxMessage;
import io.hookwright.outbox.OutboxStore;
import io.hookwright.store.StoreTransaction;

import java.util.List;

/**
 * What a transaction's commit puts in the outbox: the async messages that wait for the commit ({@code queued}, due at
 * once) and the records of its sync-after-commit webhooks ({@code held}, claimed by this engine's worker, which sends
 * them in the committing thread and removes each record with its run). Written in the host's own transaction when its
 * connection is on the engine's database, so the work exists exactly when the host's data does.
 */
record CommitWork(List<OutboxMessage> queued, List<OutboxMessage> held) {
    CommitWork {
        queued = List.copyOf(queued);
        held = List.copyOf(held);
    }

    /** The work of several transactions, written together. */
    static CommitWork of(List<CommitWork> works) {
        List<OutboxMessage> queued = new java.util.ArrayList<>();
        List<OutboxMessage> held = new java.util.ArrayList<>();
        for (CommitWork work : works) {
            queued.addAll(work.queued());
            held.addAll(work.held());
        }
        return new CommitWork(queued, held);
    }

    boolean isEmpty() {
        return queued.isEmpty() && held.isEmpty();
    }

    /** Writes it through {@code tx}; the caller announces {@code queued} to the other nodes. */
    void write(StoreTransaction tx, OutboxStore outbox, String worker) {
        if (!queued.isEmpty()) {
            outbox.enqueue(tx, queued);
        }
        if (!held.isEmpty()) {
            outbox.hold(tx, held, worker);
        }
    }
}
