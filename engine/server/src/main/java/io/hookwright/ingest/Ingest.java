package io.hookwright.ingest;

import io.hookwright.event.Event;
import io.hookwright.event.EventJson;
import io.hookwright.event.Events;
import io.hookwright.execution.Engine;
import io.hookwright.execution.EngineTransaction;
import io.hookwright.execution.Fired;
import io.hookwright.execution.Published;
import io.hookwright.errors.WebhookVetoedException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Events posted over HTTP: each published once, however often its caller posts it. Event ids are per caller, as
 * idempotency keys are: the first answer for a caller's event id is kept and a repeat of the same event gets it back
 * without anything being sent again; the same id with another event is refused ({@link IdConflict}); another
 * caller's event with the same id is an event of its own.
 */
public final class Ingest {
    /** How long a repeat waits for the first request of the same id to finish. */
    private static final Duration WAIT_FOR_FIRST = Duration.ofSeconds(30);

    /** How long an event id is remembered: a repeat within it gets the first answer, as with Stripe's idempotency keys. */
    public static final Duration REMEMBERED = Duration.ofDays(7);

    /** The widest caller kept as it is (the column's width); a longer name is kept as its digest. */
    private static final int MAX_CALLER_KEY = 200;

    /** The caller {@code serve --feed} posts as: no token name holds a space. */
    public static final String FEED = "serve --feed";

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

    /** A caller's event id already used with another event. */
    public static final class IdConflict extends RuntimeException {
        private final String eventId;

        IdConflict(String eventId) {
            super("event id '" + eventId + "' was already used with another event body: send the same event to "
                    + "repeat it, or give a new event a new id");
            this.eventId = eventId;
        }

        public String eventId() {
            return eventId;
        }
    }

    /**
     * Throws {@link IdConflict} when the caller used this event's id before with another event: checked for every
     * event of a request before any is published. A conflict arising meanwhile still stops {@link #publish}.
     */
    public void checkRepeat(String caller, Event posted) {
        if (posted.id() != null && received.digest(key(caller), posted.id())
                .filter(first -> !first.equals(EventDigest.of(posted))).isPresent()) {
            throw new IdConflict(posted.id());
        }
    }

    /**
     * Publishes an event a caller posted, once per caller and event id.
     *
     * @param caller who posted it: the token's name, or {@link #FEED}
     * @throws IdConflict when the caller posted another event with this id before
     */
    public Outcome publish(String caller, Event posted) {
        String who = key(caller);
        String digest = EventDigest.of(posted);
        Event event = Events.complete(posted, clock);
        Optional<String> first = received.claim(who, event.id(), digest, clock.instant());
        if (first.isPresent()) {
            if (!first.get().equals(digest)) {
                throw new IdConflict(event.id());
            }
            return replay(who, event.id());
        }
        Map<String, Object> result;
        boolean vetoed;
        try {
            EngineTransaction tx = engine.beginFor(who);
            Published published = tx.publish(event);
            vetoed = tx.vetoed();
            try {
                tx.commit();
            } catch (WebhookVetoedException veto) {
                result = result(tx.results().get(0), veto);
                received.answered(who, event.id(), new ReceivedEvents.Answer(409, EventJson.write(result)));
                return new Outcome(event.id(), true, false, result);
            }
            result = result(tx.results().isEmpty() ? published : tx.results().get(0), null);
        } catch (java.sql.SQLException | RuntimeException e) {
            received.release(who, event.id());
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        received.answered(who, event.id(), new ReceivedEvents.Answer(vetoed ? 409 : 202, EventJson.write(result)));
        return new Outcome(event.id(), vetoed, false, result);
    }

    /**
     * The key a caller's events are kept under: its name, or for a name too long for the column a digest of it. A
     * name with a space is not a token's, so the two cannot meet.
     */
    static String key(String caller) {
        if (caller.length() <= MAX_CALLER_KEY) {
            return caller;
        }
        try {
            return "sha-256 " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(caller.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Outcome replay(String caller, String eventId) {
        long deadline = System.nanoTime() + WAIT_FOR_FIRST.toNanos();
        Optional<ReceivedEvents.Answer> answer = received.answer(caller, eventId);
        while (answer.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            answer = received.answer(caller, eventId);
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
