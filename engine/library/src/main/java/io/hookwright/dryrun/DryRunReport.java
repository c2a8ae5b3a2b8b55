package io.hookwright.dryrun;

import io.hookwright.event.Event;
import io.hookwright.event.EventJson;

import java.util.List;

/** A dry-run's answer: the event, and for each webhook listening to it whether it matched, why, and what it sends. */
public record DryRunReport(Event event, List<WebhookOutcome> webhooks) {
    public DryRunReport {
        webhooks = List.copyOf(webhooks);
    }

    public boolean hasErrors() {
        return webhooks.stream().anyMatch(w -> w.error() != null);
    }

    /** The {@code dry-run --json} shape: {@code {"event", "webhooks": [{"code", "matched", "reasons", "request"}]}}. */
    public DryRunJson toJson() {
        return new DryRunJson(EventJson.toMap(event), webhooks.stream().map(DryRunJson.Webhook::of).toList());
    }
}
