package io.hookwright.match;

import io.hookwright.dsl.model.WebhookDefinition;

import java.util.List;

/**
 * Whether a webhook matches an event. For a non-match, {@code reasons} says what failed; for a match, what held.
 */
public record Verdict(WebhookDefinition webhook, boolean matched, List<String> reasons) {
    public Verdict {
        reasons = List.copyOf(reasons);
    }
}
