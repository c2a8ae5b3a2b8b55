package io.hookwright.runlog;

import io.hookwright.render.RenderedRequest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run in the stable JSON shape of {@code runs --json} and {@code GET /runs}; the request is shown with its secrets
 * masked.
 */
public final class RunJson {
    private RunJson() {
    }

    public static Map<String, Object> of(Run run) {
        RenderedRequest masked = run.request().masked();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", masked.method());
        request.put("url", masked.url());
        request.put("headers", masked.headerMap());
        request.put("body", masked.body());
        Map<String, Object> response = null;
        if (run.response() != null) {
            response = new LinkedHashMap<>();
            response.put("status", run.response().status());
            response.put("headers", new TreeMap<>(run.response().headers()));
            response.put("body", run.response().body());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", run.id());
        json.put("webhook", run.webhook());
        json.put("eventId", run.eventId());
        json.put("eventType", run.eventType());
        json.put("messageId", run.messageId());
        json.put("mode", run.mode());
        json.put("attempt", run.attempt());
        json.put("outcome", run.outcome().word());
        json.put("durationMs", run.duration().toMillis());
        json.put("request", request);
        json.put("response", response);
        json.put("error", run.error());
        json.put("createdAt", run.createdAt().toString());
        json.put("revision", run.revision());
        json.put("node", run.node());
        return json;
    }
}
