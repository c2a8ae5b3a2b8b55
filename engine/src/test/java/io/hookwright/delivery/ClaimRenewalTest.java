package io.hookwright.delivery;

import io.hookwright.execution.SettableClock;
import io.hookwright.outbox.JooqOutboxStore;
import io.hookwright.outbox.OutboxMessage;
import io.hookwright.render.RenderedRequest;
import io.hookwright.runlog.JooqRunLog;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Response;
import io.hookwright.runlog.Run;
import io.hookwright.state.JooqWebhookStateStore;
import io.hookwright.store.Database;
import io.hookwright.store.Schema.Outbox;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node keeps its claim on a message until the message's settlement is written, not only while it is being sent:
 * when the settlement writer falls behind (on PostgreSQL it waits its turn with the other nodes' writers), another
 * node must not take the message and send it again. Real outbox on SQLite; the clock is moved by hand.
 */
class ClaimRenewalTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private final SettableClock clock = new SettableClock(T0);
    private final CountDownLatch writerHeld = new CountDownLatch(1);
    private final CountDownLatch releaseWriter = new CountDownLatch(1);
    private Database database;
    private JooqOutboxStore outbox;
    private SettlementWriter writer;
    private Dispatcher dispatcher;

    @AfterEach
    void stop() {
        releaseWriter.countDown();
        if (dispatcher != null) {
            dispatcher.close();
            writer.close();
        }
        database.close();
    }

    @Test
    void aDeliveredMessageStaysClaimedWhileItsSettlementWaitsToBeWritten() throws Exception {
        database = Database.sqlite(dir.resolve("hookwright.db"));
        outbox = new JooqOutboxStore(database);
        Ledger ledger = new Ledger(database, outbox, new JooqRunLog(database), new JooqWebhookStateStore(database),
                clock, 20);
        // After its first batch the writer stops until released: a writer that fell behind.
        writer = new SettlementWriter(ledger, deactivated -> { }, () -> {
            writerHeld.countDown();
            try {
                releaseWriter.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        dispatcher = new Dispatcher(outbox, this::succeed, writer,
                DeliverySettings.defaults().withNode("n1").withLease(LEASE).withPollInterval(Duration.ofMillis(50)),
                clock);
        writer.start();
        enqueue("m0");
        dispatcher.start();
        assertTrue(writerHeld.await(10, TimeUnit.SECONDS), "m0's settlement was not written");

        enqueue("m1");
        dispatcher.wake();
        awaitUntil(() -> writer.unwritten() == 1, "m1 was not delivered");
        clock.advance(LEASE.dividedBy(2));
        Instant renewed = clock.instant().plus(LEASE);
        awaitUntil(() -> leaseOf("m1") == renewed.toEpochMilli(), "m1's claim was not renewed");

        assertEquals(List.of(), outbox.claimDue("n2", 10, T0.plus(LEASE).plusSeconds(1), LEASE),
                "another node took m1 while its settlement was still to be written");
        releaseWriter.countDown();
        awaitUntil(() -> outbox.depth() == 0, "m1's settlement was not written once the writer went on");
    }

    private void enqueue(String id) {
        RenderedRequest request = new RenderedRequest("POST", "https://erp.example.com/x", List.of(), "{}");
        database.dsl().transaction(tx -> outbox.enqueue(DSL.using(tx), List.of(new OutboxMessage(id, "erp", "rev1",
                "evt-" + id, "Project:Updated", "async-inside", request, List.of(), Duration.ofSeconds(5), 0, T0, T0))));
    }

    private Settlement succeed(OutboxMessage message, String worker) {
        Run run = new Run("run-" + message.messageId(), message.webhook(), message.revision(), message.eventId(),
                message.eventType(), message.messageId(), message.mode(), 1, message.request(), List.of(),
                new Response(204, Map.of(), ""), Duration.ofMillis(1), Outcome.SUCCEEDED, null, clock.instant(), "n1");
        return new Settlement(run, new Settlement.QueueStep.Remove(message.messageId(), worker),
                new Settlement.HealthStep.Succeeded(message.webhook()));
    }

    private long leaseOf(String id) {
        Long until = database.dsl().select(Outbox.LEASE_UNTIL).from(Outbox.TABLE).where(Outbox.MESSAGE_ID.eq(id))
                .fetchOne(Outbox.LEASE_UNTIL);
        return until == null ? -1 : until;
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, String failure)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, failure);
            Thread.sleep(10);
        }
    }
}
