package io.hookwright.dsl.model;

import java.util.List;
import java.util.Optional;

/**
 * One webhook as declared in a definition file.
 *
 * @param code        unique id, {@code [a-z0-9_]+}
 * @param events      the event types it listens to
 * @param tenant      only this tenant's events, when present
 * @param filter      criteria that must all hold
 * @param origin      where {@code webhook('code')} is written
 * @param eventsAt    where each of {@code events} is written, in the same order
 */
public record WebhookDefinition(String code, Label label, String description, Optional<String> owner,
                                boolean active, List<EventPattern> events, Optional<String> tenant,
                                List<Criterion> filter, RequestSpec request, ExecutionSpec execution,
                                SourcePosition origin, List<SourcePosition> eventsAt) {
    public WebhookDefinition {
        events = List.copyOf(events);
        filter = List.copyOf(filter);
        eventsAt = List.copyOf(eventsAt);
        if (eventsAt.size() != events.size()) {
            throw new IllegalArgumentException(events.size() + " event types but " + eventsAt.size() + " places");
        }
    }

    /** A webhook whose event types are known to be written at {@code origin} only (not read from a file). */
    public WebhookDefinition(String code, Label label, String description, Optional<String> owner,
                             boolean active, List<EventPattern> events, Optional<String> tenant,
                             List<Criterion> filter, RequestSpec request, ExecutionSpec execution,
                             SourcePosition origin) {
        this(code, label, description, owner, active, events, tenant, filter, request, execution, origin,
                java.util.Collections.nCopies(events.size(), origin));
    }
}
