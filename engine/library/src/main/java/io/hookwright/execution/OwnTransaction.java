package io.hookwright.execution;

import io.hookwright.errors.WebhookVetoedException;
import io.hookwright.event.Event;

import java.util.List;
import java.util.Optional;

/**
 * A transaction of the engine's own, for a host whose data is elsewhere (over HTTP): sync-inside webhooks are sent
 * from {@link #publish} and a failure vetoes the commit; async messages are queued when it commits and never if it
 * rolls back. With no host connection there is no host commit to fail: {@link #commit} throws only the veto, and what
 * the engine's store refuses then is kept and written again. Not thread-safe.
 */
public final class OwnTransaction implements AutoCloseable {
    private final EngineTransaction tx;

    OwnTransaction(EngineTransaction tx) {
        this.tx = tx;
    }

    /** As {@link EngineTransaction#publish}. */
    public Published publish(Event event) {
        return tx.publish(event);
    }

    /** True once a sync-inside webhook has failed: {@link #commit} will roll back and throw. */
    public boolean vetoed() {
        return tx.vetoed();
    }

    /** The veto of the sync-inside webhook that failed in it, if one did. */
    public Optional<WebhookVetoedException> veto() {
        return Optional.ofNullable(tx.veto());
    }

    /** What every event published in it did, as it stands now (see {@link EngineTransaction#results}). */
    public List<Published> results() {
        return tx.results();
    }

    /** What one event published in it did, as it stands now. */
    public Published result(String eventId) {
        return tx.result(eventId);
    }

    /**
     * Commits: the after-commit webhooks run in this thread and the async messages leave.
     *
     * @throws WebhookVetoedException when a sync-inside webhook failed: it has been rolled back instead
     */
    public void commit() {
        tx.commitWithoutHost();
    }

    /** Rolls back: nothing after-commit happens; sync-inside runs already sent stay logged. */
    public void rollback() {
        tx.rollbackWithoutHost();
    }

    EngineTransaction engineSide() {
        return tx;
    }

    /** Rolls back unless committed or rolled back already. */
    @Override
    public void close() {
        if (tx.open()) {
            rollback();
        }
    }
}
