package io.hookwright.dsl.model;

import java.util.List;
import java.util.Optional;

/** Every webhook compiled from one definitions folder, in file order. Immutable. */
public record RuleSet(List<WebhookDefinition> webhooks) {
    public RuleSet {
        webhooks = List.copyOf(webhooks);
    }

    public Optional<WebhookDefinition> find(String code) {
        return webhooks.stream().filter(w -> w.code().equals(code)).findFirst();
    }
}
