package io.hookwright.outbox;

import io.hookwright.testdb.Tx;
import io.hookwright.render.RenderedRequest;
import io.hookwright.store.Schema.Workers;
import io.hookwright.testdb.Backend;
import io.hookwright.testdb.OnEachBackend;
import io.hookwright.testwait.Await;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The outbox on a real SQLite file and a real PostgreSQL: what the host's transaction decides, claims that never
 * overlap, and workers' leases: a claim holds while its worker renews, and returns once the worker is found dead.
 */
class OutboxStoreTest extends OnEachBackend {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    private OutboxStore outbox;

    @BeforeEach
    void open() {
        outbox = new JooqOutboxStore(database);
        for (String worker : List.of("w0", "w1", "w2", "w3", "w4", "dead")) {
            outbox.register(worker, T0, T0.plus(LEASE));
        }
    }

    private static OutboxMessage message(String id, Instant due) {
        RenderedRequest request = new RenderedRequest("POST", "https://erp.example.com/x",
                List.of(new RenderedRequest.Header("Authorization", "Bearer hwsecret-ERP_TOKEN-hwsecret")), "{\"a\":1}");
        return new OutboxMessage(id, "erp", "rev1", "evt-" + id, "Project:Updated", "async-inside", request, List.of(),
                Duration.ofSeconds(5), 0, due, T0);
    }

    @Test
    void rowsWrittenInARolledBackTransactionVanish() {
        assertThrows(IllegalStateException.class, () -> Tx.run(database, tx -> {
            outbox.enqueue(tx, List.of(message("m1", T0)));
            throw new IllegalStateException("host rolls back");
        }));
        assertEquals(0, outbox.depth());
        assertEquals(List.of(), outbox.claimDue("w1", 10, T0));
    }

    @Test
    void committedRowsAreClaimedWithTheirRequestIntact() {
        Tx.run(database, tx -> outbox.enqueue(tx, List.of(message("m1", T0))));
        List<OutboxMessage> claimed = outbox.claimDue("w1", 10, T0);
        assertEquals(List.of(message("m1", T0)), claimed);
    }

    @Test
    void aMessageIdIsQueuedOnce() {
        Tx.run(database, tx -> outbox.enqueue(tx, List.of(message("m1", T0))));
        Tx.run(database, tx -> outbox.enqueue(tx, List.of(message("m1", T0))));
        assertEquals(1, outbox.depth());
    }

    @Test
    void anOrderedKeyHandsOutOnlyItsEarliestUnsettledMessage() {
        Tx.run(database, tx -> outbox.enqueue(tx, List.of(message("a1", T0).orderedBy("a"),
                message("b1", T0).orderedBy("b"), message("a2", T0).orderedBy("a"), message("plain", T0))));
        assertEquals(List.of("a1", "b1", "plain"), ids(outbox.claimDue("w1", 10, T0)).stream().sorted().toList());
        assertEquals(List.of(), outbox.claimDue("w2", 10, T0), "a2 waits while a1 is claimed");
        Tx.run(database, tx -> outbox.retryAt(tx, "a1", "w1", 1, T0.plusSeconds(5)));
        assertEquals(List.of(), outbox.claimDue("w2", 10, T0), "and while a1 waits for its retry");
        assertEquals(List.of("a1"), ids(outbox.claimDue("w2", 10, T0.plusSeconds(5))));
        assertTrue(outbox.delivered("a1", "w2"));
        List<OutboxMessage> next = outbox.claimDue("w3", 10, T0.plusSeconds(5));
        assertEquals(List.of("a2"), ids(next));
        assertEquals("a", next.getFirst().orderKey());
        assertTrue(next.getFirst().orderSeq() > 1, "its place comes after a1's");
    }

    @Test
    void onlyDueMessagesAreClaimedOldestFirstAndNeverTwice() {
        Tx.run(database, tx -> outbox.enqueue(tx, List.of(
                message("later", T0.plusSeconds(60)), message("b", T0.plusSeconds(1)), message("a", T0))));
        Instant now = T0.plusSeconds(2);
        assertEquals(List.of("a"), ids(outbox.claimDue("w1", 1, now)));
        assertEquals(List.of("b"), ids(outbox.claimDue("w2", 10, now)));
        assertEquals(List.of(), outbox.claimDue("w3", 10, now));
    }

