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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Events received over HTTP, by caller and event id: one receiver publishes a caller's event, whichever node a repeat
 * reaches, and another caller's event with the same id is its own.
 */
class ReceivedEventsTest extends OnEachBackend {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private ReceivedEvents received;

    @BeforeEach
    void open() {
        received = new JooqReceivedEvents(database);
    }

    private boolean claim(String caller, String eventId, String digest, Instant at) {
        return received.claim(caller, List.of(new ReceivedEvents.Claim(eventId, digest, null)), at);
    }

    private Optional<ReceivedEvents.Answer> answer(String caller, String eventId) {
        return Optional.ofNullable(received.answers(caller, List.of(eventId)).get(eventId));
    }

    @Test
    void theFirstClaimWinsAndItsAnswerIsGivenToRepeats() {
        assertTrue(claim("ci", "evt-1", "d1", T0));
        assertFalse(claim("ci", "evt-1", "d2", T0.plusSeconds(1)), "taken");
        assertEquals(Map.of("evt-1", "d1"), received.digests("ci", List.of("evt-1", "evt-9")),
                "a repeat with another body learns the first one's digest");
        assertEquals(Optional.empty(), answer("ci", "evt-1"), "not answered yet");
        received.answered("ci", Map.of("evt-1", new ReceivedEvents.Answer(202, "{\"ok\":true}")));
        assertEquals(Optional.of(new ReceivedEvents.Answer(202, "{\"ok\":true}")), answer("ci", "evt-1"));
        received.release("ci", List.of("evt-1"));
        assertEquals(Map.of("evt-1", "d1"), received.digests("ci", List.of("evt-1")), "an answered event is not released");
    }

    @Test
    void aClaimOfManyIdsTakesAllOrNone() {
        assertTrue(claim("ci", "evt-2", "d2", T0));
        List<ReceivedEvents.Claim> three = List.of(new ReceivedEvents.Claim("evt-1", "d1", null),
                new ReceivedEvents.Claim("evt-2", "d2", null), new ReceivedEvents.Claim("evt-3", "d3", null));
        assertFalse(received.claim("ci", three, T0), "evt-2 was taken");
        assertEquals(Map.of("evt-2", "d2"), received.digests("ci", List.of("evt-1", "evt-2", "evt-3")), "none taken");
        assertTrue(received.claim("other", three, T0));
        assertEquals(3, received.digests("other", List.of("evt-1", "evt-2", "evt-3")).size());
    }

    @Test
    void aClaimMayCarryItsAnswer() {
        ReceivedEvents.Answer answer = new ReceivedEvents.Answer(409, "{\"veto\":{}}");
        assertTrue(received.claim("ci", List.of(new ReceivedEvents.Claim("evt-1", "d1", answer),
                new ReceivedEvents.Claim("evt-2", "d2", null)), T0));
        assertEquals(Map.of("evt-1", answer), received.answers("ci", List.of("evt-1", "evt-2")));
    }

    @Test
    void anotherCallersEventWithTheSameIdIsItsOwn() {
        assertTrue(claim("ci", "evt-1", "d1", T0));
        received.answered("ci", Map.of("evt-1", new ReceivedEvents.Answer(202, "{\"caller\":\"ci\"}")));
        assertTrue(claim("other", "evt-1", "d1", T0), "same id, same body, other caller: new");
        assertEquals(Optional.empty(), answer("other", "evt-1"), "never the first caller's answer");
        assertEquals(Map.of("evt-1", "d1"), received.digests("ci", List.of("evt-1")));
        assertEquals(Map.of(), received.digests("third", List.of("evt-1")));
    }

    @Test
    void aReleasedClaimCanBeTakenAgain() {
        assertTrue(claim("ci", "evt-2", "d1", T0));
        received.release("ci", List.of("evt-2"));
        assertTrue(claim("ci", "evt-2", "d2", T0));
    }

    @Test
    void unansweredClaimsOlderThanTheCutoffAreReleasedAndAnsweredOnesKept() {
        claim("ci", "evt-crashed", "d", T0);
        claim("ci", "evt-answered", "d", T0);
        received.answered("ci", Map.of("evt-answered", new ReceivedEvents.Answer(202, "{}")));
        claim("ci", "evt-live", "d", T0.plusSeconds(60));

        assertEquals(1, received.releaseAbandoned(T0.plusSeconds(30)));
        assertEquals(Map.of("evt-answered", "d", "evt-live", "d"),
                received.digests("ci", List.of("evt-crashed", "evt-answered", "evt-live")));
        assertTrue(claim("ci", "evt-crashed", "d", T0.plusSeconds(90)), "free to be posted again");
    }

    @Test
    void idsReceivedBeforeTheCutoffAreForgotten() {
        claim("ci", "evt-old", "d", T0);
        claim("ci", "evt-new", "d", T0.plusSeconds(60));
        assertEquals(1, received.forgetBefore(T0.plusSeconds(30)));
        assertTrue(claim("ci", "evt-old", "d", T0.plusSeconds(90)), "a repeat after the cutoff is new");
        assertFalse(claim("ci", "evt-new", "d", T0.plusSeconds(90)));
    }

    @Test
    void ofManyReceiversClaimingAtOnceOneWinsPerCaller() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int event = 0; event < 10; event++) {
                String id = "evt-race-" + event;
                List<Future<Boolean>> claims = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    String caller = i % 2 == 0 ? "ci" : "other";
                    // Two ids each, in either order: claims of overlapping ids must not deadlock.
                    List<ReceivedEvents.Claim> two = new ArrayList<>(List.of(new ReceivedEvents.Claim(id, "d", null),
                            new ReceivedEvents.Claim(id + "-b", "d", null)));
                    if (i % 4 < 2) {
                        java.util.Collections.reverse(two);
                    }
                    claims.add(pool.submit((Callable<Boolean>) () -> received.claim(caller, two, T0)));
                }
                int won = 0;
                for (Future<Boolean> claim : claims) {
                    won += claim.get() ? 1 : 0;
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
        assertTrue(claim("ci", "evt-old", "d", T0));
        assertTrue(claim("other", "evt-old", "d", T0));
        assertTrue(database.dsl().fetchExists(Schema.SchemaVersion.TABLE, Schema.SchemaVersion.VERSION.eq(7)));
    }
}
