package io.hookwright.state;

import io.hookwright.store.Database;
import io.hookwright.store.NamedStatement;
import io.hookwright.store.Notifications;
import io.hookwright.store.Schema.WebhookStates;
import io.hookwright.store.Schema.WebhookTrail;
import io.hookwright.store.StoreTransaction;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.sql.Connection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** All of the webhook state's SQL. */
public final class JooqWebhookStateStore implements WebhookStateStore {
    private final Database database;

    /**
     * Rendered once: every batch of settlements records its webhooks' successes, and rendering the statement took
     * longer than running it. Only touches the row when there is something to reset: success is the common case.
     */
    private final NamedStatement succeeded;
    /** The failures a webhook had, read before recording its successes: a first success after failures is told. */
    private final NamedStatement failing;

    public JooqWebhookStateStore(Database database) {
        this.database = database;
        this.failing = NamedStatement.of(DSL.using(database.dialect())
                .select(WebhookStates.CONSECUTIVE_FAILURES, WebhookStates.LAST_FAILURE).from(WebhookStates.TABLE)
                .where(WebhookStates.CODE.eq(DSL.param("code", String.class)))
                .and(WebhookStates.CONSECUTIVE_FAILURES.gt(DSL.inline(0))));
        this.succeeded = NamedStatement.of(DSL.using(database.dialect()).update(WebhookStates.TABLE)
                .set(WebhookStates.CONSECUTIVE_FAILURES, DSL.inline(0))
                .set(WebhookStates.UPDATED_AT, DSL.param("now", Long.class))
                .where(WebhookStates.CODE.eq(DSL.param("code", String.class)))
                .and(WebhookStates.CONSECUTIVE_FAILURES.gt(DSL.inline(0))));
    }

    @Override
    public Map<String, WebhookState> all() {
        return database.attempt("reading the webhooks' states", () -> {
            Map<String, WebhookState> states = new LinkedHashMap<>();
            database.dsl().selectFrom(WebhookStates.TABLE).orderBy(WebhookStates.CODE)
                    .forEach(r -> states.put(r.get(WebhookStates.CODE), state(r)));
            return states;
        });
    }

    @Override
    public WebhookState get(String code) {
        return database.attempt("reading the state of webhook " + code, () -> read(database.dsl(), code));
    }

    @Override
    public WebhookState get(StoreTransaction tx, String code) {
        return tx.attempt("reading the state of webhook " + code, () -> read(database.dsl(tx), code));
    }

    @Override
    public WebhookState forChange(StoreTransaction tx, String code, Instant now) {
        return tx.attempt("reading the state of webhook " + code, () -> {
            DSLContext dsl = database.dsl(tx);
            // Written first: a SQLite transaction that read before writing fails when another wrote in between.
            dsl.insertInto(WebhookStates.TABLE, WebhookStates.CODE, WebhookStates.ACTIVE,
                            WebhookStates.CONSECUTIVE_FAILURES, WebhookStates.UPDATED_AT)
                    .values(code, true, 0, now.toEpochMilli())
                    .onConflictDoNothing()
                    .execute();
            return state(database.kind().locking(dsl.selectFrom(WebhookStates.TABLE)
                    .where(WebhookStates.CODE.eq(code))).fetchSingle());
        });
    }

    private static WebhookState read(DSLContext dsl, String code) {
        return dsl.selectFrom(WebhookStates.TABLE).where(WebhookStates.CODE.eq(code)).fetchOptional()
                .map(JooqWebhookStateStore::state).orElse(WebhookState.fresh(code));
    }

    @Override
    public void succeeded(String code, Instant now) {
        database.attempt("recording a success of webhook " + code, () -> database.dsl().connectionResult(
                connection -> succeeded(connection, code, now)));
    }

    @Override
    public void succeeded(StoreTransaction tx, String code, Instant now) {
        tx.attempt("recording a success of webhook " + code, () -> succeeded(tx.connection(), code, now));
    }

    private int succeeded(Connection connection, String code, Instant now) {
        return succeeded.execute(connection, Map.of("code", code, "now", now.toEpochMilli()));
    }

    @Override
    public WebhookState failed(String code, Instant now, String failure, int threshold) {
        return database.inTransaction(tx -> failed(tx, code, now, failure, threshold));
    }

