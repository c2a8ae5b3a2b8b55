package io.hookwright.execution;

import io.hookwright.outbox.OutboxMessage;
import io.hookwright.render.RenderedRequest;
import io.hookwright.runlog.Run;

import java.time.Duration;
import java.util.List;

/** A rendered request on its way, with what its runs record about it. */
record Outgoing(String webhook, String revision, String eventId, String eventType, String messageId,
                RenderedRequest request, List<String> signingSecrets, Duration timeout) {

    static Outgoing of(OutboxMessage m) {
        return new Outgoing(m.webhook(), m.revision(), m.eventId(), m.eventType(), m.messageId(), m.request(),
                m.signingSecrets(), m.timeout());
    }

    /** The request a run recorded, to send again; {@code timeout} and {@code revision} are today's. */
    static Outgoing of(Run run, String revision, Duration timeout) {
        return new Outgoing(run.webhook(), revision, run.eventId(), run.eventType(), run.messageId(), run.request(),
                run.signingSecrets(), timeout);
    }
}
