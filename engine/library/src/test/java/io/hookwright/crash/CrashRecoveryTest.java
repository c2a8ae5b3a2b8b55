package io.hookwright.crash;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.hookwright.execution.EngineFixture;
import io.hookwright.outbox.JooqOutboxStore;
import io.hookwright.render.MessageIds;
import io.hookwright.runlog.JooqRunLog;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import io.hookwright.runlog.RunQuery;
import io.hookwright.store.Database;
import io.hookwright.store.Schema.Outbox;
import io.hookwright.testjvm.ChildJvm;
import io.hookwright.testwait.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Async delivery is durable: an engine killed with SIGKILL in the middle of delivering loses nothing. The engine runs
 * in a child JVM that first queues {@value #MESSAGES} async-inside messages (all of them, in a few host
 * transactions), then starts delivering to a receiver here that takes a few milliseconds per request. Once the
 * receiver has seen {@value #KILL_AFTER}, the child is killed; a second child, the same node on the same database,
 * starts the engine and waits for the outbox to empty.
 */
@Tag("slow")
class CrashRecoveryTest {
    static final int MESSAGES = 2_000;
    static final int KILL_AFTER = 300;
    static final String WEBHOOK = "crm_sync";

    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().containerThreads(64))
            .resetOnEachTest(false)
            .build();

    @TempDir
    static Path dir;

    static Set<String> queued;
    static List<String> received;
    static int leftAtKill;
    static int claimedAtKill;
    static Database database;

    @BeforeAll
    static void crashAndRestart() throws Exception {
        // The delay keeps requests in flight long enough for the kill to land among them.
        receiver.stubFor(post(urlEqualTo("/crm")).willReturn(aResponse().withStatus(204).withFixedDelay(3)));
        Path definitions = dir.resolve("webhooks");
        Files.createDirectories(definitions);
        String webhook = EngineFixture.webhook(WEBHOOK, "/crm", "synchronous false\ntransaction 'inside'");
        Files.writeString(definitions.resolve("hooks.groovy"),
                webhook.replace("RECEIVER", "http://localhost:" + receiver.getPort()));
        String db = dir.resolve("hookwright.db").toString();
        String port = String.valueOf(receiver.getPort());
        queued = IntStream.range(0, MESSAGES).mapToObj(i -> MessageIds.of(EngineProcess.eventId(i), WEBHOOK))
                .collect(Collectors.toUnmodifiableSet());

        ChildJvm first = ChildJvm.start("first", EngineProcess.class, "deliver", db, definitions.toString(), port,
                String.valueOf(MESSAGES));
        awaitReceived(first, KILL_AFTER, Duration.ofSeconds(60));
        first.kill();
        assertFalse(first.alive(), "the first engine survived SIGKILL");

        database = Database.sqlite(Path.of(db));
        leftAtKill = new JooqOutboxStore(database).depth();
        claimedAtKill = database.dsl().fetchCount(Outbox.TABLE, Outbox.STATUS.eq("claimed"));
        System.out.printf("killed after %d requests received: %d messages left in the outbox, %d of them claimed%n",
                receivedIds().size(), leftAtKill, claimedAtKill);

        ChildJvm second = ChildJvm.start("second", EngineProcess.class, "drain", db, definitions.toString(), port);
        int exit = second.awaitExit(Duration.ofSeconds(60));
        assertEquals(0, exit, () -> "the restarted engine did not empty the outbox:\n" + second.output());
        received = receivedIds();
    }

    @AfterAll
    static void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }

    private static void awaitReceived(ChildJvm child, int count, Duration timeout) throws InterruptedException {
        try {
            Await.until(timeout, () -> {
                if (!child.alive() && receiver.getAllServeEvents().size() < count) {
                    fail("the engine exited before the receiver had " + count + " requests:\n" + child.output());
                }
                return receiver.getAllServeEvents().size() >= count;
            }, () -> "the receiver had fewer than " + count + " requests:\n" + child.output());
        } catch (AssertionError e) {
            child.kill();
            throw e;
        }
    }

    private static List<String> receivedIds() {
        return receiver.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .map(request -> request.getHeader("webhook-id")).toList();
    }

    @Test
    void theKillLandedWhileMessagesWereStillQueued() {
        assertTrue(leftAtKill > 0, "every message was settled before the kill: nothing was left to recover");
        assertTrue(leftAtKill < MESSAGES, "nothing was delivered before the kill");
    }

    @Test
    void everyMessageQueuedBeforeTheCrashReachesTheReceiver() {
        assertEquals(queued, Set.copyOf(received));
        assertEquals(0, new JooqOutboxStore(database).depth());
    }

    @Test
    void onlyMessagesInFlightAtTheKillAreSentTwice() {
        // At least once, not exactly once: a message the receiver answered but whose run the killed engine had not
        // yet written is still claimed in the outbox, and the restarted engine sends it again, with the same
        // webhook-id so the receiver can tell. Only claimed messages can be among them.
        Map<String, Integer> times = new HashMap<>();
        received.forEach(id -> times.merge(id, 1, Integer::sum));
        int duplicates = received.size() - times.size();
        System.out.printf("%d requests for %d messages: %d duplicates (%d messages were claimed at the kill)%n",
                received.size(), times.size(), duplicates, claimedAtKill);
        assertTrue(duplicates <= claimedAtKill, duplicates + " duplicates, more than the " + claimedAtKill
                + " messages claimed when the engine was killed");
        assertTrue(times.values().stream().allMatch(n -> n <= 2), "a message was sent more than twice: " + times);
    }

    @Test
    void everyMessageHasASucceededRunInTheLog() {
        List<Run> succeeded = new JooqRunLog(database).list(new RunQuery(WEBHOOK, Set.of(Outcome.SUCCEEDED), null,
                10 * MESSAGES));
        assertEquals(queued, succeeded.stream().map(Run::messageId).collect(Collectors.toSet()));
    }
}
