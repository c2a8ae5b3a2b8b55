package io.hookwright.dryrun;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * The {@code dry-run --json} shape, also {@code POST /dry-run}'s answer:
 * {@code {"event", "webhooks": [{"code", "label", "mode", "matched", "reasons", "request"?, "error"?, "missingSecrets"?}]}}.
 *
 * @param event the event as its JSON form ({@link io.hookwright.event.EventJson#toMap})
 */
public record DryRunJson(Map<String, Object> event, List<Webhook> webhooks) {

    /**
     * One webhook listening to the event.
     *
     * @param request        left out when it did not match or did not render
     * @param error          left out unless rendering failed
     * @param missingSecrets left out when none is missing
     */
    public record Webhook(String code, String label, String mode, boolean matched, List<String> reasons,
                          @JsonInclude(JsonInclude.Include.NON_NULL) Request request,
                          @JsonInclude(JsonInclude.Include.NON_NULL) String error,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> missingSecrets) {
        static Webhook of(WebhookOutcome w) {
            Request request = w.request() == null ? null : new Request(w.request().method(), w.request().url(),
                    w.request().headerMap(), w.request().body());
            return new Webhook(w.code(), w.label(), w.mode(), w.matched(), w.reasons(), request, w.error(),
                    w.missingSecrets());
        }
    }

    /** The request the webhook would send, its secrets masked. */
    public record Request(String method, String url, Map<String, String> headers, String body) {
    }
}
