package io.hookwright.ingest;

import io.hookwright.store.Database;
import io.hookwright.store.Schema.ReceivedEvents;

import java.time.Instant;
import java.util.Optional;

/** All of the received events' SQL. */
public final class JooqReceivedEvents implements io.hookwright.ingest.ReceivedEvents {
    private final Database database;

    public JooqReceivedEvents(Database database) {
        this.database = database;
    }

    @Override
    public boolean claim(String eventId, Instant now) {
        return database.dsl().insertInto(ReceivedEvents.TABLE, ReceivedEvents.EVENT_ID, ReceivedEvents.RECEIVED_AT)
                .values(eventId, now.toEpochMilli())
                .onConflictDoNothing()
                .execute() == 1;
    }

    @Override
    public void answered(String eventId, Answer answer) {
        database.dsl().update(ReceivedEvents.TABLE)
                .set(ReceivedEvents.STATUS, answer.status())
                .set(ReceivedEvents.RESULT, answer.body())
                .where(ReceivedEvents.EVENT_ID.eq(eventId))
                .execute();
    }

    @Override
    public void release(String eventId) {
        database.dsl().deleteFrom(ReceivedEvents.TABLE).where(ReceivedEvents.EVENT_ID.eq(eventId))
                .and(ReceivedEvents.RESULT.isNull()).execute();
    }

    @Override
    public Optional<Answer> answer(String eventId) {
        return database.dsl().select(ReceivedEvents.STATUS, ReceivedEvents.RESULT).from(ReceivedEvents.TABLE)
                .where(ReceivedEvents.EVENT_ID.eq(eventId)).and(ReceivedEvents.RESULT.isNotNull())
                .fetchOptional(r -> new Answer(r.value1(), r.value2()));
    }

    @Override
    public int forgetBefore(Instant cutoff) {
        return database.dsl().deleteFrom(ReceivedEvents.TABLE)
                .where(ReceivedEvents.RECEIVED_AT.lt(cutoff.toEpochMilli()))
                .execute();
    }
}
