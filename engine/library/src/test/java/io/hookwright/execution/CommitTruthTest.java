package io.hookwright.execution;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import io.hookwright.store.Database;
import io.hookwright.testdb.FailingStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code commit()} tells the truth: once the host's commit succeeded it returns normally, even when the engine's store
 * fails at that very moment, and nothing after-commit is lost: once the store is back, the async messages are
 * delivered, the sync-after-commit webhooks have been sent and every run is logged. A rollback leaves nothing behind;
 * a crash between the host's commit and the sync-after-commit send leaves a record the restarted engine delivers.
 */
class CommitTruthTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String EVERY_MODE = EngineFixture.webhook("guard", "/guard", "synchronous true\ntransaction 'inside'")
            + EngineFixture.webhook("crm", "/crm", "synchronous false\ntransaction 'inside'")
            + EngineFixture.webhook("mail", "/mail", "synchronous true\ntransaction 'after-commit'")
            + EngineFixture.webhook("erp", "/erp", "synchronous false\ntransaction 'after-commit'");

    /** Every mode but async-inside, which needs the host's connection on the engine's database. */
    private static final String ALL_BUT_ASYNC_INSIDE = EngineFixture.webhook("guard", "/guard",
            "synchronous true\ntransaction 'inside'")
            + EngineFixture.webhook("mail", "/mail", "synchronous true\ntransaction 'after-commit'")
            + EngineFixture.webhook("erp", "/erp", "synchronous false\ntransaction 'after-commit'");

    @TempDir
    Path dir;
    private EngineFixture fixture;
    private FailingStore store;
    private Engine engine;

    @BeforeEach
    void answer() {
        receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stop() {
        if (store != null) {
            store.heal();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    /** The engine on the fixture's database seen through a store that fails on demand. */
    private void start(String definitions) {
        fixture = new EngineFixture(dir, receiver.getPort(), definitions);
        Database failing = fixture.database.through(source -> store = new FailingStore(source));
        engine = fixture.adopt(fixture.builder(failing).build().start());
    }

    /** The host's connection, whose commit runs {@code afterCommit} once it has committed. */
    private static Connection committingThen(Connection host, Runnable afterCommit) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(host, args);
                        if (method.getName().equals("commit")) {
                            afterCommit.run();
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static int received(String path) {
        return receiver.findAll(postRequestedFor(urlEqualTo(path))).size();
    }

    private Map<String, Outcome> outcomes() {
        return fixture.runs().stream().collect(Collectors.toMap(Run::webhook, Run::outcome));
    }

    @Test
    void theEnginesStoreFailingRightAfterTheHostsCommitLosesNothing() throws Exception {
        start(EVERY_MODE);
        try (Connection host = fixture.connect(); var tx = engine.begin(committingThen(host, store::fail))) {
            EngineFixture.insertProject(host, "p-1");
            tx.publish(EngineFixture.projectUpdated("p-1"));
            tx.commit();
            assertTrue(store.refused() > 0, "the store failed after the commit");
            assertEquals(Fired.Status.SUCCEEDED, tx.results().get(0).fired().get(2).status(),
                    "the sync-after-commit webhook was sent in the caller's thread");
        }
        assertTrue(fixture.projectCommitted("p-1"));
        assertEquals(1, received("/mail"));

        store.heal();
        fixture.awaitIdle();
        assertEquals(List.of(1, 1, 1, 1), List.of(received("/guard"), received("/crm"), received("/mail"),
                received("/erp")), "every webhook reached its receiver once");
        assertEquals(Map.of("guard", Outcome.SUCCEEDED, "crm", Outcome.SUCCEEDED, "mail", Outcome.SUCCEEDED,
                "erp", Outcome.SUCCEEDED), outcomes(), "every run is logged");
        assertEquals(0, engine.outbox().depth(), "the sync-after-commit record went with its run");
    }

    @Test
    void aHostOnAnotherDatabaseLosesNothingWhenTheEnginesStoreFailsAfterItsCommit() throws Exception {
        start(ALL_BUT_ASYNC_INSIDE);
        String elsewhere = "jdbc:sqlite:" + Files.createDirectories(dir.resolve("host-only")).resolve("host.db");
        try (Connection c = EngineFixture.connect(elsewhere)) {
            EngineFixture.createHostTable(c);
        }
        try (Connection host = EngineFixture.connect(elsewhere);
             var tx = engine.begin(committingThen(host, store::fail))) {
            EngineFixture.insertProject(host, "p-1");
            tx.publish(EngineFixture.projectUpdated("p-1"));
            tx.commit();
        }
        assertTrue(EngineFixture.projectCommitted(elsewhere, "p-1"));
        assertEquals(1, received("/mail"), "sent in the caller's thread, store or no store");
        assertEquals(0, received("/erp"), "not queued yet: the store refuses it");

        store.heal();
        fixture.awaitIdle();
        assertEquals(List.of(1, 1, 1), List.of(received("/guard"), received("/mail"), received("/erp")));
        assertEquals(Map.of("guard", Outcome.SUCCEEDED, "mail", Outcome.SUCCEEDED, "erp", Outcome.SUCCEEDED),
                outcomes());
    }

    @Test
    void publishingWithoutATransactionReturnsWhileTheStoreIsDownAndLosesNothing() throws Exception {
        start(EVERY_MODE);
        store.fail();
        Published published = engine.publish(EngineFixture.projectUpdated("p-1"));
        assertEquals(List.of(Fired.Status.SUCCEEDED, Fired.Status.QUEUED, Fired.Status.SUCCEEDED, Fired.Status.QUEUED),
                published.fired().stream().map(Fired::status).toList());

        store.heal();
        fixture.awaitIdle();
        assertEquals(List.of(1, 1, 1, 1), List.of(received("/guard"), received("/crm"), received("/mail"),
                received("/erp")));
        assertEquals(4, fixture.runs().size());
    }

    @Test
    void aRollbackLeavesNothingAfterCommit() throws Exception {
        start(EVERY_MODE);
        try (Connection host = fixture.connect(); var tx = engine.begin(host)) {
            EngineFixture.insertProject(host, "p-1");
            tx.publish(EngineFixture.projectUpdated("p-1"));
            tx.rollback();
            assertEquals(List.of(Fired.Status.SUCCEEDED, Fired.Status.ROLLED_BACK, Fired.Status.ROLLED_BACK,
                    Fired.Status.ROLLED_BACK), tx.results().get(0).fired().stream().map(Fired::status).toList());
        }
        fixture.awaitIdle();
        assertFalse(fixture.projectCommitted("p-1"));
        assertEquals(List.of(1, 0, 0, 0), List.of(received("/guard"), received("/crm"), received("/mail"),
                received("/erp")));
        assertEquals(Map.of("guard", Outcome.SUCCEEDED), outcomes(), "only the run that was sent is logged");
        assertEquals(0, engine.outbox().depth());
    }

    /** What a JVM dying right after the host's commit looks like to the engine: its thread never comes back. */
    private static final class Crash extends Error {
    }

    @Test
    void aCrashBetweenTheHostsCommitAndTheSyncAfterCommitSendIsDeliveredAfterRestart() throws Exception {
        start(ALL_BUT_ASYNC_INSIDE.replace("synchronous false", "synchronous true"));
        Connection host = fixture.connect();
        var tx = engine.begin(committingThen(host, () -> {
            throw new Crash();
        }));
        EngineFixture.insertProject(host, "p-1");
        tx.publish(EngineFixture.projectUpdated("p-1"));
        assertThrows(Crash.class, tx::commit);
        host.close();
        assertTrue(fixture.projectCommitted("p-1"));
        assertEquals(0, received("/mail") + received("/erp"), "the crash came before the sends");
        engine.close();

        Engine restarted = fixture.adopt(fixture.builder().build().start());
        fixture.awaitIdle();
        assertEquals(List.of(1, 1), List.of(received("/mail"), received("/erp")), "delivered once, after the restart");
        List<Run> runs = fixture.runs().stream().filter(r -> !r.webhook().equals("guard")).toList();
        assertEquals(List.of(Outcome.SUCCEEDED, Outcome.SUCCEEDED), runs.stream().map(Run::outcome).toList());
        assertTrue(runs.stream().allMatch(r -> r.mode().equals("sync-after-commit")), runs.toString());
        assertEquals(0, restarted.outbox().depth());
    }
}