    @Override
    public WebhookState failed(StoreTransaction tx, String code, Instant now, String failure, int threshold) {
        return tx.attempt("recording a failure of webhook " + code, () -> recorded(tx, code, now,
                List.of(Result.failed(failure)), threshold).orElseGet(() -> read(database.dsl(tx), code)));
    }

    @Override
    public Optional<WebhookState> recorded(StoreTransaction tx, String code, Instant now, List<Result> results,
                                           int threshold) {
        return tallied(tx, code, now, results, threshold).deactivated();
    }

    @Override
    public Tally tallied(StoreTransaction tx, String code, Instant now, List<Result> results, int threshold) {
        return tx.attempt("recording the results of webhook " + code,
                () -> tallied(tx, database.dsl(tx), code, now, results, threshold));
    }

    private Tally tallied(StoreTransaction transaction, DSLContext tx, String code, Instant now, List<Result> results,
                          int threshold) {
        if (results.stream().allMatch(Result::succeeded)) {
            return succeededOnly(transaction.connection(), code, now, results.size());
        }
        long at = now.toEpochMilli();
        // A row to lock, so that nodes recording at once take turns instead of counting on from the same number.
        tx.insertInto(WebhookStates.TABLE, WebhookStates.CODE, WebhookStates.ACTIVE,
                        WebhookStates.CONSECUTIVE_FAILURES, WebhookStates.UPDATED_AT)
                .values(code, true, 0, at)
                .onConflictDoNothing()
                .execute();
        WebhookState before = state(database.kind().locking(
                tx.selectFrom(WebhookStates.TABLE).where(WebhookStates.CODE.eq(code))).fetchSingle());
        int inARow = before.consecutiveFailures();
        String lastFailure = before.lastFailure();
        String reason = null;
        int deactivatedBy = -1;
        List<Integer> after = new java.util.ArrayList<>(results.size());
        for (Result result : results) {
            if (result.succeeded()) {
                inARow = 0;
                after.add(inARow);
                continue;
            }
            inARow++;
            after.add(inARow);
            lastFailure = result.failure();
            if (before.active() && reason == null && inARow >= threshold) {
                reason = inARow + " consecutive failures; the last: " + result.failure();
                deactivatedBy = after.size() - 1;
            }
        }
        var update = tx.update(WebhookStates.TABLE)
                .set(WebhookStates.CONSECUTIVE_FAILURES, inARow)
                .set(WebhookStates.LAST_FAILURE, lastFailure)
                .set(WebhookStates.UPDATED_AT, at);
        if (reason != null) {
            update = update.set(WebhookStates.ACTIVE, false)
                    .set(WebhookStates.DEACTIVATED_AT, at)
                    .set(WebhookStates.DEACTIVATION_REASON, reason);
        }
        update.where(WebhookStates.CODE.eq(code)).execute();
        if (reason == null) {
            return new Tally(before.consecutiveFailures(), before.lastFailure(), after, Optional.empty(), -1);
        }
        trail(tx, code, at, false, null, reason);
        flipped(transaction);
        return new Tally(before.consecutiveFailures(), before.lastFailure(), after, Optional.of(read(tx, code)),
                deactivatedBy);
    }

    /**
     * Successes only: the count starts again. Read first, so that the first success after failures is known with
     * the count it ended; the reset is conditional, so of two nodes recording at once only one ends those failures.
     */
    private Tally succeededOnly(Connection connection, String code, Instant now, int results) {
        List<Integer> zeros = java.util.Collections.nCopies(results, 0);
        List<Object[]> failing = this.failing.query(connection, Map.of("code", code),
                row -> new Object[] {row.getInt(1), row.getString(2)});
        if (failing.isEmpty() || succeeded(connection, code, now) == 0) {
            return new Tally(0, null, zeros, Optional.empty(), -1);
        }
        return new Tally((Integer) failing.get(0)[0], (String) failing.get(0)[1], zeros, Optional.empty(), -1);
    }

    @Override
    public WebhookState deactivate(String code, Instant now, String reason, String by) {
        return database.inTransaction(tx -> deactivate(tx, code, now, reason, by));
    }

    @Override
    public WebhookState deactivate(StoreTransaction tx, String code, Instant now, String reason, String by) {
        return tx.attempt("deactivating webhook " + code, () -> deactivate(tx, database.dsl(tx), code, now, reason, by));
    }

