package io.hookwright.ingest;

import io.hookwright.store.Database;
import io.hookwright.store.Schema.ReceivedEvents;
import org.jooq.Condition;

import java.time.Instant;
import java.util.Optional;

/** All of the received events' SQL. */
public final class JooqReceivedEvents implements io.hookwright.ingest.ReceivedEvents {
    private final Database database;

    public JooqReceivedEvents(Database database) {
        this.database = database;
    }

    private static Condition row(String caller, String eventId) {
        return ReceivedEvents.CALLER.eq(caller).and(ReceivedEvents.EVENT_ID.eq(eventId));
    }

    @Override
    public Optional<String> claim(String caller, String eventId, String digest, Instant now) {
        for (int tries = 0; tries < 3; tries++) {
            boolean claimed = database.attempt("claiming received event " + eventId, () -> database.dsl()
                    .insertInto(ReceivedEvents.TABLE, ReceivedEvents.CALLER,
                            ReceivedEvents.EVENT_ID, ReceivedEvents.BODY_DIGEST, ReceivedEvents.RECEIVED_AT)
                    .values(caller, eventId, digest, now.toEpochMilli())
                    .onConflictDoNothing()
                    .execute() == 1);
            if (claimed) {
                return Optional.empty();
            }
            Optional<String> first = digest(caller, eventId);
            if (first.isPresent()) {
                return first;
            }
            // Released between the two statements (its processing failed): the caller may claim it again.
        }
        throw new IllegalStateException("event " + eventId + " is being posted and released over and over; try again");
    }

    @Override
    public Optional<String> digest(String caller, String eventId) {
        return database.attempt("reading received event " + eventId, () -> database.dsl()
                .select(ReceivedEvents.BODY_DIGEST).from(ReceivedEvents.TABLE)
                .where(row(caller, eventId))
                .fetchOptional(ReceivedEvents.BODY_DIGEST));
    }

    @Override
    public void answered(String caller, String eventId, Answer answer) {
        database.attempt("keeping the answer to received event " + eventId, () -> database.dsl()
                .update(ReceivedEvents.TABLE)
                .set(ReceivedEvents.STATUS, answer.status())
                .set(ReceivedEvents.RESULT, answer.body())
                .where(row(caller, eventId))
                .execute());
    }

    @Override
    public void release(String caller, String eventId) {
        database.attempt("releasing received event " + eventId, () -> database.dsl()
                .deleteFrom(ReceivedEvents.TABLE).where(row(caller, eventId))
                .and(ReceivedEvents.RESULT.isNull()).execute());
    }

    @Override
    public Optional<Answer> answer(String caller, String eventId) {
        return database.attempt("reading the answer to received event " + eventId, () -> database.dsl()
                .select(ReceivedEvents.STATUS, ReceivedEvents.RESULT).from(ReceivedEvents.TABLE)
                .where(row(caller, eventId)).and(ReceivedEvents.RESULT.isNotNull())
                .fetchOptional(r -> new Answer(r.value1(), r.value2())));
    }

    @Override
    public int forgetBefore(Instant cutoff) {
        return database.attempt("forgetting old received events", () -> database.dsl()
                .deleteFrom(ReceivedEvents.TABLE)
                .where(ReceivedEvents.RECEIVED_AT.lt(cutoff.toEpochMilli()))
                .execute());
    }
}
