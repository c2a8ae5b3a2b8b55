package io.hookwright.ingest;

import io.hookwright.event.Event;
import io.hookwright.event.EventJson;
import io.hookwright.event.Events;
import io.hookwright.execution.Engine;
import io.hookwright.execution.Fired;
import io.hookwright.execution.OwnTransaction;
import io.hookwright.execution.Published;
import io.hookwright.errors.WebhookVetoedException;
import io.hookwright.store.LockConflicts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /**
     * What one posted event did. {@code replayed}: a repeat, answered from the first time; {@code json}: the result
     * as JSON, as it is kept for repeats.
     */
    public record Outcome(String eventId, boolean vetoed, boolean replayed, EventResult result, String json) {
        Outcome asRepeat() {
            return new Outcome(eventId, vetoed, true, result, json);
        }

        ReceivedEvents.Answer answer() {
            return new ReceivedEvents.Answer(vetoed ? 409 : 202, json);
        }
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
        private final int index;

        IdConflict(String eventId, int index) {
            super("event id '" + eventId + "' was already used with another event body: send the same event to "
                    + "repeat it, or give a new event a new id");
            this.eventId = eventId;
            this.index = index;
        }

        public String eventId() {
            return eventId;
        }

        /** Where the event is among those posted in the request, from 0. */
        public int index() {
            return index;
        }
    }

    /**
     * Publishes the events a caller posted in one request, once per caller and event id, in the order posted. Each is
     * published as if in a transaction of its own that commits at once (a veto rolls back that event alone), and all
     * of them are committed in one transaction of the engine's store, their idempotency records and answers with
     * them: when the store fails, none was published and the request may be sent again. While a sync-inside webhook
     * is defined, the ids are claimed first on their own, as a webhook sent while publishing must not be sent again
     * for a repeat posted meanwhile; the events then commit one by one. An id the caller posted before (or earlier
     * in the same request) with the same event is answered as the first time, nothing sent again.
     *
     * @param caller who posted them: the token's name, or {@link #FEED}
     * @throws IdConflict before anything is published, when the caller posted another event with one of the ids
     */
    public List<Outcome> publish(String caller, List<Event> posted) {
        String who = key(caller);
        List<Received> events = new ArrayList<>(posted.size());
        for (int i = 0; i < posted.size(); i++) {
            Event event = posted.get(i);
            // Completed and checked as it is published: only its id is needed before.
            events.add(new Received(i, Events.identified(event), EventDigest.of(event)));
        }
        for (int tries = 0; tries < 3; tries++) {
            Optional<List<Outcome>> outcomes = attempt(who, events);
            if (outcomes.isPresent()) {
                return outcomes.get();
            }
            // Another request claimed one of the ids meanwhile, and nothing of this one was published: look again.
        }
        throw new IllegalStateException("the events of this request are being posted by other requests at the same "
                + "time, over and over; try again");
    }

    /** {@link #publish(String, List)} of one event. */
    public Outcome publish(String caller, Event posted) {
        return publish(caller, List.of(posted)).get(0);
    }

    /** One posted event, with its id (a new one if it had none) and the digest of it as posted. */
    private record Received(int index, Event event, String digest) {
        String id() {
            return event.id();
        }
    }

    /** Empty when another request claimed one of the ids meanwhile: then nothing was published. */
    private Optional<List<Outcome>> attempt(String who, List<Received> events) {
        Map<String, String> firsts = received.digests(who, events.stream().map(Received::id).toList());
        Map<String, Received> fresh = new LinkedHashMap<>();
        for (Received event : events) {
            Received earlier = fresh.get(event.id());
            String first = earlier != null ? earlier.digest() : firsts.get(event.id());
            if (first == null) {
                fresh.put(event.id(), event);
            } else if (!first.equals(event.digest())) {
                throw new IdConflict(event.id(), event.index());
            }
        }
        Map<String, Outcome> byId = new HashMap<>();
        if (!fresh.isEmpty()) {
            Optional<Map<String, Outcome>> published = publishFresh(who, List.copyOf(fresh.values()));
            if (published.isEmpty()) {
                return Optional.empty();
            }
            byId.putAll(published.get());
        }
        byId.putAll(replay(who, firsts.keySet()));
        List<Outcome> outcomes = new ArrayList<>(events.size());
        for (Received event : events) {
            Outcome outcome = byId.get(event.id());
            outcomes.add(fresh.get(event.id()) == event ? outcome : outcome.asRepeat());
        }
        return Optional.of(outcomes);
    }

    /** Publishes events whose ids are new; empty when another request claimed one meanwhile. */
    private Optional<Map<String, Outcome>> publishFresh(String who, List<Received> fresh) {
        Instant now = clock.instant();
        List<OwnTransaction> txs = new ArrayList<>(fresh.size());
        Outcome[] outcomes = new Outcome[fresh.size()];
        try {
            if (engine.definitions().sendInside()) {
                if (!received.claim(who, claims(fresh, Map.of()), now)) {
                    return Optional.empty();
                }
                publishClaimed(who, fresh, txs, outcomes);
            } else if (!publishAndClaim(who, fresh, txs, now, outcomes)) {
                return Optional.empty();
            }
        } finally {
            txs.forEach(OwnTransaction::close);
        }
        Map<String, Outcome> byId = new HashMap<>();
        for (Outcome outcome : outcomes) {
            byId.put(outcome.eventId(), outcome);
        }
        return Optional.of(byId);
    }

    /**
     * Publishes the events and commits them in one transaction of the store with their claims and answers: nothing is
     * sent before the commit, so an id claimed meanwhile by another request rolls it all back (false) and nothing
     * happened. The answers of events with sync-after-commit webhooks are kept once those were sent.
     */
    private boolean publishAndClaim(String who, List<Received> fresh, List<OwnTransaction> txs, Instant now,
                                    Outcome[] outcomes) {
        for (Received event : fresh) {
            OwnTransaction tx = engine.beginFor(who);
            txs.add(tx);
            tx.publish(event.event());
        }
        try {
            engine.commitTogether(txs, store -> {
                Map<String, ReceivedEvents.Answer> answers = new HashMap<>();
                for (int i = 0; i < outcomes.length; i++) {
                    outcomes[i] = outcome(fresh.get(i), txs.get(i));
                    if (!waiting(outcomes[i])) {
                        answers.put(outcomes[i].eventId(), outcomes[i].answer());
                    }
                }
                if (!received.claim(store, who, claims(fresh, answers), now)) {
                    throw new Taken();
                }
            });
        } catch (Taken e) {
            return false;
        } catch (RuntimeException e) {
            if (LockConflicts.lost(e)) {
                // Another request posting the same ids in another order: the database rolled this one back whole.
                return false;
            }
            throw e;
        }
        // Kept unanswered until their sync-after-commit webhooks were sent, so that a repeat waited for the outcome.
        Map<String, ReceivedEvents.Answer> late = new LinkedHashMap<>();
        for (int i = 0; i < outcomes.length; i++) {
            if (waiting(outcomes[i])) {
                outcomes[i] = outcome(fresh.get(i), txs.get(i));
                late.put(outcomes[i].eventId(), outcomes[i].answer());
            }
        }
        keep(who, late);
        return true;
    }

    /**
     * Publishes events claimed already, as a sync-inside webhook may be sent while publishing them: a repeat posted
     * meanwhile waits for the answer instead of sending it again, and no lock of the store is held while it is sent.
     * Each commits as an {@link OwnTransaction} does (once a webhook was sent, what the store refuses is kept and
     * written again); the answers are kept together after.
     */
    private void publishClaimed(String who, List<Received> fresh, List<OwnTransaction> txs, Outcome[] outcomes) {
        int committed = 0;
        try {
            for (Received event : fresh) {
                OwnTransaction tx = engine.beginFor(who);
                txs.add(tx);
                tx.publish(event.event());
                try {
                    tx.commit();
                } catch (WebhookVetoedException veto) {
                    // Rolled back: its result shows the veto, and a repeat gets it again.
                }
                outcomes[committed] = outcome(event, tx);
                committed++;
            }
        } catch (RuntimeException e) {
            keep(who, answers(outcomes, committed));
            releaseQuietly(who, fresh.subList(committed, fresh.size()), e);
            throw e;
        }
        keep(who, answers(outcomes, committed));
    }

    private static Map<String, ReceivedEvents.Answer> answers(Outcome[] outcomes, int count) {
        Map<String, ReceivedEvents.Answer> answers = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            answers.put(outcomes[i].eventId(), outcomes[i].answer());
        }
        return answers;
    }

    /** Keeps answers given already: a failure to keep them does not change them. */
    private void keep(String who, Map<String, ReceivedEvents.Answer> answers) {
        if (answers.isEmpty()) {
            return;
        }
        try {
            received.answered(who, answers);
        } catch (RuntimeException e) {
            LOG.warning("the answers to events " + answers.keySet() + " were not kept (" + e.getMessage() + "): a "
                    + "repeat of one is refused as still being processed until it is forgotten, and is not "
                    + "published again");
        }
    }

    /** True while a sync-after-commit webhook of the event waits for the commit: its answer is not final yet. */
    private static boolean waiting(Outcome outcome) {
        return outcome.result().runs().stream().anyMatch(f -> f.status() == Fired.Status.AFTER_COMMIT);
    }

    private static Outcome outcome(Received event, OwnTransaction tx) {
        Published published = tx.result(event.id());
        EventResult result = tx.veto().map(veto -> EventResult.vetoed(published, veto))
                .orElseGet(() -> EventResult.of(published));
        return new Outcome(event.id(), result.veto() != null, false, result, EventJson.write(result));
    }

    private static List<ReceivedEvents.Claim> claims(List<Received> fresh, Map<String, ReceivedEvents.Answer> answers) {
        return fresh.stream().map(e -> new ReceivedEvents.Claim(e.id(), e.digest(), answers.get(e.id()))).toList();
    }

    private void releaseQuietly(String who, List<Received> fresh, RuntimeException failure) {
        try {
            // Nothing was published: the events may be posted again.
            received.release(who, fresh.stream().map(Received::id).toList());
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Rolls back the store's transaction when another request claimed one of its ids first. */
    private static final class Taken extends RuntimeException {
        Taken() {
            super(null, null, false, false);
        }
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

    /** The answers kept for events posted before, waiting for those still being processed by another request. */
    private Map<String, Outcome> replay(String caller, Set<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Map.of();
        }
        long deadline = System.nanoTime() + WAIT_FOR_FIRST.toNanos();
        Map<String, ReceivedEvents.Answer> answers = new HashMap<>(received.answers(caller, eventIds));
        while (answers.size() < eventIds.size() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            answers.putAll(received.answers(caller, eventIds.stream().filter(id -> !answers.containsKey(id)).toList()));
        }
        Map<String, Outcome> outcomes = new HashMap<>();
        for (String eventId : eventIds) {
            ReceivedEvents.Answer answer = answers.get(eventId);
            if (answer == null) {
                throw new IllegalStateException("event " + eventId + " is still being processed by an earlier request");
            }
            outcomes.put(eventId, new Outcome(eventId, answer.status() == 409, true, read(answer.body()), answer.body()));
        }
        return outcomes;
    }

    private static EventResult read(String json) {
        try {
            return EventJson.MAPPER.readValue(json, EventResult.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a kept answer is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
