package io.hookwright.dryrun;

import io.hookwright.event.Change;
import io.hookwright.event.Event;
import io.hookwright.event.Values;
import io.hookwright.render.RenderedRequest;

/**
 * A dry-run report for people reading a terminal. Everything that comes from the event, the definitions or the
 * rendered request is printed through {@link TerminalText}, so it cannot act on the terminal or start a line.
 */
public final class TextReport {
    private TextReport() {
    }

    public static String format(DryRunReport report) {
        StringBuilder out = new StringBuilder();
        Event event = report.event();
        String type = shown(event.type());
        out.append("Event ").append(type).append(" on ").append(shown(event.entity().type())).append(' ')
                .append(event.entity().key() != null ? shown(event.entity().key()) + " (" + shown(event.entity().id()) + ")"
                        : shown(event.entity().id()));
        if (event.tenant() != null) {
            out.append(", tenant ").append(shown(event.tenant()));
        }
        out.append(", by ").append(event.initiator() == null ? "(unknown)" : shown(event.initiator().login())).append('\n');
        for (Change change : event.changes()) {
            out.append("  changed ").append(shown(change.field())).append(": ").append(shown(Values.show(change.previous())))
                    .append(" -> ").append(shown(Values.show(change.current()))).append('\n');
        }
        if (report.webhooks().isEmpty()) {
            out.append("\nNo webhook listens to ").append(type).append(".\n");
            return out.toString();
        }
        long matched = report.webhooks().stream().filter(WebhookOutcome::matched).count();
        for (WebhookOutcome w : report.webhooks()) {
            out.append('\n').append(w.matched() ? "MATCH     " : "NO MATCH  ").append(shown(w.code()))
                    .append("  (").append(shown(w.mode())).append(")\n");
            for (String reason : w.reasons()) {
                out.append("    ").append(w.matched() ? "+ " : "- ").append(shown(reason)).append('\n');
            }
            if (w.error() != null) {
                out.append("    ERROR ").append(shown(w.error())).append('\n');
            }
            if (!w.missingSecrets().isEmpty()) {
                out.append("    note: not set here: ").append(shown(String.join(", ", w.missingSecrets())))
                        .append(" (a real send would fail)\n");
            }
            if (w.request() != null) {
                appendRequest(out, w.request());
            }
        }
        out.append('\n').append(report.webhooks().size()).append(report.webhooks().size() == 1 ? " webhook listens" : " webhooks listen")
                .append(" to ").append(type).append(": ").append(matched).append(" matched, ")
                .append(report.webhooks().size() - matched).append(" did not. Nothing was sent.\n");
        return out.toString();
    }

    private static void appendRequest(StringBuilder out, RenderedRequest request) {
        out.append("    ").append(shown(request.method())).append(' ').append(shown(request.url())).append('\n');
        for (RenderedRequest.Header header : request.headers()) {
            out.append("    ").append(shown(header.name())).append(": ").append(shown(header.value())).append('\n');
        }
        if (request.body() != null) {
            out.append('\n');
            request.body().lines().forEach(line -> out.append("    ").append(TerminalText.block(line)).append('\n'));
        }
    }

    private static String shown(String text) {
        return TerminalText.line(text);
    }
}
