package io.hookwright.execution;

import io.hookwright.runlog.Run;

import java.util.List;

/**
 * What recovering an outage did ({@link Engine#redeliverFailed(java.time.Instant, String, boolean)}): the runs of the
 * messages sent again, and per webhook that is off the messages left undelivered, and why.
 */
public record Recovered(List<Run> runs, List<Skipped> skipped) {
    public Recovered {
        runs = List.copyOf(runs);
        skipped = List.copyOf(skipped);
    }

    /** Why a webhook's messages were not sent again. */
    public enum Off {
        /** An operator deactivated it, or the engine did (a 410, or too many failures in a row). */
        DEACTIVATED,
        /** Its definition says {@code active false}. */
        DISABLED
    }

    public record Skipped(String webhook, Off why, int messages) {
    }
}
