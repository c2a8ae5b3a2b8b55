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
import java.util.concurrent.ConcurrentHashMap;
import java.util.Collection;
import java.util.logging.Logger;

/**
 * Events posted over HTTP: each published once, however often its caller posts it. Event ids are per caller, as
 * idempotency keys are: the first answer for a caller's event id is kept and a repeat of the same event gets it back
 * without anything being sent again; the same id with another event is refused ({@link IdConflict}); another
 * caller's event with the same id is an event of its own.
 */
public final class Ingest {
    /** Attempts of one request whose ids other requests keep claiming or locking first. */
    private static final int MAX_TRIES = 10;
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
    /** The caller's event ids held by open HTTP transactions of this node, with the transaction holding each. */
    private final Map<String, String> holds = new ConcurrentHashMap<>();

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

    /**
     * Frees the event ids claimed longer ago than {@code longestHold} and never answered, so a repeat publishes them
     * instead of being refused for {@link #REMEMBERED}: what held them (an HTTP transaction open on a node that
     * crashed) is gone. Returns how many.
     */
    public int releaseAbandoned(Duration longestHold) {
        return received.releaseAbandoned(clock.instant().minus(longestHold));
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
     * A caller's event id taken by a request that has not finished with it: an open HTTP transaction, or a request
     * still publishing it after {@link #WAIT_FOR_FIRST}. Nothing of the request was published; it may be sent again.
     */
    public static final class InProgress extends RuntimeException {
        private final String eventId;
        private final int index;

        InProgress(String eventId, int index, String why) {
            super("event id '" + eventId + "' " + why);
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
     * in the same request) with the same event is answered as the first time, nothing sent again, each of its
     * webhooks as it stands now (see {@link #replay}).
     *
     * @param caller who posted them: the token's name, or {@link #FEED}
     * @throws IdConflict before anything is published, when the caller posted another event with one of the ids
     * @throws InProgress before anything is published, when one of the ids is still being published
     */
    public List<Outcome> publish(String caller, List<Event> posted) {
        String who = key(caller);
        List<Received> events = received(posted);
        // First as if every id were new, the common case, without reading the ids' digests: a claim that finds an id
        // taken rolls everything back, and the request is then looked at id by id.
        Optional<List<Outcome>> optimistic = attempt(who, events, false);
        if (optimistic.isPresent()) {
            return optimistic.get();
        }
        for (int tries = 0; tries < MAX_TRIES; tries++) {
            Optional<List<Outcome>> outcomes = attempt(who, events, true);
            if (outcomes.isPresent()) {
                return outcomes.get();
            }
            // Another request claimed one of the ids meanwhile, or won a lock race on them, and nothing of this one was
            // published: look again after a short random wait, so that racers posting the same ids fall out of step.
            backOff(tries);
        }
        throw new IllegalStateException("the events of this request are being posted by other requests at the same "
                + "time, over and over; try again");
    }

    private static void backOff(int tries) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 5L << Math.min(tries, 4)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@link #publish(String, List)} of one event. */
    public Outcome publish(String caller, Event posted) {
        return publish(caller, List.of(posted)).get(0);
    }

    /** One posted event, with its id (a new one if it had none) and the digest of it as posted. */
    record Received(int index, Event event, String digest) {
        String id() {
            return event.id();
        }
    }

    static List<Received> received(List<Event> posted) {
        List<Received> events = new ArrayList<>(posted.size());
        for (int i = 0; i < posted.size(); i++) {
            Event event = posted.get(i);
            // Completed and checked as it is published: only its id is needed before.
            events.add(new Received(i, Events.identified(event), EventDigest.of(event)));
        }
        return events;
    }

    /**
     * The events whose ids are new, by id, the first of each; {@code known} gives the digests of the ids used before.
     *
     * @throws IdConflict when an id was used before, or earlier among {@code events}, with another event
     */
    private static Map<String, Received> fresh(List<Received> events, Map<String, String> known) {
        Map<String, Received> fresh = new LinkedHashMap<>();
        for (Received event : events) {
            Received earlier = fresh.get(event.id());
            String first = earlier != null ? earlier.digest() : known.get(event.id());
            if (first == null) {
                fresh.put(event.id(), event);
            } else if (!first.equals(event.digest())) {
                throw new IdConflict(event.id(), event.index());
            }
        }
        return fresh;
    }

    /**
     * Empty when another request claimed one of the ids meanwhile, or, unless {@code lookFirst}, one was posted
     * before: then nothing was published.
     */
    private Optional<List<Outcome>> attempt(String who, List<Received> events, boolean lookFirst) {
        Map<String, String> firsts = lookFirst ? received.digests(who, events.stream().map(Received::id).toList()) : Map.of();
        Map<String, Received> fresh = fresh(events, firsts);
        // Before publishing anything: an id still being processed elsewhere refuses the whole request.
        Map<String, Outcome> byId = new HashMap<>(replay(who, firstIndexes(events, firsts.keySet())));
        if (!fresh.isEmpty()) {
            Optional<Map<String, Outcome>> published = publishFresh(who, List.copyOf(fresh.values()));
            if (published.isEmpty()) {
                return Optional.empty();
            }
            byId.putAll(published.get());
        }
        List<Outcome> outcomes = new ArrayList<>(events.size());
        for (Received event : events) {
            Outcome outcome = byId.get(event.id());
            outcomes.add(fresh.get(event.id()) == event ? outcome : outcome.asRepeat());
        }
        return Optional.of(outcomes);
    }

    /**
     * Events posted into an open HTTP transaction, before any is published, checked against the caller's ids as
     * {@link #publish} checks them.
     *
     * @param events the events posted, in order
     * @param fresh  those whose ids are new, the first of each by id: claimed now for the transaction, held until
     *               {@link #ended} says how it ended
     * @param before the answers to those posted before the transaction, by id, as they stand now
     */
    record Posting(List<Received> events, Map<String, Received> fresh, Map<String, Outcome> before) {
    }

    /**
     * Checks and claims the events a caller posts into its open transaction {@code txId}.
     *
     * @param inTransaction the digests of the events the transaction took already, by id: a repeat of one is
     *                      answered by the transaction, not here
     * @throws IdConflict when the caller used one of the ids with another event, in the transaction or before it
     * @throws InProgress when one of the ids is held by another open transaction or still being published
     */
    Posting claimInTransaction(String caller, String txId, List<Event> posted, Map<String, String> inTransaction) {
        String who = key(caller);
        List<Received> events = received(posted);
        List<String> outside = events.stream().map(Received::id).filter(id -> !inTransaction.containsKey(id))
                .distinct().toList();
        for (int tries = 0; tries < 3; tries++) {
            Map<String, String> firsts = outside.isEmpty() ? Map.of() : received.digests(who, outside);
            Map<String, String> known = new HashMap<>(firsts);
            known.putAll(inTransaction);
            Map<String, Received> fresh = fresh(events, known);
            Map<String, Outcome> before = replay(who, firstIndexes(events, firsts.keySet()));
            if (fresh.isEmpty() || received.claim(who, claims(List.copyOf(fresh.values()), Map.of()), clock.instant())) {
                fresh.keySet().forEach(id -> holds.put(hold(who, id), txId));
                return new Posting(events, fresh, before);
            }
            // Another request claimed one of the ids meanwhile: look again.
        }
        throw new IllegalStateException("the events of this request are being posted by other requests at the same "
                + "time, over and over; try again");
    }

    /**
     * A transaction's claimed ids, once it ended: those it published and committed keep their answers (a repeat gets
     * them), the others are freed (the event may be posted again, as a new one).
     */
    void ended(String caller, Map<String, ReceivedEvents.Answer> committed, Collection<String> freed) {
        String who = key(caller);
        keep(who, committed);
        if (!freed.isEmpty()) {
            try {
                received.release(who, freed);
            } catch (RuntimeException e) {
                LOG.warning("the event ids " + freed + " of a transaction that did not commit were not freed ("
                        + e.getMessage() + "): a repeat of one is refused as still being processed until it is "
                        + "forgotten");
            }
        }
        committed.keySet().forEach(id -> holds.remove(hold(who, id)));
        freed.forEach(id -> holds.remove(hold(who, id)));
    }

    /** The key of a caller's event id among {@link #holds}: identifiers hold no control characters. */
    private static String hold(String who, String eventId) {
        return who + "\u0000" + eventId;
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
    void keep(String who, Map<String, ReceivedEvents.Answer> answers) {
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

    /** Each of these ids where it is first among {@code events}: the place an error about it names. */
    private static Map<String, Integer> firstIndexes(List<Received> events, Set<String> ids) {
        Map<String, Integer> indexes = new HashMap<>();
        for (Received event : events) {
            if (ids.contains(event.id())) {
                indexes.putIfAbsent(event.id(), event.index());
            }
        }
        return indexes;
    }

    /**
     * The answers kept for events posted before, by id, waiting a while for those another request is still
     * publishing. The answer's status and veto are the first answer's; each webhook is shown as it stands now, by its
     * message's latest run (as {@code GET /runs} shows it), not as it stood when the event was first answered.
     *
     * @param eventIds each id with where it is in the request
     * @throws InProgress when an id is held by an open HTTP transaction, or still being published after a while
     */
    private Map<String, Outcome> replay(String caller, Map<String, Integer> eventIds) {
        if (eventIds.isEmpty()) {
            return Map.of();
        }
        long deadline = System.nanoTime() + WAIT_FOR_FIRST.toNanos();
        Map<String, ReceivedEvents.Answer> answers = new HashMap<>(received.answers(caller, eventIds.keySet()));
        while (answers.size() < eventIds.size()) {
            for (String eventId : eventIds.keySet()) {
                String holder = answers.containsKey(eventId) ? null : holds.get(hold(caller, eventId));
                if (holder != null) {
                    throw new InProgress(eventId, eventIds.get(eventId), "is being published in open transaction "
                            + holder + ": it is answered once that transaction commits (a rollback frees the id)");
                }
            }
            if (System.nanoTime() >= deadline) {
                String eventId = eventIds.keySet().stream().filter(id -> !answers.containsKey(id)).findFirst().orElseThrow();
                throw new InProgress(eventId, eventIds.get(eventId), "is still being published by an earlier request; "
                        + "send it again later to get its answer");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for an earlier request of the same events");
            }
            answers.putAll(received.answers(caller, eventIds.keySet().stream().filter(id -> !answers.containsKey(id)).toList()));
        }
        List<String> ids = List.copyOf(eventIds.keySet());
        List<EventResult> kept = ids.stream().map(id -> read(answers.get(id).body())).toList();
        List<EventResult> now = current(kept);
        Map<String, Outcome> outcomes = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            EventResult result = now.get(i);
            outcomes.put(ids.get(i), new Outcome(ids.get(i), answers.get(ids.get(i)).status() == 409, true, result,
                    EventJson.write(result)));
        }
        return outcomes;
    }

    /** These results as they stand now, by their messages' latest runs; their vetoes stay. */
    private List<EventResult> current(List<EventResult> results) {
        List<Published> now = engine.current(results.stream().map(r -> new Published(r.eventId(), r.runs())).toList());
        List<EventResult> current = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            current.add(new EventResult(results.get(i).eventId(), now.get(i).fired(), results.get(i).veto()));
        }
        return current;
    }

    private static EventResult read(String json) {
        try {
            return EventJson.MAPPER.readValue(json, EventResult.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a kept answer is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
