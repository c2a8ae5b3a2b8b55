package io.hookwright.outbox;

import io.hookwright.store.JdbcBatch;
import io.hookwright.store.Schema.OrderKeys;
import io.hookwright.store.Schema.OrderMessages;
import io.hookwright.store.Schema.Outbox;
import io.hookwright.store.StoreTransaction;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The outbox's SQL for messages kept in order per key. A key's places are given out by one row per key, bumped in the
 * transaction that queues the message: a second transaction queueing for the same key waits on that row until the
 * first ends, so places follow the order the transactions committed in, whatever the clocks say.
 */
final class OrderedKeys {
    private static final Table<?> AHEAD = Outbox.TABLE.as("hw_ahead");
    private static final Field<String> AHEAD_WEBHOOK = DSL.field(DSL.name("hw_ahead", "webhook_code"), String.class);
    private static final Field<String> AHEAD_KEY = DSL.field(DSL.name("hw_ahead", "order_key"), String.class);
    private static final Field<Long> AHEAD_SEQ = DSL.field(DSL.name("hw_ahead", "order_seq"), Long.class);
    private static final Field<String> OWN_WEBHOOK = DSL.field(DSL.name("hw_outbox", "webhook_code"), String.class);
    private static final Field<String> OWN_KEY = DSL.field(DSL.name("hw_outbox", "order_key"), String.class);
    private static final Field<Long> OWN_SEQ = DSL.field(DSL.name("hw_outbox", "order_seq"), Long.class);
    /**
     * The same on both databases: PostgreSQL and SQLite (3.35 and later) have upserts that return. Written out, as
     * jOOQ's RETURNING of an upsert gave nothing back on SQLite when the row was updated.
     */
    private static final String NEXT = ("insert into %1$s (%2$s, %3$s, %4$s) values (?, ?, 1) on conflict (%2$s, %3$s) "
            + "do update set %4$s = %1$s.%4$s + 1 returning %4$s").formatted(OrderKeys.TABLE.getName(),
            OrderKeys.WEBHOOK.getName(), OrderKeys.ORDER_KEY.getName(), OrderKeys.LAST_SEQ.getName());
    /** A message id queued again (a redelivery) keeps the key it was first queued with. */
    private static final String REMEMBER = "insert into %s (%s, %s, %s, %s) values (?, ?, ?, ?) on conflict do nothing"
            .formatted(OrderMessages.TABLE.getName(), OrderMessages.MESSAGE_ID.getName(), OrderMessages.WEBHOOK.getName(),
                    OrderMessages.ORDER_KEY.getName(), OrderMessages.CREATED_AT.getName());

    private OrderedKeys() {
    }

    /**
     * A message may be claimed when it keeps no order, or when no message of its key queued before it is left (sent,
     * failing, waiting for a retry or blocked): one message per key is out at a time, the earliest. Part of the claim
     * statement, so a claim stays one statement; the index on ordered rows only keeps unordered messages at their cost.
     */
    static Condition inTurn() {
        return OWN_KEY.isNull().or(DSL.notExists(DSL.selectOne().from(AHEAD)
                .where(AHEAD_KEY.isNotNull())
                .and(AHEAD_WEBHOOK.eq(OWN_WEBHOOK))
                .and(AHEAD_KEY.eq(OWN_KEY))
                .and(AHEAD_SEQ.lt(OWN_SEQ))));
    }

    /**
     * Gives each of {@code ordered} the next place of its key, in order, and remembers its key for redeliveries:
     * one prepared statement for all the places and one batch for the keys, as the outbox's own insert is.
     */
    static long[] next(StoreTransaction tx, List<OutboxMessage> ordered) {
        long[] places = new long[ordered.size()];
        // Keys taken in one order (a stable sort keeps each key's messages as queued): two transactions queueing for
        // the same keys wait for each other instead of deadlocking.
        List<Integer> byKey = IntStream.range(0, places.length).boxed()
                .sorted(Comparator.comparing((Integer i) -> ordered.get(i).webhook())
                        .thenComparing(i -> ordered.get(i).orderKey()))
                .toList();
        try (PreparedStatement next = tx.connection().prepareStatement(NEXT)) {
            for (int i : byKey) {
                next.setString(1, ordered.get(i).webhook());
                next.setString(2, ordered.get(i).orderKey());
                try (ResultSet r = next.executeQuery()) {
                    if (!r.next()) {
                        throw new SQLException("no place given for a key of " + ordered.get(i).webhook());
                    }
                    places[i] = r.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException("SQL [" + NEXT + "]; " + e.getMessage(), e);
        }
        JdbcBatch.execute(tx, REMEMBER, ordered.stream().map(m -> new Object[]{m.messageId(), m.webhook(),
                m.orderKey(), m.createdAt().toEpochMilli()}).toList());
        return places;
    }

    static int forget(DSLContext sql, Instant before) {
        return sql.deleteFrom(OrderMessages.TABLE).where(OrderMessages.CREATED_AT.lt(before.toEpochMilli())).execute();
    }

    static Optional<String> keyOf(DSLContext sql, String messageId) {
        return sql.select(OrderMessages.ORDER_KEY).from(OrderMessages.TABLE)
                .where(OrderMessages.MESSAGE_ID.eq(messageId)).fetchOptional(OrderMessages.ORDER_KEY);
    }
}
