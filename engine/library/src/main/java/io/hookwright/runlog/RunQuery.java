package io.hookwright.runlog;

import java.time.Instant;
import java.util.Set;

/** Which runs to list, newest first. Null or empty parts do not filter. */
public record RunQuery(String webhook, Set<Outcome> outcomes, Instant since, int limit) {
    public static RunQuery latest(int limit) {
        return new RunQuery(null, Set.of(), null, limit);
    }
}
