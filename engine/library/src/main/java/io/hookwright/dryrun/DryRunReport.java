package io.hookwright.dryrun;

import io.hookwright.event.Event;
import io.hookwright.event.EventJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A dry-run's answer: the event, and for each webhook listening to it whether it matched, why, and what it sends. */
public record DryRunReport(Event event, List<WebhookOutcome> webhooks) {
    public DryRunReport {
        webhooks = List.copyOf(webhooks);
    }

    public boolean hasErrors() {
        return webhooks.stream().anyMatch(w -> w.error() != null);
    }

    /** The {@code dry-run --json} shape: {@code {"event", "webhooks": [{"code", "matched", "reasons", "request"}]}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("event", EventJson.toMap(event));
        List<Map<String, Object>> list = new ArrayList<>();
        for (WebhookOutcome w : webhooks) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("code", w.code());
            item.put("label", w.label());
            item.put("mode", w.mode());
            item.put("matched", w.matched());
            item.put("reasons", w.reasons());
            if (w.request() != null) {
                Map<String, Object> request = new LinkedHashMap<>();
                request.put("method", w.request().method());
                request.put("url", w.request().url());
                request.put("headers", w.request().headerMap());
                request.put("body", w.request().body());
                item.put("request", request);
            }
            if (w.error() != null) {
                item.put("error", w.error());
            }
            if (!w.missingSecrets().isEmpty()) {
                item.put("missingSecrets", w.missingSecrets());
            }
            list.add(item);
        }
        json.put("webhooks", list);
        return json;
    }
}
