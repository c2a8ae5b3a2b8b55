package io.hookwright.runlog;

import io.hookwright.render.RenderedRequest;

import java.util.Map;
import java.util.TreeMap;

/**
 * A run in the stable JSON shape of {@code runs --json} and {@code GET /runs}; the request is shown with its secrets
 * masked. Every field is written, null or not; times are ISO-8601 text.
 *
 * @param response null when no response came (the request failed before one, or was not sent)
 * @param captured true when the request went to {@code serve --capture}'s local receiver instead of its URL: the
 *                 response is the receiver's
 */
public record RunJson(String id, String webhook, String eventId, String eventType, String messageId, String mode,
                      int attempt, String outcome, long durationMs, Request request, Response response, String error,
                      String createdAt, String revision, String node, boolean captured) {

    /** The request as sent, its secrets masked. */
    public record Request(String method, String url, Map<String, String> headers, String body) {
    }

    /** The receiver's answer; its headers in name order. */
    public record Response(int status, Map<String, String> headers, String body) {
    }

    public static RunJson of(Run run) {
        RenderedRequest masked = run.request().masked();
        Request request = new Request(masked.method(), masked.url(), masked.headerMap(), masked.body());
        Response response = run.response() == null ? null : new Response(run.response().status(),
                new TreeMap<>(run.response().headers()), run.response().body());
        return new RunJson(run.id(), run.webhook(), run.eventId(), run.eventType(), run.messageId(), run.mode(),
                run.attempt(), run.outcome().word(), run.duration().toMillis(), request, response, run.error(),
                run.createdAt().toString(), run.revision(), run.node(), run.captured());
    }
}
