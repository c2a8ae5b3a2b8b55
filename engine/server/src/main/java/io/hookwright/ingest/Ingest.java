package io.hookwright.ingest;

import io.hookwright.event.Event;
import io.hookwright.event.EventJson;
import io.hookwright.event.Events;
import io.hookwright.execution.Engine;
import io.hookwright.execution.OwnTransaction;
import io.hookwright.execution.Published;
import io.hookwright.errors.WebhookVetoedException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Events posted over HTTP: each published once, however often its caller posts it. Event ids are per caller, as
 * idempotency keys are: the first answer for a caller's event id is kept and a repeat of the same event gets it back
 * without anything being sent again; the same id with another event is refused ({@link IdConflict}); another
 * caller's event with the same id is an event of its own.
 */
public final class Ingest {
    private static final Logger LOG = Logger.getLogger(Ingest.class.getName());
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
    public record Outcome(String eventId, boolean vetoed, boolean replayed, EventResult result) {
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
        EventResult result;
        try (OwnTransaction tx = engine.beginFor(who)) {
            Published published = tx.publish(event);
            try {
                tx.commit();
                result = EventResult.of(tx.result(published.eventId()));
            } catch (WebhookVetoedException veto) {
                result = EventResult.vetoed(tx.result(published.eventId()), veto);
            }
        } catch (RuntimeException e) {
            // Nothing was published: the event may be posted again.
            received.release(who, event.id());
            throw e;
        }
        // Published (or vetoed): whatever happens to the kept answer, this is the answer.
        Outcome outcome = new Outcome(event.id(), result.veto() != null, false, result);
        try {
            received.answered(who, event.id(), new ReceivedEvents.Answer(outcome.vetoed() ? 409 : 202,
                    EventJson.write(result)));
        } catch (RuntimeException e) {
            LOG.warning("the answer to event " + event.id() + " was not kept (" + e.getMessage() + "): a repeat of it "
                    + "is refused as still being processed until it is forgotten, and is not published again");
        }
        return outcome;
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

    private static EventResult read(String json) {
        try {
            return EventJson.MAPPER.readValue(json, EventResult.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a kept answer is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
