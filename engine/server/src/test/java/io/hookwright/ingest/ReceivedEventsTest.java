package io.hookwright.ingest;

import io.hookwright.store.Schema;
import io.hookwright.testdb.Backend;
import io.hookwright.testdb.OnEachBackend;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Events received over HTTP, by caller and event id: one receiver publishes a caller's event, whichever node a repeat
 * reaches, and another caller's event with the same id is its own.
 */
class ReceivedEventsTest extends OnEachBackend {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Optional<String> NEW = Optional.empty();

    private ReceivedEvents received;

    @BeforeEach
    void open() {
        received = new JooqReceivedEvents(database);
    }

    @Test
    void theFirstClaimWinsAndItsAnswerIsGivenToRepeats() {
        assertEquals(NEW, received.claim("ci", "evt-1", "d1", T0));
        assertEquals(Optional.of("d1"), received.claim("ci", "evt-1", "d1", T0.plusSeconds(1)));
        assertEquals(Optional.of("d1"), received.claim("ci", "evt-1", "d2", T0.plusSeconds(1)),
                "a repeat with another body learns the first one's digest");
        assertEquals(Optional.empty(), received.answer("ci", "evt-1"), "not answered yet");
        received.answered("ci", "evt-1", new ReceivedEvents.Answer(202, "{\"ok\":true}"));
        assertEquals(Optional.of(new ReceivedEvents.Answer(202, "{\"ok\":true}")), received.answer("ci", "evt-1"));
        received.release("ci", "evt-1");
        assertEquals(Optional.of("d1"), received.claim("ci", "evt-1", "d1", T0), "an answered event is not released");
    }

    @Test
    void anotherCallersEventWithTheSameIdIsItsOwn() {
        assertEquals(NEW, received.claim("ci", "evt-1", "d1", T0));
        received.answered("ci", "evt-1", new ReceivedEvents.Answer(202, "{\"caller\":\"ci\"}"));
        assertEquals(NEW, received.claim("other", "evt-1", "d1", T0), "same id, same body, other caller: new");
        assertEquals(Optional.empty(), received.answer("other", "evt-1"), "never the first caller's answer");
        assertEquals(Optional.of("d1"), received.digest("ci", "evt-1"));
        assertEquals(Optional.empty(), received.digest("third", "evt-1"));
    }

    @Test
    void aReleasedClaimCanBeTakenAgain() {
        assertEquals(NEW, received.claim("ci", "evt-2", "d1", T0));
        received.release("ci", "evt-2");
        assertEquals(NEW, received.claim("ci", "evt-2", "d2", T0));
    }

    @Test
    void idsReceivedBeforeTheCutoffAreForgotten() {
        received.claim("ci", "evt-old", "d", T0);
        received.claim("ci", "evt-new", "d", T0.plusSeconds(60));
        assertEquals(1, received.forgetBefore(T0.plusSeconds(30)));
        assertEquals(NEW, received.claim("ci", "evt-old", "d", T0.plusSeconds(90)), "a repeat after the cutoff is new");
        assertEquals(Optional.of("d"), received.claim("ci", "evt-new", "d", T0.plusSeconds(90)));
    }

    @Test
    void ofManyReceiversClaimingAtOnceOneWinsPerCaller() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int event = 0; event < 10; event++) {
                String id = "evt-race-" + event;
                List<Future<Optional<String>>> claims = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    String caller = i % 2 == 0 ? "ci" : "other";
                    claims.add(pool.submit((Callable<Optional<String>>) () -> received.claim(caller, id, "d", T0)));
                }
                int won = 0;
                for (Future<Optional<String>> claim : claims) {
                    won += claim.get().isEmpty() ? 1 : 0;
                }
                assertEquals(2, won, id + ": one claim per caller");
            }
        } finally {
            pool.shutdown();
        }
    }

    /** A database made before version 7 gets the new table; what the old one held cannot say who posted it. */
    @Test
    void upgradingFromTheTableWithoutCallersGivesTheNewOne() {
        var dsl = database.dsl();
        dsl.dropTable(Schema.ReceivedEvents.TABLE).execute();
        dsl.createTable(Schema.ReceivedEvents.TABLE)
                .column(Schema.ReceivedEvents.EVENT_ID)
                .column(DSL.field(DSL.name("result"), SQLDataType.CLOB))
                .column(DSL.field(DSL.name("status"), SQLDataType.INTEGER))
                .column(Schema.ReceivedEvents.RECEIVED_AT)
                .primaryKey(Schema.ReceivedEvents.EVENT_ID)
                .execute();
        dsl.insertInto(Schema.ReceivedEvents.TABLE, Schema.ReceivedEvents.EVENT_ID, Schema.ReceivedEvents.RECEIVED_AT)
                .values("evt-old", T0.toEpochMilli()).execute();
        dsl.deleteFrom(Schema.SchemaVersion.TABLE).where(Schema.SchemaVersion.VERSION.eq(7)).execute();
        database.close();

        database = Backend.open(url);
        received = new JooqReceivedEvents(database);
        assertEquals(NEW, received.claim("ci", "evt-old", "d", T0));
        assertEquals(NEW, received.claim("other", "evt-old", "d", T0));
        assertTrue(database.dsl().fetchExists(Schema.SchemaVersion.TABLE, Schema.SchemaVersion.VERSION.eq(7)));
    }
}
