package io.hookwright.outbox;

import io.hookwright.store.Database;
import io.hookwright.store.Notifications;
import io.hookwright.store.RequestJson;
import io.hookwright.store.SecretNames;
import io.hookwright.store.Schema.Outbox;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** All of the outbox's SQL. */
public final class JooqOutboxStore implements OutboxStore {
    static final String PENDING = "pending";
    static final String CLAIMED = "claimed";

    private final Database database;
    /**
     * Rendered once: every publish queues its messages with a statement of its own, and rendering that statement
     * took more of a publish's time than running it.
     */
    private final String insert;

    public JooqOutboxStore(Database database) {
        this.database = database;
        this.insert = DSL.using(database.dialect()).insertInto(Outbox.TABLE, Outbox.MESSAGE_ID, Outbox.WEBHOOK,
                        Outbox.REVISION, Outbox.EVENT_ID, Outbox.EVENT_TYPE, Outbox.MODE, Outbox.REQUEST,
                        Outbox.TIMEOUT_MS, Outbox.ATTEMPTS, Outbox.STATUS, Outbox.NEXT_ATTEMPT_AT, Outbox.CREATED_AT,
                        Outbox.TARGET_HOST, Outbox.SIGNING_SECRETS)
                .values(Collections.nCopies(14, null))
                .onConflictDoNothing()
                .getSQL();
    }

