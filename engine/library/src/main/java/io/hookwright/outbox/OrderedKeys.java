package io.hookwright.outbox;

import io.hookwright.store.Schema.OrderKeys;
import io.hookwright.store.Schema.OrderMessages;
import io.hookwright.store.Schema.Outbox;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

import java.util.Optional;

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
    /** The same on both databases: PostgreSQL and SQLite (3.35 and later) have upserts that return. */
    private static final String NEXT = ("insert into %1$s (%2$s, %3$s, %4$s) values (?, ?, 1) on conflict (%2$s, %3$s) "
            + "do update set %4$s = %1$s.%4$s + 1 returning %4$s").formatted(OrderKeys.TABLE.getName(),
            OrderKeys.WEBHOOK.getName(), OrderKeys.ORDER_KEY.getName(), OrderKeys.LAST_SEQ.getName());

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

    /** Gives {@code message} the next place of its key, and remembers its key for redeliveries. */
    static long next(DSLContext sql, OutboxMessage message) {
        // Written out: jOOQ's RETURNING of an upsert gives nothing back on SQLite when the row was updated.
        Long seq = sql.resultQuery(NEXT, message.webhook(), message.orderKey()).fetchOne(0, Long.class);
        if (seq == null) {
            throw new IllegalStateException("no place given for key " + message.orderKey() + " of " + message.webhook());
        }
        sql.insertInto(OrderMessages.TABLE, OrderMessages.MESSAGE_ID, OrderMessages.WEBHOOK, OrderMessages.ORDER_KEY,
                        OrderMessages.CREATED_AT)
                .values(message.messageId(), message.webhook(), message.orderKey(), message.createdAt().toEpochMilli())
                .onConflictDoNothing()
                .execute();
        return seq;
    }

    static Optional<String> keyOf(DSLContext sql, String messageId) {
        return sql.select(OrderMessages.ORDER_KEY).from(OrderMessages.TABLE)
                .where(OrderMessages.MESSAGE_ID.eq(messageId)).fetchOptional(OrderMessages.ORDER_KEY);
    }
}
