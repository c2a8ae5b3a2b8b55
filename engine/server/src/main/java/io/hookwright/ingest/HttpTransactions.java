package io.hookwright.ingest;

import io.hookwright.event.Event;
import io.hookwright.execution.Engine;
import io.hookwright.execution.OwnTransaction;
import io.hookwright.execution.Published;
import io.hookwright.errors.WebhookVetoedException;
import io.hookwright.event.EventJson;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Transactions for hosts over HTTP: inside semantics without a shared JDBC connection. Sync-inside webhooks run when
 * an event is posted into the transaction (a failure makes it rollback-only); commit runs the after-commit ones and
 * releases the outbox messages; rollback, or a transaction left open past its time to live, discards them.
 *
 * <p>Event ids are the owner's, shared with {@code POST /events} ({@link Ingest}): an id new to the owner is claimed
 * when posted and held by the transaction; the commit keeps each event's answer for repeats, a rollback frees the
 * id. A repeat of an event (in the same transaction or after an earlier post) is answered, not published again; the
 * same id with another event is refused.
 */
public final class HttpTransactions {
    /** How long an ended transaction's id is remembered, to tell "expired" or "already committed" from "unknown". */
    private static final Duration REMEMBER_ENDED = Duration.ofHours(1);

    private final Engine engine;
    private final Ingest ingest;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Open> open = new ConcurrentHashMap<>();
    private final Map<String, Ended> ended = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    private static final class Open {
        final OwnTransaction tx;
        final String owner;
        final Instant expiresAt;
        /** The digests of the events it published, by id. */
        final Map<String, String> published = new ConcurrentHashMap<>();
        /** The ids claimed for it, published or not: what its end keeps or frees. */
        final Set<String> claimed = ConcurrentHashMap.newKeySet();

        Open(OwnTransaction tx, String owner, Instant expiresAt) {
            this.tx = tx;
            this.owner = owner;
            this.expiresAt = expiresAt;
        }
    }

    /** What one event posted into a transaction did; {@code replayed}: a repeat, answered without publishing it. */
    public record Posted(EventResult result, boolean replayed) {
    }

    private record Ended(String owner, String how, Instant at) {
    }

    /** A transaction that cannot take this request; {@code status} is the HTTP status that says why. */
    public static final class Unavailable extends RuntimeException {
        private final int status;

