package io.hookwright.catalog;

import java.util.LinkedHashMap;
import java.util.Map;

/** A webhook in the JSON shape of {@code GET /webhooks}. */
public final class WebhookJson {
    private WebhookJson() {
    }

    public static Map<String, Object> of(WebhookView v) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", v.code());
        json.put("label", v.label());
        json.put("description", v.description());
        json.put("owner", v.owner());
        json.put("events", v.events());
        json.put("mode", v.mode());
        json.put("method", v.method());
        json.put("url", v.url());
        json.put("file", v.file());
        json.put("created", v.created() == null ? null : v.created().toString());
        json.put("status", v.status());
        json.put("consecutiveFailures", v.consecutiveFailures());
        json.put("lastFailure", v.lastFailure());
        json.put("deactivatedAt", v.deactivatedAt() == null ? null : v.deactivatedAt().toString());
        json.put("deactivationReason", v.deactivationReason());
        json.put("defined", v.defined());
        return json;
    }
}
