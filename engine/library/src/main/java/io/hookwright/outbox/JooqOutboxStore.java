package io.hookwright.outbox;

import io.hookwright.store.Database;
import io.hookwright.store.JdbcBatch;
import io.hookwright.store.NamedStatement;
import io.hookwright.store.Notifications;
import io.hookwright.render.RequestJson;
import io.hookwright.render.SecretNames;
import io.hookwright.store.Schema.Outbox;
import io.hookwright.store.Schema.Workers;
import io.hookwright.store.StoreTransaction;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** All of the outbox's SQL. */
public final class JooqOutboxStore implements OutboxStore {
    static final String PENDING = "pending";
    static final String CLAIMED = "claimed";
    /** A message of an ordered webhook given up with {@code onFailure: 'block'}: its key waits for an operator. */
    static final String BLOCKED = "blocked";
    private static final int ID_CHUNK = 500;

    private final Database database;
    /**
     * Rendered once: every publish queues its messages with a statement of its own, and rendering that statement
     * took more of a publish's time than running it.
     */
    private final String insert;
    private final Claim claimAny;
    private final Claim claimPassingOver;
    private final NamedStatement remove;

    public JooqOutboxStore(Database database) {
        this.database = database;
        this.claimAny = claim(database, false);
        this.claimPassingOver = claim(database, true);
        this.remove = NamedStatement.of(DSL.using(database.dialect()).deleteFrom(Outbox.TABLE)
                .where(Outbox.MESSAGE_ID.in(DSL.param("ids")))
                .and(Outbox.STATUS.eq(DSL.inline(CLAIMED)))
                .and(Outbox.CLAIMED_BY.eq(DSL.param("worker", String.class))));
        this.insert = DSL.using(database.dialect()).insertInto(Outbox.TABLE, Outbox.MESSAGE_ID, Outbox.WEBHOOK,
                        Outbox.REVISION, Outbox.EVENT_ID, Outbox.EVENT_TYPE, Outbox.MODE, Outbox.REQUEST,
                        Outbox.TIMEOUT_MS, Outbox.ATTEMPTS, Outbox.STATUS, Outbox.NEXT_ATTEMPT_AT, Outbox.CREATED_AT,
                        Outbox.TARGET_HOST, Outbox.SIGNING_SECRETS, Outbox.ORDER_KEY, Outbox.ORDER_SEQ)
                .values(Collections.nCopies(16, null))
                .onConflictDoNothing()
                .getSQL();
    }

    @Override
    public void enqueue(StoreTransaction tx, List<OutboxMessage> messages) {
        tx.attempt("queueing messages", () -> {
            List<OutboxMessage> ordered = messages.stream().filter(OutboxMessage::ordered).toList();
            long[] places = ordered.isEmpty() ? null : OrderedKeys.next(tx, ordered);
            List<Object[]> rows = new ArrayList<>(messages.size());
            int place = 0;
            for (OutboxMessage m : messages) {
                Long seq = m.ordered() ? places[place++] : null;
                rows.add(new Object[]{m.messageId(), m.webhook(), m.revision(), m.eventId(), m.eventType(), m.mode(),
                        RequestJson.write(m.request()), (int) m.timeout().toMillis(), m.attempts(), PENDING,
                        m.nextAttemptAt().toEpochMilli(), m.createdAt().toEpochMilli(), m.targetHost(),
                        SecretNames.join(m.signingSecrets()), m.orderKey(), seq});
            }
            JdbcBatch.execute(tx, insert, rows);
        });
    }

    @Override
    public void hold(StoreTransaction tx, List<OutboxMessage> messages, String worker) {
        DSLContext sql = database.dsl(tx);
        tx.attempt("holding messages for this node", () -> {
            for (OutboxMessage m : messages) {
                sql.insertInto(Outbox.TABLE, Outbox.MESSAGE_ID, Outbox.WEBHOOK, Outbox.REVISION, Outbox.EVENT_ID,
                                Outbox.EVENT_TYPE, Outbox.MODE, Outbox.REQUEST, Outbox.TIMEOUT_MS, Outbox.ATTEMPTS,
                                Outbox.STATUS, Outbox.CLAIMED_BY, Outbox.NEXT_ATTEMPT_AT, Outbox.CREATED_AT,
                                Outbox.TARGET_HOST, Outbox.SIGNING_SECRETS)
                        .values(m.messageId(), m.webhook(), m.revision(), m.eventId(), m.eventType(), m.mode(),
                                RequestJson.write(m.request()), (int) m.timeout().toMillis(), m.attempts(), CLAIMED,
                                worker, m.nextAttemptAt().toEpochMilli(), m.createdAt().toEpochMilli(), m.targetHost(),
                                SecretNames.join(m.signingSecrets()))
                        .onConflictDoNothing()
                        .execute();
            }
        });
    }