    @Test
    void aDeadWorkersClaimsAreReleasedWhenItsLeaseEnds() {
        Tx.run(database, tx -> outbox.enqueue(tx, List.of(message("m1", T0), message("m2", T0))));
        assertEquals(2, outbox.claimDue("dead", 10, T0).size());
        assertEquals(0, outbox.reap(T0.plus(LEASE)), "the lease still holds");
        assertEquals(List.of(), outbox.claimDue("w2", 10, T0.plus(LEASE)));

        for (String alive : List.of("w0", "w1", "w2", "w3", "w4")) {
            outbox.heartbeat(alive, T0.plus(LEASE.multipliedBy(2)));
        }
        assertEquals(2, outbox.reap(T0.plus(LEASE).plusMillis(1)));
        assertEquals(List.of("m1", "m2"), ids(outbox.claimDue("w2", 10, T0.plus(LEASE).plusMillis(1))));
        assertFalse(outbox.delivered("m1", "dead"), "the dead worker kept its claim");
        assertTrue(outbox.delivered("m1", "w2"));
        assertFalse(outbox.heartbeat("dead", T0.plus(LEASE.multipliedBy(2))), "the dead worker is still registered");
    }

    @Test
    void aHeartbeatKeepsEveryClaimOfTheWorker() {
        Tx.run(database, tx -> outbox.enqueue(tx, List.of(message("m1", T0), message("m2", T0))));
        assertEquals(2, outbox.claimDue("w1", 10, T0).size());
        Instant later = T0.plus(LEASE.multipliedBy(10));
        for (Instant at = T0.plus(LEASE.dividedBy(3)); at.isBefore(later); at = at.plus(LEASE.dividedBy(3))) {
            assertTrue(outbox.heartbeat("w1", at.plus(LEASE)));
            outbox.heartbeat("w2", at.plus(LEASE));
            assertEquals(0, outbox.reap(at), "w1 was taken for dead at " + at);
        }
        assertEquals(List.of(), outbox.claimDue("w2", 10, later), "w2 took w1's claims");
    }

    @Test
    void aWorkerRemovedAsDeadClaimsNothingMore() {
        Tx.run(database, tx -> outbox.enqueue(tx, List.of(message("m1", T0))));
        Instant afterLease = T0.plus(LEASE).plusMillis(1);
        outbox.reap(afterLease);
        assertEquals(List.of(), outbox.claimDue("w1", 10, afterLease));
        outbox.register("w1-again", afterLease, afterLease.plus(LEASE));
        assertEquals(List.of("m1"), ids(outbox.claimDue("w1-again", 10, afterLease)));
    }

    @Test
    void aReapWaitsForAHeartbeatUnderWayAndSparesTheWorkerItRenewed() throws Exception {
        assumeTrue(backend == Backend.POSTGRES, "SQLite has one writer at a time: a reap and a heartbeat cannot meet");
        Tx.run(database, tx -> outbox.enqueue(tx, List.of(message("m1", T0))));
        assertEquals(1, outbox.claimDue("w1", 10, T0).size());
        Instant afterLease = T0.plus(LEASE).plusMillis(1);
        try (var reaping = Executors.newSingleThreadExecutor()) {
            Future<Integer> reaped = database.dsl().transactionResult(beating -> {
                // w1's heartbeat has updated its row but not committed when another node looks for the dead.
                beating.dsl().update(Workers.TABLE).set(Workers.ALIVE_UNTIL, afterLease.plus(LEASE).toEpochMilli())
                        .where(Workers.WORKER.eq("w1")).execute();
                Future<Integer> reap = reaping.submit(() -> outbox.reap(afterLease));
                Await.until(Duration.ofSeconds(10), () -> {
                    assertFalse(reap.isDone(), "the reap did not wait for the heartbeat");
                    return database.dsl().fetchOne("select count(*) from pg_stat_activity where datname = "
                            + "current_database() and wait_event_type = 'Lock'").get(0, Integer.class) > 0;
                }, "the reap waiting for the lock of the heartbeat's row");
                assertFalse(reap.isDone(), "the reap did not wait for the heartbeat");
                return reap;
            });
            reaped.get(10, TimeUnit.SECONDS);
        }
        assertTrue(outbox.heartbeat("w1", afterLease.plus(LEASE)), "w1 was taken for dead although it had renewed");
        assertEquals(List.of(), outbox.claimDue("w1", 10, afterLease), "w1's claim was released");
    }

