package io.hookwright.delivery;

import io.hookwright.testdb.Tx;
import io.hookwright.testing.SettableClock;
import io.hookwright.outbox.JooqOutboxStore;
import io.hookwright.outbox.OutboxMessage;
import io.hookwright.render.RenderedRequest;
import io.hookwright.runlog.JooqRunLog;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Response;
import io.hookwright.runlog.Run;
import io.hookwright.state.JooqWebhookStateStore;
import io.hookwright.store.Database;
import io.hookwright.testwait.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The limit of messages in flight counts messages sent and waiting for the settlement writer, not only those
 * waiting for or in their request: a writer that falls behind (a slow database) slows claiming down, instead of
 * settlements piling up in memory, each one a message another node sends again if this one dies. Real outbox on
 * SQLite.
 */
class InFlightLimitTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final int MAX_IN_FLIGHT = 3;

    @TempDir
    Path dir;
    private final SettableClock clock = new SettableClock(T0);
    private final CountDownLatch firstBatchWritten = new CountDownLatch(1);
    private final CountDownLatch releaseWriter = new CountDownLatch(1);
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private Database database;
    private SettlementWriter writer;
    private Dispatcher dispatcher;

    @AfterEach
    void stop() {
        releaseWriter.countDown();
        dispatcher.close();
        writer.close();
        database.close();
    }

    @Test
    void settlementsWaitingForTheWriterHoldUpFurtherClaims() throws Exception {
        database = Database.sqlite(dir.resolve("hookwright.db"));
        JooqOutboxStore outbox = new JooqOutboxStore(database);
        Ledger ledger = new Ledger(database, outbox, new JooqRunLog(database), new JooqWebhookStateStore(database),
                clock, 20);
        // After its first batch the writer stops until released.
        writer = new SettlementWriter(ledger, deactivated -> { }, () -> {
            firstBatchWritten.countDown();
            try {
                releaseWriter.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        dispatcher = new Dispatcher(outbox, this::succeed, writer, DeliverySettings.builder().node("n1").claimBatch(10)
                .perHostConcurrency(10).perHostQueue(10).maxInFlight(MAX_IN_FLIGHT).pollInterval(Duration.ofMillis(20))
                .build(), clock);
        writer.start();
        dispatcher.start();
        enqueue(outbox, List.of("m00"));
        dispatcher.wake();
        assertTrue(firstBatchWritten.await(10, TimeUnit.SECONDS), "m00 was not settled");

        enqueue(outbox, IntStream.range(1, 10).mapToObj(i -> "m%02d".formatted(i)).toList());
        dispatcher.wake();
        awaitUntil(() -> sent.size() == 1 + MAX_IN_FLIGHT, "the first messages were not sent");
        // Twenty-odd claim rounds at the 20 ms poll: none may claim while three settlements wait.
        Thread.sleep(500);
        assertEquals(1 + MAX_IN_FLIGHT, sent.size(), "claimed past the limit while the writer was behind");
        assertEquals(9, outbox.depth(), "the sent messages stay queued until written, the rest wait unclaimed");

        releaseWriter.countDown();
        awaitUntil(() -> outbox.depth() == 0, "the rest were not delivered once the writer went on");
        assertEquals(10, sent.size());
    }

    private void enqueue(JooqOutboxStore outbox, List<String> ids) {
        RenderedRequest request = new RenderedRequest("POST", "https://erp.example.com/x", List.of(), "{}");
        Tx.run(database, tx -> outbox.enqueue(tx, ids.stream().map(id -> new OutboxMessage(id,
                "erp", "rev1", "evt-" + id, "Project:Updated", "async-inside", request, List.of(), Duration.ofSeconds(5),
                0, T0, T0)).toList()));
    }

    private Settlement succeed(OutboxMessage message, String worker) {
        sent.add(message.messageId());
        Run run = new Run("run-" + message.messageId(), message.webhook(), message.revision(), message.eventId(),
                message.eventType(), message.messageId(), message.mode(), 1, message.request(), List.of(),
                new Response(204, Map.of(), ""), Duration.ofMillis(1), Outcome.SUCCEEDED, null, clock.instant(), "n1");
        return new Settlement(run, new Settlement.QueueStep.Remove(message.messageId(), worker),
                new Settlement.HealthStep.Succeeded(message.webhook()));
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, String failure) {
        Await.until(Duration.ofSeconds(10), condition, failure);
    }
}
