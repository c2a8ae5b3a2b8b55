package io.hookwright.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hookwright.errors.WebhookVetoedException;
import io.hookwright.execution.Fired;
import io.hookwright.execution.Published;

import java.util.List;

/**
 * What one event posted over HTTP did, as {@code POST /events} and the transactions answer it:
 * {@code {eventId, runs: [{webhook, mode, messageId, status, runId, detail}], veto?}}. Kept as JSON for repeats.
 */
public record EventResult(String eventId, List<Fired> runs, @JsonInclude(JsonInclude.Include.NON_NULL) Veto veto) {
    public EventResult {
        runs = List.copyOf(runs);
    }

    /** The sync-inside webhook that vetoed the event's transaction, and why. */
    public record Veto(String webhook, String runId, String reason) {
        public static Veto of(WebhookVetoedException veto) {
            return new Veto(veto.webhook(), veto.runId(), veto.reason());
        }
    }

    public static EventResult of(Published published) {
        return new EventResult(published.eventId(), published.fired(), null);
    }

    public static EventResult vetoed(Published published, WebhookVetoedException veto) {
        return new EventResult(published.eventId(), published.fired(), Veto.of(veto));
    }
}
