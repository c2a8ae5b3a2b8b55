package io.hookwright.dryrun;

import io.hookwright.event.Change;
import io.hookwright.event.Event;
import io.hookwright.event.Values;
import io.hookwright.render.RenderedRequest;

/** A dry-run report for people reading a terminal. */
public final class TextReport {
    private TextReport() {
    }

    public static String format(DryRunReport report) {
        StringBuilder out = new StringBuilder();
        Event event = report.event();
        out.append("Event ").append(event.type()).append(" on ").append(event.entity().type()).append(' ')
                .append(event.entity().key() != null ? event.entity().key() + " (" + event.entity().id() + ")" : event.entity().id());
        if (event.tenant() != null) {
            out.append(", tenant ").append(event.tenant());
        }
        out.append(", by ").append(event.initiator() == null ? "(unknown)" : event.initiator().login()).append('\n');
        for (Change change : event.changes()) {
            out.append("  changed ").append(change.field()).append(": ").append(Values.show(change.previous()))
                    .append(" -> ").append(Values.show(change.current())).append('\n');
        }
        if (report.webhooks().isEmpty()) {
            out.append("\nNo webhook listens to ").append(event.type()).append(".\n");
            return out.toString();
        }
        long matched = report.webhooks().stream().filter(WebhookOutcome::matched).count();
        for (WebhookOutcome w : report.webhooks()) {
            out.append('\n').append(w.matched() ? "MATCH     " : "NO MATCH  ").append(w.code())
                    .append("  (").append(w.mode()).append(")\n");
            for (String reason : w.reasons()) {
                out.append("    ").append(w.matched() ? "+ " : "- ").append(reason).append('\n');
            }
            if (w.error() != null) {
                out.append("    ERROR ").append(w.error()).append('\n');
            }
            if (!w.missingSecrets().isEmpty()) {
                out.append("    note: not set here: ").append(String.join(", ", w.missingSecrets()))
                        .append(" (a real send would fail)\n");
            }
            if (w.request() != null) {
                appendRequest(out, w.request());
            }
        }
        out.append('\n').append(report.webhooks().size()).append(report.webhooks().size() == 1 ? " webhook listens" : " webhooks listen")
                .append(" to ").append(event.type()).append(": ").append(matched).append(" matched, ")
                .append(report.webhooks().size() - matched).append(" did not. Nothing was sent.\n");
        return out.toString();
    }

    private static void appendRequest(StringBuilder out, RenderedRequest request) {
        out.append("    ").append(request.method()).append(' ').append(request.url()).append('\n');
        for (RenderedRequest.Header header : request.headers()) {
            out.append("    ").append(header.name()).append(": ").append(header.value()).append('\n');
        }
        if (request.body() != null) {
            out.append('\n');
            request.body().lines().forEach(line -> out.append("    ").append(line).append('\n'));
        }
    }
}
