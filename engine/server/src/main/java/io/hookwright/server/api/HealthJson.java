package io.hookwright.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Map;

/**
 * The answer of {@code GET /health}.
 *
 * @param status      {@code ok} or {@code unavailable}
 * @param revision    the definitions running, null before any is loaded
 * @param outboxDepth messages waiting in the outbox; left out when the store did not answer
 */
public record HealthJson(String status, String revision, int webhooks,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Long outboxDepth, Checks checks) {

    /** Each check's finding: {@code ok} or what is wrong. */
    public record Checks(String engine, String definitions, String store) {
        static Checks of(Map<String, String> checks) {
            return new Checks(checks.get("engine"), checks.get("definitions"), checks.get("store"));
        }
    }
}
