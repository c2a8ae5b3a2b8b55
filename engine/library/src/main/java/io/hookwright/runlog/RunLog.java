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

    /** True when the run's bodies were dropped (by an earlier Hookwright, whose retention kept the rows). */
    boolean bodiesPurged(String id);

    /**
     * Deletes the runs of messages whose every run was created before {@code cutoff} and which are no longer queued
     * (a message still in the outbox keeps its runs, however old), at most {@code batch} runs' messages per
     * transaction, so writers wait for none of them long. Returns how many runs went.
     */
    int deleteOlderThan(Instant cutoff, int batch);
}
