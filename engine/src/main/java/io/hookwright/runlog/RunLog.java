package io.hookwright.runlog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The permanent record of every run. */
public interface RunLog {
    /** Records runs in one batch. */
    void record(List<Run> runs);

    Optional<Run> find(String id);

    /** Newest first. */
    List<Run> list(RunQuery query);

    /** Drops request and response bodies of runs created before {@code cutoff}; the rows stay. Returns how many. */
    int purgeBodies(Instant cutoff);
}