    @Override
    public void enqueue(DSLContext tx, List<OutboxMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        tx.connection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(insert)) {
                for (OutboxMessage m : messages) {
                    Object[] values = {m.messageId(), m.webhook(), m.revision(), m.eventId(), m.eventType(), m.mode(),
                            RequestJson.write(m.request()), (int) m.timeout().toMillis(), m.attempts(), PENDING,
                            m.nextAttemptAt().toEpochMilli(), m.createdAt().toEpochMilli(), m.targetHost(),
                            SecretNames.join(m.signingSecrets())};
                    for (int i = 0; i < values.length; i++) {
                        statement.setObject(i + 1, values[i]);
                    }
                    statement.addBatch();
                }
                statement.executeBatch();
            } catch (SQLException e) {
                throw new DataAccessException("SQL [" + insert + "]; " + e.getMessage(), e);
            }
        });
    }

    @Override
    public void announce(DSLContext tx) {
        database.notifications().announce(tx, Notifications.Channel.OUTBOX);
    }

    @Override
    public List<OutboxMessage> claimDue(String worker, int limit, Instant now, Duration lease, Set<String> passOver) {
        long at = now.toEpochMilli();
        Condition wantedHost = passOver.isEmpty() ? DSL.noCondition()
                : Outbox.TARGET_HOST.isNull().or(Outbox.TARGET_HOST.notIn(passOver));
        // Two picks, each of which follows the (status, next_attempt_at) index and stops at its limit; one pick of
        // "due or lapsed" cannot, and sorted the whole backlog on every claim. Lapsed claims (a dead worker's) first.
        Condition lapsed = Outbox.STATUS.eq(CLAIMED).and(Outbox.LEASE_UNTIL.lt(at));
        Condition due = Outbox.STATUS.eq(PENDING).and(Outbox.NEXT_ATTEMPT_AT.le(at));
        List<OutboxMessage> claimed = new ArrayList<>(claim(worker, lapsed.and(wantedHost), limit, at + lease.toMillis()));
        if (claimed.size() < limit) {
            claimed.addAll(claim(worker, due.and(wantedHost), limit - claimed.size(), at + lease.toMillis()));
        }
        claimed.sort(Comparator.comparing(OutboxMessage::nextAttemptAt).thenComparing(OutboxMessage::messageId));
        return claimed;
    }

    private List<OutboxMessage> claim(String worker, Condition wanted, int limit, long leaseUntil) {
        DSLContext dsl = database.dsl();
        // Looking first costs a read; claiming costs a write, which on SQLite waits for any open host transaction.
        if (!dsl.fetchExists(Outbox.TABLE, wanted)) {
            return List.of();
        }
        // One statement picks and claims: on PostgreSQL the pick locks its rows and skips rows other nodes are
        // claiming at this moment; on SQLite the statement holds the one write lock. Either way no row is claimed
        // twice, and the update checks again that each row is still wanted.
        return dsl.update(Outbox.TABLE)
                .set(Outbox.STATUS, CLAIMED)
                .set(Outbox.CLAIMED_BY, worker)
                .set(Outbox.LEASE_UNTIL, leaseUntil)
                .where(database.kind().firstUnlocked(Outbox.TABLE, wanted, Outbox.NEXT_ATTEMPT_AT, limit))
                .and(wanted)
                .returning(Outbox.ALL)
                .fetch(JooqOutboxStore::message);
    }

    @Override
    public int renewClaims(String worker, Instant until) {
        Condition ours = Outbox.STATUS.eq(CLAIMED).and(Outbox.CLAIMED_BY.eq(worker));
        // Rows another transaction holds are passed over, not waited for: this worker's own settlement deleting or
        // rescheduling them (they need no lease then), or another node taking a claim whose lease already ended.
        // Waiting behind a settlement that was itself waiting for its turn let the leases of all the other claims
        // run out while this node still held them, and other nodes sent those messages a second time.
        return database.dsl().update(Outbox.TABLE)
                .set(Outbox.LEASE_UNTIL, until.toEpochMilli())
                .where(database.kind().unlocked(Outbox.TABLE, ours))
                .and(ours)
                .execute();
    }

    private static OutboxMessage message(Record r) {
        return new OutboxMessage(r.get(Outbox.MESSAGE_ID), r.get(Outbox.WEBHOOK), r.get(Outbox.REVISION),
                r.get(Outbox.EVENT_ID), r.get(Outbox.EVENT_TYPE), r.get(Outbox.MODE),
                RequestJson.read(r.get(Outbox.REQUEST)), SecretNames.split(r.get(Outbox.SIGNING_SECRETS)),
                Duration.ofMillis(r.get(Outbox.TIMEOUT_MS)),
                r.get(Outbox.ATTEMPTS), Instant.ofEpochMilli(r.get(Outbox.NEXT_ATTEMPT_AT)),
                Instant.ofEpochMilli(r.get(Outbox.CREATED_AT)));
    }

    @Override
    public int releaseClaims(String workerPrefix) {
        return database.dsl().transactionResult(tx -> {
            int released = tx.dsl().update(Outbox.TABLE)
                    .set(Outbox.STATUS, PENDING)
                    .setNull(Outbox.CLAIMED_BY)
                    .setNull(Outbox.LEASE_UNTIL)
                    .where(Outbox.STATUS.eq(CLAIMED)).and(Outbox.CLAIMED_BY.startsWith(workerPrefix))
                    .execute();
            if (released > 0) {
                database.notifications().announce(tx.dsl(), Notifications.Channel.OUTBOX);
            }
            return released;
        });
    }

    @Override
    public int remove(DSLContext tx, Collection<String> messageIds, String worker) {
        if (messageIds.isEmpty()) {
            return 0;
        }
        return tx.deleteFrom(Outbox.TABLE).where(Outbox.MESSAGE_ID.in(messageIds))
                .and(Outbox.STATUS.eq(CLAIMED)).and(Outbox.CLAIMED_BY.eq(worker))
                .execute();
    }

    @Override
    public boolean delivered(String messageId, String worker) {
        return remove(database.dsl(), List.of(messageId), worker) == 1;
    }

    @Override
    public boolean retryAt(String messageId, String worker, int attempts, Instant next) {
        return retryAt(database.dsl(), messageId, worker, attempts, next);
    }

    @Override
    public boolean retryAt(DSLContext tx, String messageId, String worker, int attempts, Instant next) {
        return tx.update(Outbox.TABLE)
                .set(Outbox.STATUS, PENDING)
                .set(Outbox.ATTEMPTS, attempts)
                .set(Outbox.NEXT_ATTEMPT_AT, next.toEpochMilli())
                .setNull(Outbox.CLAIMED_BY)
                .setNull(Outbox.LEASE_UNTIL)
                .where(ours(messageId, worker))
                .execute() == 1;
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
        return database.dsl().fetchCount(Outbox.TABLE);
    }

    @Override
    public Optional<Instant> oldestCreatedAt() {
        Long oldest = database.dsl().select(DSL.min(Outbox.CREATED_AT)).from(Outbox.TABLE).fetchOne(0, Long.class);
        return Optional.ofNullable(oldest).map(Instant::ofEpochMilli);
    }
}
