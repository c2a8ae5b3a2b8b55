package io.hookwright.ingest;

import io.hookwright.event.Event;
import io.hookwright.execution.Engine;
import io.hookwright.execution.OwnTransaction;
import io.hookwright.execution.Published;
import io.hookwright.errors.WebhookVetoedException;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Transactions for hosts over HTTP: inside semantics without a shared JDBC connection. Sync-inside webhooks run when
 * an event is posted into the transaction (a failure makes it rollback-only); commit runs the after-commit ones and
 * releases the outbox messages; rollback, or a transaction left open past its time to live, discards them.
 */
public final class HttpTransactions {
    /** How long an ended transaction's id is remembered, to tell "expired" or "already committed" from "unknown". */
    private static final Duration REMEMBER_ENDED = Duration.ofHours(1);

    private final Engine engine;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Open> open = new ConcurrentHashMap<>();
    private final Map<String, Ended> ended = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    private static final class Open {
        final OwnTransaction tx;
        final String owner;
        final Instant expiresAt;

        Open(OwnTransaction tx, String owner, Instant expiresAt) {
            this.tx = tx;
            this.owner = owner;
            this.expiresAt = expiresAt;
        }
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

    public HttpTransactions(Engine engine, Clock clock, Duration ttl) {
        this.engine = engine;
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

    /** Publishes into the transaction; the result shows a veto, after which the transaction is rollback-only. */
    public Published publish(String owner, String id, Event event) {
        Open tx = take(owner, id);
        synchronized (tx) {
            if (tx.tx.vetoed()) {
                throw new Unavailable(409, "transaction " + id + " is rollback-only: a sync-inside webhook vetoed it");
            }
            return tx.tx.publish(event);
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
                throw veto;
            }
            ended.put(id, new Ended(owner, "committed", clock.instant()));
            return tx.tx.results();
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