    @Test
    void aRestartedNodeTakesBackItsOwnClaimsAtOnce() {
        Tx.run(database, tx -> outbox.enqueue(tx, List.of(message("m1", T0), message("m2", T0))));
        outbox.register("node-a:1", T0, T0.plus(LEASE));
        assertEquals(List.of("m1"), ids(outbox.claimDue("node-a:1", 1, T0)));
        assertEquals(List.of("m2"), ids(outbox.claimDue("w1", 1, T0)));

        assertEquals(1, outbox.releaseClaims("node-a:"));
        assertFalse(outbox.heartbeat("node-a:1", T0.plus(LEASE)), "the crashed worker is still registered");
        assertEquals(List.of("m1"), ids(outbox.claimDue("w2", 10, T0)));
    }

    @Test
    void aStoppingWorkerLeavesAndReleasesWhatItStillHolds() {
        Tx.run(database, tx -> outbox.enqueue(tx, List.of(message("m1", T0))));
        assertEquals(1, outbox.claimDue("w1", 10, T0).size());
        outbox.deregister("w1");
        assertFalse(outbox.heartbeat("w1", T0.plus(LEASE)));
        assertEquals(List.of("m1"), ids(outbox.claimDue("w2", 10, T0)));
    }

    @Test
    void releasingClaimsMakesThemDueAtOnceForAnyWorkerButOnlyWhileTheyAreStillOurs() {
        Tx.run(database, tx -> outbox.enqueue(tx,
                List.of(message("m1", T0), message("m2", T0), message("m3", T0))));
        assertEquals(List.of("m1", "m2"), ids(outbox.claimDue("w1", 2, T0)));
        assertEquals(List.of("m3"), ids(outbox.claimDue("w2", 10, T0)));

        assertEquals(1, outbox.releaseClaims("w1", List.of("m1", "m3")), "m3 is w2's and stays so");
        assertEquals(List.of("m1"), ids(outbox.claimDue("w3", 10, T0)));
        assertEquals(0, outbox.releaseClaims("w1", List.of("m1")), "m1 is w3's now");
        assertEquals(List.of(), outbox.claimDue("w4", 10, T0), "every claim still holds");
    }

    @Test
    void aRetryReleasesTheClaimUntilItsTime() {
        Tx.run(database, tx -> outbox.enqueue(tx, List.of(message("m1", T0))));
        outbox.claimDue("w1", 10, T0);
        assertTrue(outbox.retryAt("m1", "w1", 1, T0.plusSeconds(5)));
        assertEquals(List.of(), outbox.claimDue("w2", 10, T0.plusSeconds(4)));
        OutboxMessage again = outbox.claimDue("w2", 10, T0.plusSeconds(5)).get(0);
        assertEquals(1, again.attempts());
        assertEquals(T0.plusSeconds(5), again.nextAttemptAt());
    }

    @Test
    void depthAndOldestCountWhatIsNotDelivered() {
        assertEquals(Optional.empty(), outbox.oldestCreatedAt());
        Tx.run(database, tx -> outbox.enqueue(tx, List.of(message("m1", T0), message("m2", T0))));
        assertEquals(2, outbox.depth());
        assertEquals(Optional.of(T0), outbox.oldestCreatedAt());
        outbox.claimDue("w1", 1, T0);
        assertTrue(outbox.gaveUp(ids(outbox.claimDue("w1", 1, T0)).get(0), "w1"));
        assertEquals(1, outbox.depth());
    }

    @Test
    void workersClaimingAtOnceNeverShareAMessage() throws Exception {
        List<OutboxMessage> messages = new java.util.ArrayList<>();
        for (int i = 0; i < 400; i++) {
            messages.add(message(String.format("m%03d", i), T0));
        }
        Tx.run(database, tx -> outbox.enqueue(tx, messages));
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
                    while (!(batch = outbox.claimDue(worker, 10, T0)).isEmpty()) {
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
