package io.hookwright.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.hookwright.execution.Reloader;

import java.util.Map;

/**
 * The answer of {@code GET /health}.
 *
 * @param status      {@code ok} or {@code unavailable}
 * @param revision    the definitions running, null before any is loaded
 * @param lastReload  how the last reload ended ({@code ok} false: refused, the previous set still runs); left out
 *                    before the first
 * @param outboxDepth messages waiting in the outbox; left out when the store did not answer
 */
public record HealthJson(String status, String revision, int webhooks,
                         @JsonInclude(JsonInclude.Include.NON_NULL) LastReload lastReload,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Long outboxDepth, Checks checks) {

    /** When the last reload was, whether it was taken, how many errors refused it and the revision it read. */
    public record LastReload(String at, boolean ok, int errors, String revision) {
        static LastReload of(Reloader.LastReload last) {
            return last == null ? null : new LastReload(last.at().toString(), last.ok(), last.errors(), last.revision());
        }
    }

    /** Each check's finding: {@code ok} or what is wrong. */
    public record Checks(String engine, String definitions, String store) {
        static Checks of(Map<String, String> checks) {
            return new Checks(checks.get("engine"), checks.get("definitions"), checks.get("store"));
        }
    }
}
