package io.hookwright.outbox;

import io.hookwright.render.RenderedRequest;
import io.hookwright.store.Database;
import io.hookwright.store.Schema.Outbox;
import org.jooq.impl.DSL;
import io.hookwright.testdb.Backend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The outbox on a real SQLite file and a real PostgreSQL: what the host's transaction decides, and claims that never overlap. */
@ParameterizedClass
@EnumSource(Backend.class)
class OutboxStoreTest {
    @Parameter
    Backend backend;

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private Database database;
    private OutboxStore outbox;

    @BeforeEach
    void open() {
        database = backend.open(dir);
        outbox = new JooqOutboxStore(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static OutboxMessage message(String id, Instant due) {
        RenderedRequest request = new RenderedRequest("POST", "https://erp.example.com/x",
                List.of(new RenderedRequest.Header("Authorization", "Bearer hwsecret-ERP_TOKEN-hwsecret")), "{\"a\":1}");
        return new OutboxMessage(id, "erp", "rev1", "evt-" + id, "Project:Updated", "async-inside", request, List.of(),
                Duration.ofSeconds(5), 0, due, T0);
    }

    @Test
    void rowsWrittenInARolledBackTransactionVanish() {
        assertThrows(IllegalStateException.class, () -> database.dsl().transaction(tx -> {
            outbox.enqueue(DSL.using(tx), List.of(message("m1", T0)));
            throw new IllegalStateException("host rolls back");
        }));
        assertEquals(0, outbox.depth());
        assertEquals(List.of(), outbox.claimDue("w1", 10, T0, LEASE));
    }

    @Test
    void committedRowsAreClaimedWithTheirRequestIntact() {
        database.dsl().transaction(tx -> outbox.enqueue(DSL.using(tx), List.of(message("m1", T0))));
        List<OutboxMessage> claimed = outbox.claimDue("w1", 10, T0, LEASE);
        assertEquals(List.of(message("m1", T0)), claimed);
    }

    @Test
    void aMessageIdIsQueuedOnce() {
        database.dsl().transaction(tx -> outbox.enqueue(DSL.using(tx), List.of(message("m1", T0))));
        database.dsl().transaction(tx -> outbox.enqueue(DSL.using(tx), List.of(message("m1", T0))));
        assertEquals(1, outbox.depth());
    }

    @Test
    void onlyDueMessagesAreClaimedOldestFirstAndNeverTwice() {
        database.dsl().transaction(tx -> outbox.enqueue(DSL.using(tx), List.of(
                message("later", T0.plusSeconds(60)), message("b", T0.plusSeconds(1)), message("a", T0))));
        Instant now = T0.plusSeconds(2);
        assertEquals(List.of("a"), ids(outbox.claimDue("w1", 1, now, LEASE)));
        assertEquals(List.of("b"), ids(outbox.claimDue("w2", 10, now, LEASE)));
        assertEquals(List.of(), outbox.claimDue("w3", 10, now, LEASE));
    }

    @Test
    void aDeadWorkersClaimIsTakenOverWhenItsLeaseEnds() {
        database.dsl().transaction(tx -> outbox.enqueue(DSL.using(tx), List.of(message("m1", T0))));
        assertEquals(1, outbox.claimDue("dead", 10, T0, LEASE).size());
        assertEquals(List.of(), outbox.claimDue("w2", 10, T0.plus(LEASE), LEASE), "the lease still holds");
        assertEquals(List.of("m1"), ids(outbox.claimDue("w2", 10, T0.plus(LEASE).plusMillis(1), LEASE)));
        assertFalse(outbox.delivered("m1", "dead"), "the dead worker lost its claim");
        assertTrue(outbox.delivered("m1", "w2"));
        assertEquals(0, outbox.depth());
    }

    @Test
    void aRenewalPassesOverAClaimBeingSettledInsteadOfWaitingForIt() throws Exception {
        assumeTrue(backend == Backend.POSTGRES, "SQLite has one writer at a time: a renewal waits for any settlement");
        database.dsl().transaction(tx -> outbox.enqueue(DSL.using(tx), List.of(message("m1", T0), message("m2", T0))));
        assertEquals(2, outbox.claimDue("w1", 10, T0, LEASE).size());
        Instant later = T0.plus(LEASE).plusSeconds(10);
        // The worker's settlement of m1 is under way and slow to commit (waiting for its turn on another row, say):
        // m2's lease must not run out meanwhile.
        try (var renewing = Executors.newSingleThreadExecutor()) {
            database.dsl().transaction(settling -> {
                settling.dsl().deleteFrom(Outbox.TABLE).where(Outbox.MESSAGE_ID.eq("m1")).execute();
                int renewed = renewing.submit(() -> outbox.renewClaims("w1", later)).get(10, TimeUnit.SECONDS);
                assertEquals(1, renewed, "m2 renewed, m1 passed over");
                throw new RolledBack();
            });
        } catch (RolledBack expected) {
            // The settlement failed: m1 is still claimed under its first lease.
        }
        Instant afterFirstLease = T0.plus(LEASE).plusMillis(1);
        assertEquals(List.of("m1"), ids(outbox.claimDue("w2", 10, afterFirstLease, LEASE)));
        assertEquals(List.of(), outbox.claimDue("w2", 10, later, LEASE), "m2's renewed lease still holds");
    }

    private static final class RolledBack extends RuntimeException {
    }

    @Test
    void aRetryReleasesTheClaimUntilItsTime() {
        database.dsl().transaction(tx -> outbox.enqueue(DSL.using(tx), List.of(message("m1", T0))));
        outbox.claimDue("w1", 10, T0, LEASE);
        assertTrue(outbox.retryAt("m1", "w1", 1, T0.plusSeconds(5)));
        assertEquals(List.of(), outbox.claimDue("w2", 10, T0.plusSeconds(4), LEASE));
        OutboxMessage again = outbox.claimDue("w2", 10, T0.plusSeconds(5), LEASE).get(0);
        assertEquals(1, again.attempts());
        assertEquals(T0.plusSeconds(5), again.nextAttemptAt());
    }

    @Test
    void depthAndOldestCountWhatIsNotDelivered() {
        assertEquals(Optional.empty(), outbox.oldestCreatedAt());
        database.dsl().transaction(tx -> outbox.enqueue(DSL.using(tx), List.of(message("m1", T0), message("m2", T0))));
        assertEquals(2, outbox.depth());
        assertEquals(Optional.of(T0), outbox.oldestCreatedAt());
        outbox.claimDue("w1", 1, T0, LEASE);
        assertTrue(outbox.gaveUp(ids(outbox.claimDue("w1", 1, T0, LEASE)).get(0), "w1"));
        assertEquals(1, outbox.depth());
    }

    @Test
    void workersClaimingAtOnceNeverShareAMessage() throws Exception {
        List<OutboxMessage> messages = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            messages.add(message(String.format("m%03d", i), T0));
        }
        database.dsl().transaction(tx -> outbox.enqueue(DSL.using(tx), messages));
        java.util.Map<String, String> claimedBy = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.List<String> doubles = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Object>> running = new java.util.ArrayList<>();
        try (var workers = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            for (int w = 0; w < 4; w++) {
                String worker = "w" + w;
                running.add(workers.submit(() -> {
                    start.await();
                    List<OutboxMessage> batch;
                    while (!(batch = outbox.claimDue(worker, 10, T0, LEASE)).isEmpty()) {
                        for (OutboxMessage m : batch) {
                            if (claimedBy.putIfAbsent(m.messageId(), worker) != null) {
                                doubles.add(m.messageId());
                            }
                            assertTrue(outbox.delivered(m.messageId(), worker));
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (var worker : running) {
                worker.get();
            }
        }
        assertEquals(List.of(), doubles);
        assertEquals(400, claimedBy.size());
        assertEquals(0, outbox.depth());
    }

    private static List<String> ids(List<OutboxMessage> messages) {
        return messages.stream().map(OutboxMessage::messageId).toList();
    }
}
