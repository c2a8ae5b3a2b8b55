package io.hookwright.runlog;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Which runs to list, newest first. Null or empty parts do not filter.
 *
 * @param eventType only runs of events of this type
 * @param text      a run, event or message id, or text in the request's URL or body (an entity's id, say), any case
 * @param until     only runs created before this
 * @param before    only runs after this one in the newest-first order: the next page, read from where one ended
 */
public record RunQuery(String webhook, Set<Outcome> outcomes, Instant since, int limit, String eventType, String text,
                       Instant until, Cursor before) {
    public RunQuery(String webhook, Set<Outcome> outcomes, Instant since, int limit) {
        this(webhook, outcomes, since, limit, null, null, null, null);
    }

    public static RunQuery latest(int limit) {
        return new RunQuery(null, Set.of(), null, limit);
    }

    /** The same query for another page or size. */
    public RunQuery page(Cursor from, int size) {
        return new RunQuery(webhook, outcomes, since, size, eventType, text, until, from);
    }

    /** Where a page of runs ended: the last run's creation time and id, the order the log lists runs in. */
    public record Cursor(Instant createdAt, String id) {
        public Cursor {
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(id, "id");
        }

        public static Cursor after(Run run) {
            return new Cursor(run.createdAt(), run.id());
        }
    }
}
