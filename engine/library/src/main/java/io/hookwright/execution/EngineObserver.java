package io.hookwright.execution;

import io.hookwright.runlog.Run;

/** Told what the engine does, for metrics. Called on the engine's threads: keep it quick and never throw. */
public interface EngineObserver {
    EngineObserver NONE = new EngineObserver() {
    };

    /** Tells {@code first}, then {@code second}. */
    static EngineObserver both(EngineObserver first, EngineObserver second) {
        return new EngineObserver() {
            @Override
            public void published(String eventType, int matched) {
                first.published(eventType, matched);
                second.published(eventType, matched);
            }

            @Override
            public void attempted(Run run) {
                first.attempted(run);
                second.attempted(run);
            }

            @Override
            public void afterCommitFailed(AfterCommitWrite write, int items) {
                first.afterCommitFailed(write, items);
                second.afterCommitFailed(write, items);
            }
        };
    }

    /** What a committed transaction still had to write when the engine's store failed. */
    enum AfterCommitWrite {
        /** Async messages for the outbox: kept in memory and written again. */
        MESSAGES("messages"),
        /** Records of sync-after-commit webhooks: they are sent without one, so a crash now could lose them. */
        RECORDS("records"),
        /** Runs and their settlements for the run log: kept in memory and written again. */
        RUNS("runs");

        private final String word;

        AfterCommitWrite(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    /** An event was published and {@code matched} webhooks fired for it. */
    default void published(String eventType, int matched) {
    }

    /** A delivery attempt ended (or was skipped) with this run. */
    default void attempted(Run run) {
    }

    /**
     * After a host's transaction committed, the engine's store refused {@code items} pieces of its work; the commit
     * stood, and what {@code write} says happens to them.
     */
    default void afterCommitFailed(AfterCommitWrite write, int items) {
    }
}