    @Override
    public void announce(StoreTransaction tx) {
        tx.attempt("announcing queued messages", () -> database.notifications().announce(tx, Notifications.Channel.OUTBOX));
    }

    @Override
    public List<OutboxMessage> claimDue(String worker, int limit, Instant now, Set<String> passOver) {
        return database.attempt("claiming due messages", () -> claim(worker, limit, now, passOver));
    }

    private List<OutboxMessage> claim(String worker, int limit, Instant now, Set<String> passOver) {
        Claim claim = passOver.isEmpty() ? claimAny : claimPassingOver;
        Map<String, Object> values = Map.of("worker", worker, "limit", limit, "now", now.toEpochMilli(),
                "passOver", passOver);
        return database.dsl().connectionResult(connection -> {
            // Looking first costs a read; claiming costs a write, which on SQLite waits for any open host transaction.
            if (!claim.due().query(connection, values, row -> row.getBoolean(1)).getFirst()) {
                return List.of();
            }
            List<OutboxMessage> claimed = claim.claim().query(connection, values, JooqOutboxStore::message);
            claimed.sort(Comparator.comparing(OutboxMessage::nextAttemptAt).thenComparing(OutboxMessage::messageId));
            return claimed;
        });
    }

    /** A claim's two statements: whether anything is due, and the claim itself. */
    private record Claim(NamedStatement due, NamedStatement claim) {
    }

    /**
     * Rendered once: a claim runs for every wake-up, and rendering its statements took longer than running them.
     * One statement picks and claims: on PostgreSQL the pick locks its rows and skips rows other nodes are claiming at
     * this moment; on SQLite the statement holds the one write lock. Either way no row is claimed twice, and the
     * update checks again that each row is still wanted. The worker's row is held meanwhile, so a worker being
     * removed as dead either claims nothing or has these claims released with its others.
     */
    private static Claim claim(Database database, boolean passingOver) {
        DSLContext dsl = DSL.using(database.dialect());
        Condition wanted = Outbox.STATUS.eq(DSL.inline(PENDING))
                .and(Outbox.NEXT_ATTEMPT_AT.le(DSL.param("now", Long.class)))
                .and(OrderedKeys.inTurn())
                .and(passingOver ? Outbox.TARGET_HOST.isNull().or(Outbox.TARGET_HOST.notIn(DSL.param("passOver")))
                        : DSL.noCondition());
        Condition registered = DSL.exists(database.kind().sharing(
                DSL.selectOne().from(Workers.TABLE).where(Workers.WORKER.eq(DSL.param("worker", String.class)))));
        NamedStatement due = NamedStatement.of(dsl.select(DSL.field(DSL.exists(
                DSL.selectOne().from(Outbox.TABLE).where(wanted)))));
        NamedStatement claim = NamedStatement.of(dsl.update(Outbox.TABLE)
                .set(Outbox.STATUS, DSL.inline(CLAIMED))
                .set(Outbox.CLAIMED_BY, DSL.param("worker", String.class))
                .where(database.kind().firstUnlocked(Outbox.TABLE, wanted, Outbox.NEXT_ATTEMPT_AT,
                        DSL.param("limit", Integer.class)))
                .and(wanted)
                .and(registered)
                .returning(Outbox.ALL));
        return new Claim(due, claim);
    }

    @Override
    public void register(String worker, Instant now, Instant until) {
        database.attempt("registering worker " + worker, () -> database.dsl()
                .insertInto(Workers.TABLE, Workers.WORKER, Workers.ALIVE_UNTIL, Workers.STARTED_AT)
                .values(worker, until.toEpochMilli(), now.toEpochMilli())
                .execute());
    }

    @Override
    public boolean heartbeat(String worker, Instant until) {
        // Waits for a worker removing this one as dead, if one is: then finds no row, and the caller knows.
        return database.attempt("renewing the lease of worker " + worker, () -> database.dsl().update(Workers.TABLE)
                .set(Workers.ALIVE_UNTIL, until.toEpochMilli())
                .where(Workers.WORKER.eq(worker))
                .execute() == 1);
    }

