package io.hookwright.ingest;

import io.hookwright.store.Database;
import io.hookwright.store.JdbcBatch;
import io.hookwright.store.Schema.ReceivedEvents;
import io.hookwright.store.StoreTransaction;
import org.jooq.Condition;
import org.jooq.impl.DSL;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** All of the received events' SQL. */
public final class JooqReceivedEvents implements io.hookwright.ingest.ReceivedEvents {
    /** Ids per statement: within either database's limit of parameters (a posted array holds up to 1000). */
    private static final int ID_CHUNK = 512;

    private final Database database;
    /** Rendered once, run as a batch: a posted array claims all its ids with one round trip. */
    private final String insert;
    private final String update;
    private final Map<Integer, String> selects = new ConcurrentHashMap<>();

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
            database.attempt("reading received events", () -> database.dsl().connection(connection -> {
                // The ids padded with repeats of the last to a size rendered before: rendering a lookup of a few
                // hundred ids cost more than running it.
                int size = Integer.highestOneBit(ids.size() * 2 - 1);
                try (PreparedStatement select = connection.prepareStatement(selects.computeIfAbsent(size, this::select))) {
                    select.setString(1, caller);
                    for (int i = 0; i < size; i++) {
                        select.setString(i + 2, ids.get(Math.min(i, ids.size() - 1)));
                    }
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            digests.put(rows.getString(1), rows.getString(2));
                        }
                    }
                }
            }));
        }
        return digests;
    }

    /** The lookup of the digests of {@code size} ids. */
    private String select(int size) {
        return DSL.using(database.dialect()).select(ReceivedEvents.EVENT_ID, ReceivedEvents.BODY_DIGEST)
                .from(ReceivedEvents.TABLE)
                .where(ReceivedEvents.CALLER.eq((String) null))
                .and(ReceivedEvents.EVENT_ID.in(Collections.nCopies(size, DSL.val((String) null))))
                .getSQL();
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
    public int releaseAbandoned(Instant claimedBefore) {
        return database.attempt("releasing abandoned claims of received events", () -> database.dsl()
                .deleteFrom(ReceivedEvents.TABLE)
                .where(ReceivedEvents.RESULT.isNull())
                .and(ReceivedEvents.RECEIVED_AT.lt(claimedBefore.toEpochMilli()))
                .execute());
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
