package io.hookwright.ingest;

import io.hookwright.event.Event;
import io.hookwright.event.EventJson;
import io.hookwright.event.Events;
import io.hookwright.execution.Engine;
import io.hookwright.execution.EngineTransaction;
import io.hookwright.execution.Fired;
import io.hookwright.execution.Published;
import io.hookwright.execution.WebhookVetoedException;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Events posted over HTTP: each published once, however often it is posted. The first answer for an event id is
 * kept, and a repeat gets it back without anything being sent again.
 */
public final class Ingest {
    /** How long a repeat waits for the first request of the same id to finish. */
    private static final Duration WAIT_FOR_FIRST = Duration.ofSeconds(30);

    /** How long an event id is remembered: a repeat within it gets the first answer, as with Stripe's idempotency keys. */
    public static final Duration REMEMBERED = Duration.ofDays(7);

    private final Engine engine;
    private final ReceivedEvents received;
    private final Clock clock;

    /** What one posted event did. {@code replayed}: a repeat, answered from the first time. */
    public record Outcome(String eventId, boolean vetoed, boolean replayed, Map<String, Object> result) {
    }

    public Ingest(Engine engine, ReceivedEvents received, Clock clock) {
        this.engine = engine;
        this.received = received;
        this.clock = clock;
    }

    /** Forgets the event ids older than {@link #REMEMBERED}; returns how many. */
    public int forgetOld() {
        return received.forgetBefore(clock.instant().minus(REMEMBERED));
    }

    public Outcome publish(Event posted) {
        Event event = Events.complete(posted, clock);
        if (!received.claim(event.id(), clock.instant())) {
            return replay(event.id());
        }
        Map<String, Object> result;
        boolean vetoed;
        try {
            EngineTransaction tx = engine.begin();
            Published published = tx.publish(event);
            vetoed = tx.vetoed();
            try {
                tx.commit();
            } catch (WebhookVetoedException veto) {
                result = result(tx.results().get(0), veto);
                received.answered(event.id(), new ReceivedEvents.Answer(409, EventJson.write(result)));
                return new Outcome(event.id(), true, false, result);
            }
            result = result(tx.results().isEmpty() ? published : tx.results().get(0), null);
        } catch (java.sql.SQLException | RuntimeException e) {
            received.release(event.id());
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        received.answered(event.id(), new ReceivedEvents.Answer(vetoed ? 409 : 202, EventJson.write(result)));
        return new Outcome(event.id(), vetoed, false, result);
    }

    private Outcome replay(String eventId) {
        long deadline = System.nanoTime() + WAIT_FOR_FIRST.toNanos();
        Optional<ReceivedEvents.Answer> answer = received.answer(eventId);
        while (answer.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            answer = received.answer(eventId);
        }
        if (answer.isEmpty()) {
            throw new IllegalStateException("event " + eventId + " is still being processed by an earlier request");
        }
        return new Outcome(eventId, answer.get().status() == 409, true, read(answer.get().body()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String json) {
        try {
            return EventJson.MAPPER.readValue(json, Map.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a kept answer is not readable: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code {eventId, runs: [{webhook, mode, messageId, status, runId, detail}], veto?}}. */
    public static Map<String, Object> result(Published published, WebhookVetoedException veto) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("eventId", published.eventId());
        List<Map<String, Object>> runs = new ArrayList<>();
        for (Fired fired : published.fired()) {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("webhook", fired.webhook());
            run.put("mode", fired.mode());
            run.put("messageId", fired.messageId());
            run.put("status", fired.status());
            run.put("runId", fired.runId());
            run.put("detail", fired.detail());
            runs.add(run);
        }
        result.put("runs", runs);
        if (veto != null) {
            result.put("veto", veto(veto));
        }
        return result;
    }

    public static Map<String, Object> veto(WebhookVetoedException veto) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("webhook", veto.webhook());
        body.put("runId", veto.runId());
        body.put("reason", veto.reason());
        return body;
    }
}