    private WebhookState deactivate(StoreTransaction tx, DSLContext dsl, String code, Instant now, String reason,
                                    String by) {
        long at = now.toEpochMilli();
        dsl.insertInto(WebhookStates.TABLE, WebhookStates.CODE, WebhookStates.ACTIVE, WebhookStates.CONSECUTIVE_FAILURES,
                        WebhookStates.DEACTIVATED_AT, WebhookStates.DEACTIVATION_REASON, WebhookStates.UPDATED_AT)
                .values(code, false, 0, at, reason, at)
                .onConflict(WebhookStates.CODE).doUpdate()
                .set(WebhookStates.ACTIVE, false)
                .set(WebhookStates.DEACTIVATED_AT, at)
                .set(WebhookStates.DEACTIVATION_REASON, reason)
                .set(WebhookStates.UPDATED_AT, at)
                .execute();
        trail(dsl, code, at, false, by, reason);
        flipped(tx);
        return read(dsl, code);
    }

    @Override
    public WebhookState activate(String code, Instant now, String by) {
        return database.inTransaction(tx -> activate(tx, code, now, by));
    }

    @Override
    public WebhookState activate(StoreTransaction tx, String code, Instant now, String by) {
        return tx.attempt("activating webhook " + code, () -> activate(tx, database.dsl(tx), code, now, by));
    }

    private WebhookState activate(StoreTransaction tx, DSLContext dsl, String code, Instant now, String by) {
        long at = now.toEpochMilli();
        dsl.insertInto(WebhookStates.TABLE, WebhookStates.CODE, WebhookStates.ACTIVE, WebhookStates.CONSECUTIVE_FAILURES,
                        WebhookStates.UPDATED_AT)
                .values(code, true, 0, at)
                .onConflict(WebhookStates.CODE).doUpdate()
                .set(WebhookStates.ACTIVE, true)
                .set(WebhookStates.CONSECUTIVE_FAILURES, 0)
                .setNull(WebhookStates.DEACTIVATED_AT)
                .setNull(WebhookStates.DEACTIVATION_REASON)
                .set(WebhookStates.UPDATED_AT, at)
                .execute();
        trail(dsl, code, at, true, by, null);
        flipped(tx);
        return read(dsl, code);
    }

    @Override
    public List<StateChange> trail(String code, int limit) {
        return database.attempt("reading the trail of webhook " + code, () -> database.dsl()
                .selectFrom(WebhookTrail.TABLE).where(WebhookTrail.CODE.eq(code))
                .orderBy(WebhookTrail.AT.desc(), WebhookTrail.ID.desc()).limit(limit)
                .fetch(r -> new StateChange(r.get(WebhookTrail.CODE), Instant.ofEpochMilli(r.get(WebhookTrail.AT)),
                        r.get(WebhookTrail.ACTIVE), r.get(WebhookTrail.ACTOR), r.get(WebhookTrail.REASON))));
    }

    /** A step of the trail, in the transaction that changed the state. */
    private static void trail(DSLContext dsl, String code, long at, boolean active, String by, String reason) {
        dsl.insertInto(WebhookTrail.TABLE, WebhookTrail.ID, WebhookTrail.CODE, WebhookTrail.AT, WebhookTrail.ACTIVE,
                        WebhookTrail.ACTOR, WebhookTrail.REASON)
                .values(UUID.randomUUID().toString(), code, at, active, by, reason)
                .execute();
    }

    /** Other nodes keep deactivated webhooks in memory: tell them to read the states again. */
    private void flipped(StoreTransaction tx) {
        database.notifications().announce(tx, Notifications.Channel.STATES);
    }

    private static WebhookState state(Record r) {
        Long deactivatedAt = r.get(WebhookStates.DEACTIVATED_AT);
        return new WebhookState(r.get(WebhookStates.CODE), r.get(WebhookStates.ACTIVE),
                r.get(WebhookStates.CONSECUTIVE_FAILURES), r.get(WebhookStates.LAST_FAILURE),
                deactivatedAt == null ? null : Instant.ofEpochMilli(deactivatedAt), r.get(WebhookStates.DEACTIVATION_REASON));
    }
}
