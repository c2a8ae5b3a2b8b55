package io.hookwright.delivery;

import io.hookwright.testdb.Tx;
import io.hookwright.testing.SettableClock;
import io.hookwright.outbox.JooqOutboxStore;
import io.hookwright.outbox.OutboxMessage;
import io.hookwright.outbox.OutboxStore;
import io.hookwright.render.RenderedRequest;
import io.hookwright.runlog.JooqRunLog;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Response;
import io.hookwright.runlog.Run;
import io.hookwright.state.JooqWebhookStateStore;
import io.hookwright.store.Database;
import io.hookwright.store.Schema.Outbox;
import io.hookwright.store.Schema.Workers;
import io.hookwright.errors.StoreUnavailableException;
import io.hookwright.testwait.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An engine's claims hold as long as its worker's lease, which it renews every third of a lease: through a settlement
 * writer that fell behind and a host that keeps messages waiting, no other node takes them. A node that could not
 * renew in time sends nothing more of what it claimed, and one found dead goes on as a new worker. Real outbox on
 * SQLite; the clock is moved by hand.
 */
class WorkerLeaseTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private final SettableClock clock = new SettableClock(T0);
    private final CountDownLatch writerHeld = new CountDownLatch(1);
    private final CountDownLatch releaseWriter = new CountDownLatch(1);
    private final CountDownLatch releaseFirstSend = new CountDownLatch(1);
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private volatile boolean heartbeatsFail;
    private Database database;
    private JooqOutboxStore outbox;
    private SettlementWriter writer;
    private Dispatcher dispatcher;

    @BeforeEach
    void open() {
        database = Database.sqlite(dir.resolve("hookwright.db"));
        outbox = new JooqOutboxStore(database);
        outbox.register("n2:1", T0, T0.plus(LEASE.multipliedBy(100)));
    }

    @AfterEach
    void stop() {
        releaseWriter.countDown();
        releaseFirstSend.countDown();
        if (dispatcher != null) {
            dispatcher.close();
            writer.close();
        }
        database.close();
    }

    @Test
    void aDeliveredMessageStaysClaimedWhileItsSettlementWaitsToBeWritten() throws Exception {
        // After its first batch the writer stops until released: a writer that fell behind.
        start(this::succeed, () -> {
            writerHeld.countDown();
            try {
                releaseWriter.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        enqueue("m0");
        dispatcher.wake();
        assertTrue(writerHeld.await(10, TimeUnit.SECONDS), "m0's settlement was not written");

        enqueue("m1");
        dispatcher.wake();
        awaitUntil(() -> writer.unwritten() == 1, "m1 was not delivered");
        outlastTwoLeases();

        assertEquals(0, outbox.reap(clock.instant()), "the live node was taken for dead");
        assertEquals(List.of(), outbox.claimDue("n2:1", 10, clock.instant()),
                "another node took m1 while its settlement was still to be written");
        releaseWriter.countDown();
        awaitUntil(() -> outbox.depth() == 0, "m1's settlement was not written once the writer went on");
    }

    @Test
    void aMessageWaitingLongerThanALeaseIsSentWhileTheLeaseIsRenewed() throws Exception {
        String waiting = oneSendingOneWaiting();
        outlastTwoLeases();
        assertEquals(0, outbox.reap(clock.instant()), "the live node was taken for dead");

        releaseFirstSend.countDown();
        awaitUntil(() -> outbox.depth() == 0, waiting + " was not delivered");
        assertEquals(2, sent.size());
    }

    @Test
    void aNodeThatCannotRenewItsLeaseSendsNothingMoreAndReleasesWhatItHasNotSent() throws Exception {
        String waiting = oneSendingOneWaiting();
        // The database stops taking this node's heartbeats; two thirds of a lease on, other nodes may soon take its
        // claims, so the waiting message must not go out from here.
        heartbeatsFail = true;
        clock.advance(LEASE.dividedBy(3).multipliedBy(2).plusSeconds(1));
        releaseFirstSend.countDown();

        awaitUntil(() -> "pending".equals(statusOf(waiting)), waiting + " was not released");
        assertEquals(List.of(waiting), ids(outbox.claimDue("n2:1", 10, clock.instant())));
        assertEquals(1, sent.size(), waiting + " went out from a node whose lease was in doubt");
    }

    @Test
    void aNodeFoundDeadSendsNothingItHadClaimedAndGoesOnAsANewWorker() throws Exception {
        String waiting = oneSendingOneWaiting();
        String first = dispatcher.worker();
        // Its heartbeats did not land in time, and another node found its lease ended and took its messages.
        database.dsl().update(Workers.TABLE).set(Workers.ALIVE_UNTIL, T0.toEpochMilli())
                .where(Workers.WORKER.eq(first)).execute();
        assertEquals(2, outbox.reap(T0.plusMillis(1)));
        assertEquals(List.of("m0", "m1"), ids(outbox.claimDue("n2:1", 10, T0.plusMillis(1))));

        clock.advance(LEASE.dividedBy(3));
        awaitUntil(() -> !dispatcher.worker().equals(first), "the node did not notice it was found dead");
        assertEquals(List.of(dispatcher.worker()), workers("n1:"), "the new worker is not registered");
        releaseFirstSend.countDown();
        awaitUntil(() -> dispatcher.awaitIdle(Duration.ofMillis(10)), "the dispatcher did not settle");
        assertEquals(1, sent.size(), waiting + " went out from the node that lost it");
        assertEquals("n2", claimantOf(waiting), "n2's claim on " + waiting + " was disturbed");

        enqueue("m2");
        dispatcher.wake();
        awaitUntil(() -> sent.contains("m2"), "the new worker does not deliver");
    }

    @Test
    void messagesNotYetSentAreReleasedForAnyNodeWhenTheEngineStops() throws Exception {
        String waiting = oneSendingOneWaiting();
        String inFlight = sent.get(0);

        Thread closing = Thread.ofPlatform().start(() -> dispatcher.close(Duration.ofSeconds(10)));
        awaitUntil(() -> "pending".equals(statusOf(waiting)), waiting + " was not released");
        assertEquals("claimed", statusOf(inFlight), inFlight + ", still in flight, was released");
        releaseFirstSend.countDown();
        closing.join(10_000);
        writer.close();
        assertEquals(List.of(inFlight), sent);
        assertEquals(List.of(waiting), ids(outbox.claimDue("n2:1", 10, clock.instant())),
                "another node cannot take " + waiting + " at once");
        assertEquals(List.of(), workers("n1:"), "the stopped node is still among the workers");
    }

    private void start(Dispatcher.Delivery delivery, Runnable afterWrite) {
        Ledger ledger = new Ledger(database, outbox, new JooqRunLog(database), new JooqWebhookStateStore(database),
                clock, 20);
        writer = new SettlementWriter(ledger, deactivated -> { }, afterWrite);
        // The real outbox, except that its heartbeats can be made to fail as a stalled database's would.
        OutboxStore store = (OutboxStore) Proxy.newProxyInstance(OutboxStore.class.getClassLoader(),
                new Class<?>[]{OutboxStore.class}, (proxy, method, args) -> {
                    if (heartbeatsFail && method.getName().equals("heartbeat")) {
                        throw new StoreUnavailableException("the database did not answer in time", null);
                    }
                    try {
                        return method.invoke(outbox, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        // One request at a time to the one host, so a second message waits in the lane behind the first.
        dispatcher = new Dispatcher(store, delivery, writer, DeliverySettings.builder().node("n1")
                .lease(LEASE).perHostConcurrency(1).perHostQueue(10).pollInterval(Duration.ofMillis(50)).build(), clock);
        writer.start();
        dispatcher.start();
    }

    /**
     * Starts the engine on m0 and m1 for one host that takes one request at a time; the first request (m0's or m1's)
     * hangs until {@link #releaseFirstSend}. Returns the other message, waiting in the lane behind it.
     */
    private String oneSendingOneWaiting() throws InterruptedException {
        start(this::succeedAfterFirstSendReleased, () -> { });
        enqueue("m0");
        enqueue("m1");
        dispatcher.wake();
        awaitUntil(() -> sent.size() == 1, "nothing was sent");
        return sent.get(0).equals("m0") ? "m1" : "m0";
    }

    /** Moves the clock on by two leases, a third at a time, each time waiting for this node's heartbeat. */
    private void outlastTwoLeases() throws InterruptedException {
        for (int third = 1; third <= 6; third++) {
            clock.advance(LEASE.dividedBy(3));
            long renewed = clock.instant().plus(LEASE).toEpochMilli();
            awaitUntil(() -> aliveUntil(dispatcher.worker()) == renewed, "the lease was not renewed");
        }
    }

    private void enqueue(String id) {
        RenderedRequest request = new RenderedRequest("POST", "https://erp.example.com/x", List.of(), "{}");
        Tx.run(database, tx -> outbox.enqueue(tx, List.of(new OutboxMessage(id, "erp", "rev1",
                "evt-" + id, "Project:Updated", "async-inside", request, List.of(), Duration.ofSeconds(5), 0, T0, T0))));
    }

    /** The first message's request hangs until the test lets it go; the others are answered at once. */
    private Settlement succeedAfterFirstSendReleased(OutboxMessage message, String worker) {
        sent.add(message.messageId());
        if (sent.size() == 1) {
            try {
                releaseFirstSend.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return succeed(message, worker);
    }

    private Settlement succeed(OutboxMessage message, String worker) {
        Run run = new Run("run-" + message.messageId(), message.webhook(), message.revision(), message.eventId(),
                message.eventType(), message.messageId(), message.mode(), 1, message.request(), List.of(),
                new Response(204, Map.of(), ""), Duration.ofMillis(1), Outcome.SUCCEEDED, null, clock.instant(), "n1");
        return new Settlement(run, new Settlement.QueueStep.Remove(message.messageId(), worker),
                new Settlement.HealthStep.Succeeded(message.webhook()));
    }

    private long aliveUntil(String worker) {
        Long until = database.dsl().select(Workers.ALIVE_UNTIL).from(Workers.TABLE).where(Workers.WORKER.eq(worker))
                .fetchOne(Workers.ALIVE_UNTIL);
        return until == null ? -1 : until;
    }

    private List<String> workers(String prefix) {
        return database.dsl().select(Workers.WORKER).from(Workers.TABLE).where(Workers.WORKER.startsWith(prefix))
                .fetch(Workers.WORKER);
    }

    private String statusOf(String id) {
        return database.dsl().select(Outbox.STATUS).from(Outbox.TABLE).where(Outbox.MESSAGE_ID.eq(id))
                .fetchOne(Outbox.STATUS);
    }

    /** The node whose worker claims the message. */
    private String claimantOf(String id) {
        String worker = database.dsl().select(Outbox.CLAIMED_BY).from(Outbox.TABLE).where(Outbox.MESSAGE_ID.eq(id))
                .fetchOne(Outbox.CLAIMED_BY);
        return worker == null ? null : worker.substring(0, worker.indexOf(':'));
    }

    private static List<String> ids(List<OutboxMessage> messages) {
        return messages.stream().map(OutboxMessage::messageId).toList();
    }

    private interface Check {
        boolean holds() throws InterruptedException;
    }

    private static void awaitUntil(Check condition, String failure) {
        Await.until(Duration.ofSeconds(10), () -> {
            try {
                return condition.holds();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }, failure);
    }
}