    @Override
    public int reap(Instant now) {
        Condition dead = Workers.ALIVE_UNTIL.lt(now.toEpochMilli());
        if (!database.attempt("looking for dead workers", () -> database.dsl().fetchExists(Workers.TABLE, dead))) {
            return 0;
        }
        return database.inTransaction(tx -> tx.attempt("removing dead workers", () -> {
            // The delete waits for a heartbeat under way and checks the lease again after it: a worker that renewed
            // in time stays.
            List<String> workers = database.dsl(tx).deleteFrom(Workers.TABLE).where(dead)
                    .returning(Workers.WORKER).fetch(Workers.WORKER);
            return workers.isEmpty() ? 0 : release(tx, Outbox.CLAIMED_BY.in(workers));
        }));
    }

    @Override
    public void deregister(String worker) {
        database.inTransaction(tx -> tx.attempt("removing worker " + worker, () -> {
            database.dsl(tx).deleteFrom(Workers.TABLE).where(Workers.WORKER.eq(worker)).execute();
            return release(tx, Outbox.CLAIMED_BY.eq(worker));
        }));
    }

    @Override
    public int releaseClaims(String worker, Collection<String> messageIds) {
        int released = 0;
        for (List<String> ids : chunks(messageIds)) {
            Condition whose = Outbox.CLAIMED_BY.eq(worker).and(Outbox.MESSAGE_ID.in(ids));
            released += database.inTransaction(tx -> tx.attempt("releasing claims of worker " + worker,
                    () -> release(tx, whose)));
        }
        return released;
    }

