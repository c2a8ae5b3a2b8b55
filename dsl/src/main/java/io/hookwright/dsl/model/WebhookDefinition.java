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
 */
public record WebhookDefinition(String code, Label label, String description, Optional<String> owner,
                                boolean active, List<EventPattern> events, Optional<String> tenant,
                                List<Criterion> filter, RequestSpec request, ExecutionSpec execution,
                                SourcePosition origin) {
    public WebhookDefinition {
        events = List.copyOf(events);
        filter = List.copyOf(filter);
    }
}
