package io.hookwright.runlog;

import io.hookwright.store.StoreTransaction;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The permanent record of every run. */
public interface RunLog {
    /** Records runs in one batch. */
    void record(List<Run> runs);

    /** Records runs in one batch, in {@code tx}: with the outbox and state changes of the same deliveries. */
    void record(StoreTransaction tx, List<Run> runs);

    /** The runs of one message, first attempt first. */
    List<Run> ofMessage(String messageId);

    /**
     * The latest run of each of these messages (the highest attempt, then the newest), by message id; a message with
     * no run yet is missing.
     */
    Map<String, LatestRun> latest(Collection<String> messageIds);

    Optional<Run> find(String id);

    /** Newest first. */
    List<Run> list(RunQuery query);

    /** True when the run's bodies were dropped by {@link #purgeBodies}. */
    boolean bodiesPurged(String id);

    /** Drops request and response bodies of runs created before {@code cutoff}; the rows stay. Returns how many. */
    int purgeBodies(Instant cutoff);
}