        Unavailable(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public HttpTransactions(Engine engine, Ingest ingest, Clock clock, Duration ttl) {
        this.engine = engine;
        this.ingest = ingest;
        this.clock = clock;
        this.ttl = ttl;
    }

    public record Begun(String id, Instant expiresAt) {
    }

    /**
     * Begins a transaction that belongs to {@code owner} (a token's name): to anyone else it does not exist. Its
     * events' message ids are the owner's, as with {@link Ingest}.
     */
    public Begun begin(String owner) {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        String id = "tx_" + HexFormat.of().formatHex(bytes);
        Instant expiresAt = clock.instant().plus(ttl);
        open.put(id, new Open(engine.beginFor(Ingest.key(owner)), owner, expiresAt));
        return new Begun(id, expiresAt);
    }

    /**
     * Publishes events into the transaction, in order, and answers what each did. A repeat of an event the
     * transaction took already is answered as it stands in it; one the owner posted before the transaction, as
     * {@code POST /events} answers a repeat; neither is published again. Publishing stops at the first event a
     * sync-inside webhook vetoes, whose result shows the veto: the transaction is rollback-only from then on.
     *
     * @throws Ingest.IdConflict  before anything is published, when the owner used one of the ids with another event
     * @throws Ingest.InProgress  before anything is published, when another open transaction holds one of the ids
     */
    public List<Posted> publish(String owner, String id, List<Event> events) {
        Open tx = take(owner, id);
        synchronized (tx) {
            if (tx.tx.vetoed()) {
                throw new Unavailable(409, "transaction " + id + " is rollback-only: a sync-inside webhook vetoed it");
            }
            Ingest.Posting posting = ingest.claimInTransaction(owner, id, events, Map.copyOf(tx.published));
            tx.claimed.addAll(posting.fresh().keySet());
            List<Posted> results = new ArrayList<>();
            Map<String, Ingest.Received> unpublished = new LinkedHashMap<>(posting.fresh());
            try {
                for (Ingest.Received event : posting.events()) {
                    if (posting.fresh().get(event.id()) == event) {
                        Published published = tx.tx.publish(event.event());
                        tx.published.put(event.id(), event.digest());
                        unpublished.remove(event.id());
                        results.add(new Posted(EventResult.of(published), false));
                        if (tx.tx.vetoed()) {
                            break;
                        }
                    } else if (posting.before().containsKey(event.id())) {
                        results.add(new Posted(posting.before().get(event.id()).result(), true));
                    } else {
                        results.add(new Posted(EventResult.of(tx.tx.result(event.id())), true));
                    }
                }
            } finally {
                // Claimed for events it did not publish (a veto or a failure stopped it first): free to post again.
                List<String> freed = List.copyOf(unpublished.keySet());
                freed.forEach(tx.claimed::remove);
                ingest.ended(owner, Map.of(), freed);
            }
            return results;
        }
    }

    public boolean vetoed(String owner, String id) {
        return take(owner, id).tx.vetoed();
    }

    /**
     * Commits: after-commit webhooks run, queued messages leave. Returns what every event did. Only a veto fails it:
     * what the engine's store refuses after the commit is kept and written again, not answered as a failure.
     *
     * @throws WebhookVetoedException when a sync-inside webhook vetoed it: it has been rolled back
     */
    public List<Published> commit(String owner, String id) {
        Open tx = take(owner, id);
        synchronized (tx) {
            open.remove(id);
            try {
                tx.tx.commit();
            } catch (WebhookVetoedException veto) {
                ended.put(id, new Ended(owner, "rolled back (vetoed)", clock.instant()));
                ingest.ended(owner, Map.of(), Set.copyOf(tx.claimed));
                throw veto;
            }
            ended.put(id, new Ended(owner, "committed", clock.instant()));
            List<Published> results = tx.tx.results();
            Map<String, ReceivedEvents.Answer> answers = new LinkedHashMap<>();
            for (Published published : results) {
                answers.put(published.eventId(), new ReceivedEvents.Answer(202, EventJson.write(EventResult.of(published))));
            }
            Set<String> freed = new HashSet<>(tx.claimed);
            freed.removeAll(answers.keySet());
            ingest.ended(owner, answers, freed);
            return results;
        }
    }

    public List<Published> rollback(String owner, String id) {
        Open tx = take(owner, id);
        synchronized (tx) {
            open.remove(id);
            end(tx, id, "rolled back");
            return tx.tx.results();
        }
    }

    /** Rolls back every transaction past its time to live; run now and then. Returns how many. */
    public int expire() {
        Instant now = clock.instant();
        int expired = 0;
        for (var entry : open.entrySet()) {
            if (entry.getValue().expiresAt.isBefore(now) && open.remove(entry.getKey(), entry.getValue())) {
                synchronized (entry.getValue()) {
                    end(entry.getValue(), entry.getKey(), "expired after " + ttl.toSeconds() + " s and was rolled back");
                }
                expired++;
            }
        }
        ended.entrySet().removeIf(e -> e.getValue().at().plus(REMEMBER_ENDED).isBefore(now));
        return expired;
    }

    public int openCount() {
        return open.size();
    }

    private void end(Open tx, String id, String how) {
        tx.tx.rollback();
        ended.put(id, new Ended(tx.owner, how, clock.instant()));
        ingest.ended(tx.owner, Map.of(), Set.copyOf(tx.claimed));
    }

    /** The owner's open transaction; another caller's is answered as one that does not exist. */
    private Open take(String owner, String id) {
        expire();
        Open tx = open.get(id);
        if (tx != null && tx.owner.equals(owner)) {
            return tx;
        }
        Optional<Ended> how = Optional.ofNullable(ended.get(id)).filter(e -> e.owner().equals(owner));
        if (tx == null && how.isPresent()) {
            throw new Unavailable(410, "transaction " + id + " " + how.get().how());
        }
        throw new Unavailable(404, "no open transaction " + id);
    }
}
