package io.hookwright.ingest;

import io.hookwright.testdb.OnEachBackend;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Events received over HTTP, by id: one receiver publishes an event, whichever node a repeat reaches. */
class ReceivedEventsTest extends OnEachBackend {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private ReceivedEvents received;

    @BeforeEach
    void open() {
        received = new JooqReceivedEvents(database);
    }

    @Test
    void theFirstClaimWinsAndItsAnswerIsGivenToRepeats() {
        assertTrue(received.claim("evt-1", T0));
        assertFalse(received.claim("evt-1", T0.plusSeconds(1)));
        assertEquals(Optional.empty(), received.answer("evt-1"), "not answered yet");
        received.answered("evt-1", new ReceivedEvents.Answer(202, "{\"ok\":true}"));
        assertEquals(Optional.of(new ReceivedEvents.Answer(202, "{\"ok\":true}")), received.answer("evt-1"));
        received.release("evt-1");
        assertFalse(received.claim("evt-1", T0), "an answered event is not released");
    }

    @Test
    void aReleasedClaimCanBeTakenAgain() {
        assertTrue(received.claim("evt-2", T0));
        received.release("evt-2");
        assertTrue(received.claim("evt-2", T0));
    }

    @Test
    void idsReceivedBeforeTheCutoffAreForgotten() {
        received.claim("evt-old", T0);
        received.claim("evt-new", T0.plusSeconds(60));
        assertEquals(1, received.forgetBefore(T0.plusSeconds(30)));
        assertTrue(received.claim("evt-old", T0.plusSeconds(90)), "a repeat after the cutoff is a new event");
        assertFalse(received.claim("evt-new", T0.plusSeconds(90)));
    }

    @Test
    void ofManyReceiversClaimingAtOnceOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int event = 0; event < 20; event++) {
                String id = "evt-race-" + event;
                List<Future<Boolean>> claims = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    claims.add(pool.submit((Callable<Boolean>) () -> received.claim(id, T0)));
                }
                int won = 0;
                for (Future<Boolean> claim : claims) {
                    won += claim.get() ? 1 : 0;
                }
                assertEquals(1, won, id);
            }
        } finally {
            pool.shutdown();
        }
    }
}
