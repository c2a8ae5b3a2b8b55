package io.hookwright.ingest;

import io.hookwright.store.Database;
import io.hookwright.store.JdbcBatch;
import io.hookwright.store.Schema.ReceivedEvents;
import io.hookwright.store.StoreTransaction;
import org.jooq.Condition;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** All of the received events' SQL. */
public final class JooqReceivedEvents implements io.hookwright.ingest.ReceivedEvents {
    /** Ids per statement: within either database's limit of parameters (a posted array holds up to 1000). */
    private static final int ID_CHUNK = 500;

    private final Database database;
    /** Rendered once, run as a batch: a posted array claims all its ids with one round trip. */
    private final String insert;
    private final String update;

    public JooqReceivedEvents(Database database) {
        this.database = database;
        var sql = DSL.using(database.dialect());
        this.insert = sql.insertInto(ReceivedEvents.TABLE, ReceivedEvents.CALLER, ReceivedEvents.EVENT_ID,
                        ReceivedEvents.BODY_DIGEST, ReceivedEvents.RECEIVED_AT, ReceivedEvents.STATUS, ReceivedEvents.RESULT)
                .values(Collections.nCopies(6, null))
                .onConflictDoNothing()
                .getSQL();
        this.update = sql.update(ReceivedEvents.TABLE)
                .set(ReceivedEvents.STATUS, (Integer) null)
                .set(ReceivedEvents.RESULT, (String) null)
                .where(ReceivedEvents.CALLER.eq((String) null).and(ReceivedEvents.EVENT_ID.eq((String) null)))
                .getSQL();
    }

    private static Condition rows(String caller, Collection<String> eventIds) {
        return ReceivedEvents.CALLER.eq(caller).and(ReceivedEvents.EVENT_ID.in(eventIds));
    }

    @Override
    public Map<String, String> digests(String caller, Collection<String> eventIds) {
        Map<String, String> digests = new HashMap<>();
        for (List<String> ids : chunks(eventIds)) {
            database.attempt("reading received events", () -> database.dsl()
                    .select(ReceivedEvents.EVENT_ID, ReceivedEvents.BODY_DIGEST).from(ReceivedEvents.TABLE)
                    .where(rows(caller, ids))
                    .fetch().forEach(r -> digests.put(r.value1(), r.value2())));
        }
        return digests;
    }

    @Override
    public boolean claim(StoreTransaction tx, String caller, List<Claim> claims, Instant now) {
        // In the order of the ids: two requests claiming some of the same ids lock them in one order (no deadlock).
        List<Object[]> rows = claims.stream().sorted(Comparator.comparing(Claim::eventId))
                .map(c -> new Object[]{caller, c.eventId(), c.digest(), now.toEpochMilli(),
                        c.answer() == null ? null : c.answer().status(), c.answer() == null ? null : c.answer().body()})
                .toList();
        return tx.attempt("claiming received events", () -> JdbcBatch.execute(tx, insert, rows)) == rows.size();
    }

    @Override
    public boolean claim(String caller, List<Claim> claims, Instant now) {
        try {
            return database.inTransaction(tx -> {
                if (!claim(tx, caller, claims, now)) {
                    throw new Taken();
                }
                return true;
            });
        } catch (Taken e) {
            return false;
        }
    }

    @Override
    public void answered(StoreTransaction tx, String caller, Map<String, Answer> answers) {
        List<Object[]> rows = new ArrayList<>(answers.size());
        answers.forEach((id, answer) -> rows.add(new Object[]{answer.status(), answer.body(), caller, id}));
        tx.attempt("keeping the answers to received events", () -> JdbcBatch.execute(tx, update, rows));
    }

    @Override
    public void answered(String caller, Map<String, Answer> answers) {
        database.inTransaction(tx -> {
            answered(tx, caller, answers);
            return null;
        });
    }

    @Override
    public void release(String caller, Collection<String> eventIds) {
        for (List<String> ids : chunks(eventIds)) {
            database.attempt("releasing received events", () -> database.dsl()
                    .deleteFrom(ReceivedEvents.TABLE).where(rows(caller, ids))
                    .and(ReceivedEvents.RESULT.isNull()).execute());
        }
    }

    @Override
    public Map<String, Answer> answers(String caller, Collection<String> eventIds) {
        Map<String, Answer> answers = new HashMap<>();
        for (List<String> ids : chunks(eventIds)) {
            database.attempt("reading the answers to received events", () -> database.dsl()
                    .select(ReceivedEvents.EVENT_ID, ReceivedEvents.STATUS, ReceivedEvents.RESULT)
                    .from(ReceivedEvents.TABLE)
                    .where(rows(caller, ids)).and(ReceivedEvents.RESULT.isNotNull())
                    .fetch().forEach(r -> answers.put(r.value1(), new Answer(r.value2(), r.value3()))));
        }
        return answers;
    }

    @Override
    public int forgetBefore(Instant cutoff) {
        return database.attempt("forgetting old received events", () -> database.dsl()
                .deleteFrom(ReceivedEvents.TABLE)
                .where(ReceivedEvents.RECEIVED_AT.lt(cutoff.toEpochMilli()))
                .execute());
    }

    private static List<List<String>> chunks(Collection<String> ids) {
        List<String> all = List.copyOf(ids);
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += ID_CHUNK) {
            chunks.add(all.subList(from, Math.min(all.size(), from + ID_CHUNK)));
        }
        return chunks;
    }

    /** Rolls back a claim of which another request took an id first. */
    private static final class Taken extends RuntimeException {
        Taken() {
            super(null, null, false, false);
        }
    }
}
