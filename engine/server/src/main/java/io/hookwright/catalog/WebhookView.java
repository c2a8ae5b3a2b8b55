package io.hookwright.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A webhook as operators see it: its definition in short and its health.
 *
 * @param status             {@code active}; {@code disabled} (its definition says {@code active false}); or
 *                           {@code deactivated} (after failures, a 410, or by an operator: see the reason)
 * @param url                the URL template as written (secrets appear as {@code ${secrets.NAME}}, never as values)
 * @param created            when its file was first committed, or written when it is not in git
 * @param defined            false for a webhook the engine has a state for but the definitions no longer hold
 */
public record WebhookView(String code, String label, String description, String owner, List<String> events,
                          String mode, String method, String url, String file, Instant created, String status,
                          int consecutiveFailures, String lastFailure, Instant deactivatedAt, String deactivationReason,
                          boolean defined) {
    public static final String ACTIVE = "active";
    public static final String DISABLED = "disabled";
    public static final String DEACTIVATED = "deactivated";

    public WebhookView {
        events = List.copyOf(events);
    }
}
