package io.hookwright.catalog;

import java.util.List;

/**
 * A webhook in the JSON shape of {@code GET /webhooks}: every field is written, null or not; times are ISO-8601
 * text.
 */
public record WebhookJson(String code, String label, String description, String owner, List<String> events,
                          String mode, String method, String url, String file, String created, String status,
                          int consecutiveFailures, String lastFailure, String deactivatedAt, String deactivationReason,
                          boolean defined) {

    public static WebhookJson of(WebhookView v) {
        return new WebhookJson(v.code(), v.label(), v.description(), v.owner(), v.events(), v.mode(), v.method(),
                v.url(), v.file(), v.created() == null ? null : v.created().toString(), v.status(),
                v.consecutiveFailures(), v.lastFailure(),
                v.deactivatedAt() == null ? null : v.deactivatedAt().toString(), v.deactivationReason(), v.defined());
    }
}