    /** Ids in groups small enough for one statement's parameters on either database. */
    private static List<List<String>> chunks(Collection<String> ids) {
        List<String> all = List.copyOf(ids);
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += ID_CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + ID_CHUNK)));
        }
        return chunks;
    }

    /** A claimed row, its columns read by place: they come back in the order of {@link Outbox#ALL}. */
    private static OutboxMessage message(ResultSet r) throws SQLException {
        return new OutboxMessage(r.getString(Column.MESSAGE_ID), r.getString(Column.WEBHOOK),
                r.getString(Column.REVISION), r.getString(Column.EVENT_ID), r.getString(Column.EVENT_TYPE),
                r.getString(Column.MODE), RequestJson.read(r.getString(Column.REQUEST)),
                SecretNames.split(r.getString(Column.SIGNING_SECRETS)),
                Duration.ofMillis(r.getInt(Column.TIMEOUT_MS)), r.getInt(Column.ATTEMPTS),
                Instant.ofEpochMilli(r.getLong(Column.NEXT_ATTEMPT_AT)),
                Instant.ofEpochMilli(r.getLong(Column.CREATED_AT)), r.getString(Column.TARGET_HOST),
                r.getString(Column.ORDER_KEY), r.getLong(Column.ORDER_SEQ));
    }

    /** Where each column stands in a row of {@link Outbox#ALL}, counted from 1 as JDBC does. */
    private static final class Column {
        static final int MESSAGE_ID = at(Outbox.MESSAGE_ID);
        static final int WEBHOOK = at(Outbox.WEBHOOK);
        static final int REVISION = at(Outbox.REVISION);
        static final int EVENT_ID = at(Outbox.EVENT_ID);
        static final int EVENT_TYPE = at(Outbox.EVENT_TYPE);
        static final int MODE = at(Outbox.MODE);
        static final int REQUEST = at(Outbox.REQUEST);
        static final int SIGNING_SECRETS = at(Outbox.SIGNING_SECRETS);
        static final int TIMEOUT_MS = at(Outbox.TIMEOUT_MS);
        static final int ATTEMPTS = at(Outbox.ATTEMPTS);
        static final int NEXT_ATTEMPT_AT = at(Outbox.NEXT_ATTEMPT_AT);
        static final int CREATED_AT = at(Outbox.CREATED_AT);
        static final int TARGET_HOST = at(Outbox.TARGET_HOST);
        static final int ORDER_KEY = at(Outbox.ORDER_KEY);
        static final int ORDER_SEQ = at(Outbox.ORDER_SEQ);

        private Column() {
        }

        private static int at(org.jooq.Field<?> column) {
            return Outbox.ALL.indexOf(column) + 1;
        }
    }

    @Override
    public int releaseClaims(String workerPrefix) {
        return database.inTransaction(tx -> tx.attempt("releasing the claims of earlier workers " + workerPrefix + "*",
                () -> {
                    database.dsl(tx).deleteFrom(Workers.TABLE).where(Workers.WORKER.startsWith(workerPrefix)).execute();
                    return release(tx, Outbox.CLAIMED_BY.startsWith(workerPrefix));
                }));
    }

    /** Makes the claims {@code whose} matches due again at once, and wakes every node to them when {@code tx} commits. */
    private int release(StoreTransaction tx, Condition whose) {
        int released = database.dsl(tx).update(Outbox.TABLE)
                .set(Outbox.STATUS, PENDING)
                .setNull(Outbox.CLAIMED_BY)
                .where(Outbox.STATUS.eq(CLAIMED)).and(whose)
                .execute();
        if (released > 0) {
            database.notifications().announce(tx, Notifications.Channel.OUTBOX);
        }
        return released;
    }

    @Override
    public int remove(StoreTransaction tx, Collection<String> messageIds, String worker) {
        return tx.attempt("removing settled messages", () -> remove(tx.connection(), messageIds, worker));
    }

    private int remove(java.sql.Connection connection, Collection<String> messageIds, String worker) {
        int removed = 0;
        // One statement for each chunk. Run as a batch of one prepared statement per message instead, PostgreSQL soon
        // switched to a generic plan made on the statistics of a young outbox and scanned the whole table for each.
        for (List<String> ids : chunks(messageIds)) {
            removed += remove.execute(connection, Map.of("ids", ids, "worker", worker));
        }
        return removed;
    }

    @Override
    public boolean delivered(String messageId, String worker) {
        return database.attempt("removing message " + messageId, () -> database.dsl().connectionResult(
                connection -> remove(connection, List.of(messageId), worker)) == 1);
    }

    @Override
    public boolean retryAt(String messageId, String worker, int attempts, Instant next) {
        return database.attempt("releasing message " + messageId + " for a retry",
                () -> retryAt(database.dsl(), messageId, worker, attempts, next));
    }

    @Override
    public boolean retryAt(StoreTransaction tx, String messageId, String worker, int attempts, Instant next) {
        return tx.attempt("releasing message " + messageId + " for a retry",
                () -> retryAt(database.dsl(tx), messageId, worker, attempts, next));
    }

    private static boolean retryAt(DSLContext dsl, String messageId, String worker, int attempts, Instant next) {
        return dsl.update(Outbox.TABLE)
                .set(Outbox.STATUS, PENDING)
                .set(Outbox.ATTEMPTS, attempts)
                .set(Outbox.NEXT_ATTEMPT_AT, next.toEpochMilli())
                .setNull(Outbox.CLAIMED_BY)
                .where(ours(messageId, worker))
                .execute() == 1;
    }

    @Override
    public boolean block(StoreTransaction tx, String messageId, String worker, int attempts) {
        return tx.attempt("keeping message " + messageId + " at the head of its key", () -> database.dsl(tx)
                .update(Outbox.TABLE)
                .set(Outbox.STATUS, BLOCKED)
                .set(Outbox.ATTEMPTS, attempts)
                .setNull(Outbox.CLAIMED_BY)
                .where(ours(messageId, worker))
                .execute() == 1);
    }

    @Override
    public List<OutboxMessage> holdBehind(StoreTransaction tx, String headId, String webhook, String key, long seq) {
        return tx.attempt("marking the messages held behind " + headId, () -> database.dsl(tx)
                .update(Outbox.TABLE)
                .set(Outbox.HELD_BEHIND, headId)
                .where(Outbox.ORDER_KEY.isNotNull())
                .and(Outbox.WEBHOOK.eq(webhook)).and(Outbox.ORDER_KEY.eq(key)).and(Outbox.ORDER_SEQ.gt(seq))
                .and(Outbox.HELD_BEHIND.isNull().or(Outbox.HELD_BEHIND.ne(headId)))
                .returning(Outbox.ALL)
                .fetch()
                .map(JooqOutboxStore::message));
    }

    /** A row read by jOOQ, as {@link #message(ResultSet)} reads a row of a claim. */
    private static OutboxMessage message(org.jooq.Record r) {
        return new OutboxMessage(r.get(Outbox.MESSAGE_ID), r.get(Outbox.WEBHOOK), r.get(Outbox.REVISION),
                r.get(Outbox.EVENT_ID), r.get(Outbox.EVENT_TYPE), r.get(Outbox.MODE), RequestJson.read(r.get(Outbox.REQUEST)),
                SecretNames.split(r.get(Outbox.SIGNING_SECRETS)), Duration.ofMillis(r.get(Outbox.TIMEOUT_MS)),
                r.get(Outbox.ATTEMPTS), Instant.ofEpochMilli(r.get(Outbox.NEXT_ATTEMPT_AT)),
                Instant.ofEpochMilli(r.get(Outbox.CREATED_AT)), r.get(Outbox.TARGET_HOST), r.get(Outbox.ORDER_KEY),
                r.get(Outbox.ORDER_SEQ));
    }

    @Override
    public boolean unblock(StoreTransaction tx, String messageId) {
        return tx.attempt("releasing the key of message " + messageId, () -> {
            boolean removed = database.dsl(tx).deleteFrom(Outbox.TABLE)
                    .where(Outbox.MESSAGE_ID.eq(messageId)).and(Outbox.STATUS.eq(BLOCKED))
                    .execute() == 1;
            if (removed) {
                database.notifications().announce(tx, Notifications.Channel.OUTBOX);
            }
            return removed;
        });
    }

    @Override
    public Optional<Queued> queued(String messageId) {
        return database.attempt("reading queued message " + messageId, () -> database.dsl()
                .select(Outbox.STATUS, Outbox.ORDER_KEY).from(Outbox.TABLE).where(Outbox.MESSAGE_ID.eq(messageId))
                .fetchOptional(r -> new Queued(BLOCKED.equals(r.value1()), r.value2())));
    }

    @Override
    public Optional<String> orderKeyOf(String messageId) {
        return database.attempt("reading the key of message " + messageId,
                () -> OrderedKeys.keyOf(database.dsl(), messageId));
    }

    @Override
    public int forgetKeysBefore(Instant before) {
        return database.attempt("forgetting the keys of old ordered messages",
                () -> OrderedKeys.forget(database.dsl(), before));
    }

    @Override
    public Optional<String> tail(String webhook, String key) {
        return database.attempt("reading the last queued message of a key", () -> database.dsl()
                .select(Outbox.MESSAGE_ID).from(Outbox.TABLE)
                .where(Outbox.ORDER_KEY.isNotNull()).and(Outbox.WEBHOOK.eq(webhook)).and(Outbox.ORDER_KEY.eq(key))
                .orderBy(Outbox.ORDER_SEQ.desc()).limit(1)
                .fetchOptional(Outbox.MESSAGE_ID));
    }

    @Override
    public boolean gaveUp(String messageId, String worker) {
        return delivered(messageId, worker);
    }

    private static Condition ours(String messageId, String worker) {
        return Outbox.MESSAGE_ID.eq(messageId).and(Outbox.STATUS.eq(CLAIMED)).and(Outbox.CLAIMED_BY.eq(worker));
    }

    @Override
    public int depth() {
        return database.attempt("counting queued messages", () -> database.dsl().fetchCount(Outbox.TABLE));
    }

    @Override
    public Optional<Instant> oldestCreatedAt() {
        Long oldest = database.attempt("reading the oldest queued message", () -> database.dsl()
                .select(DSL.min(Outbox.CREATED_AT)).from(Outbox.TABLE).fetchOne(0, Long.class));
        return Optional.ofNullable(oldest).map(Instant::ofEpochMilli);
    }

    @Override
    public java.util.Map<String, Instant> nextAttempts(java.util.Collection<String> messageIds) {
        java.util.Map<String, Instant> due = new java.util.HashMap<>();
        List<String> all = List.copyOf(messageIds);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> ids = all.subList(from, Math.min(all.size(), from + 500));
            database.attempt("reading when queued messages are due", () -> database.dsl()
                    .select(Outbox.MESSAGE_ID, Outbox.NEXT_ATTEMPT_AT).from(Outbox.TABLE)
                    .where(Outbox.MESSAGE_ID.in(ids))
                    .fetch().forEach(r -> due.put(r.value1(), Instant.ofEpochMilli(r.value2()))));
        }
        return due;
    }
}
