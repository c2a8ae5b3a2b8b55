package io.hookwright.execution;

import java.util.List;

/** What publishing one event did: every webhook it fired, in declaration order. */
public record Published(String eventId, List<Fired> fired) {
    public Published {
        fired = List.copyOf(fired);
    }
}
