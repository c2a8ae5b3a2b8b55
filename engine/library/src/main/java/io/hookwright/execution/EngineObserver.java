package io.hookwright.execution;

import io.hookwright.runlog.Run;

/** Told what the engine does, for metrics. Called on the engine's threads: keep it quick and never throw. */
public interface EngineObserver {
    EngineObserver NONE = new EngineObserver() {
    };

    /** An event was published and {@code matched} webhooks fired for it. */
    default void published(String eventType, int matched) {
    }

    /** A delivery attempt ended (or was skipped) with this run. */
    default void attempted(Run run) {
    }
}
