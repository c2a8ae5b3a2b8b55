package io.hookwright.cluster;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.definitions.DefinitionCompiler;
import io.hookwright.delivery.DeliverySettings;
import io.hookwright.delivery.TargetPolicy;
import io.hookwright.event.Entity;
import io.hookwright.event.Event;
import io.hookwright.event.Initiator;
import io.hookwright.execution.Engine;
import io.hookwright.execution.LoadedDefinitions;
import io.hookwright.execution.ManualEngine;
import io.hookwright.store.Database;
import io.hookwright.testdb.Backend;
import io.hookwright.testwait.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nodes wake on PostgreSQL's {@code NOTIFY}, not on their poll: a message one node queues is delivered by another
 * whose poll interval is a minute, within seconds; and when the listening connection is cut, the node listens again.
 */
@Tag("slow")
class NotifiedWakeupTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;
    private Database publisherDb;
    private Database delivererDb;
    private Engine publisher;
    private Engine deliverer;
    private String url;

    @BeforeEach
    void start() throws Exception {
        receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));
        Path folder = Files.createDirectories(dir.resolve("webhooks"));
        Files.writeString(folder.resolve("erp.groovy"), """
                webhook('erp') {
                    on 'Project:Updated'
                    request { post 'http://localhost:%d/erp'; body '{}' }
                    execution { synchronous false; transaction 'after-commit' }
                }
                webhook('erp_inside') {
                    on 'Project:Created'
                    request { post 'http://localhost:%d/erp'; body '{}' }
                    execution { synchronous false; transaction 'inside' }
                }
                """.formatted(receiver.getPort(), receiver.getPort()));
        DefinitionCompiler.Compilation compiled = new DefinitionCompiler().compile(folder);
        assertTrue(compiled.valid(), compiled.errors().toString());
        LoadedDefinitions definitions = new LoadedDefinitions(compiled.definitions(), "rev-1");
        url = Backend.POSTGRES.url(null);
        publisherDb = Backend.open(url);
        delivererDb = Backend.open(url);
        DeliverySettings.Builder minutePoll = DeliverySettings.builder().pollInterval(Duration.ofMinutes(1));
        TargetPolicy local = new TargetPolicy(List.of(TargetPolicy.Allowed.parse("localhost:" + receiver.getPort())), false);
        // Never started: it queues and leaves the delivering to the other node.
        publisher = Engine.builder(publisherDb, definitions).targetPolicy(local)
                .delivery(minutePoll.node("publisher").build()).build();
        deliverer = Engine.builder(delivererDb, definitions).targetPolicy(local)
                .delivery(minutePoll.node("deliverer").build()).build().start();
    }

    @AfterEach
    void stop() {
        publisher.close();
        deliverer.close();
        publisherDb.close();
        delivererDb.close();
    }

    private void publish(int n) {
        publisher.publish(Event.builder("Project:Updated").id("evt-" + n).tenant("acme")
                .initiator(new Initiator("u-1", "Anna", "anna"))
                .entity(new Entity("Project", "p-" + n, "KEY-" + n, Map.of())).before(Map.of()).build());
    }

    private void awaitReceived(int count) {
        Await.until(Duration.ofSeconds(10), () -> receiver.findAll(anyRequestedFor(anyUrl())).size() >= count,
                "delivered by the other node long before its one-minute poll");
        assertEquals(count, receiver.findAll(anyRequestedFor(anyUrl())).size());
    }

    /** The backends listening on the test's database now: the deliverer's (the publisher, never started, does not). */
    private Set<Integer> listeners() {
        return new HashSet<>(publisherDb.dsl().fetch("select pid from pg_stat_activity where datname = "
                + "current_database() and query ilike 'listen%'").getValues(0, Integer.class));
    }

    /**
     * Waits until a backend other than {@code gone} listens, and the deliverer's claim rounds so far are over: from
     * here only a notification wakes it within its one-minute poll.
     */
    private void awaitDelivererListening(Set<Integer> gone) throws InterruptedException {
        Await.until(Duration.ofSeconds(10), () -> listeners().stream().anyMatch(pid -> !gone.contains(pid)),
                () -> "the deliverer listening; listening now: " + listeners() + ", cut: " + gone);
        assertTrue(ManualEngine.awaitIdle(deliverer, Duration.ofSeconds(10)), "the deliverer did not settle");
    }

    @Test
    void aMessageQueuedOnOneNodeWakesAnother() throws Exception {
        awaitDelivererListening(Set.of());
        publish(1);
        awaitReceived(1);
        assertTrue(ManualEngine.awaitIdle(deliverer, Duration.ofSeconds(10)));
        assertEquals("deliverer", deliverer.runs(io.hookwright.runlog.RunQuery.latest(1)).get(0).node());
    }

    @Test
    void messagesQueuedInAHostTransactionWakeAnotherNodeWhenItCommits() throws Exception {
        awaitDelivererListening(Set.of());
        try (Connection host = DriverManager.getConnection(url); var tx = publisher.begin(host)) {
            for (int n = 1; n <= 3; n++) {
                tx.publish(Event.builder("Project:Created").id("evt-c" + n).tenant("acme")
                        .initiator(new Initiator("u-1", "Anna", "anna"))
                        .entity(new Entity("Project", "p-" + n, "KEY-" + n, Map.of())).before(Map.of()).build());
            }
            // A claim round of the deliverer's while the host's transaction is open finds nothing.
            assertTrue(ManualEngine.awaitIdle(deliverer, Duration.ofSeconds(10)), "the deliverer did not settle");
            assertEquals(0, receiver.findAll(anyRequestedFor(anyUrl())).size(), "nothing before the host commits");
            tx.commit();
        }
        awaitReceived(3);
    }

    @Test
    void aCutListeningConnectionIsListenedOnAgain() throws Exception {
        awaitDelivererListening(Set.of());
        Set<Integer> listening = listeners();
        int cut = publisherDb.dsl().fetchOne("select count(pg_terminate_backend(pid)) from pg_stat_activity "
                + "where datname = current_database() and query ilike 'listen%'").get(0, Integer.class);
        assertTrue(cut >= 1, "the deliverer's listening connection was cut");
        awaitDelivererListening(listening);
        publish(2);
        awaitReceived(1);
    }
}
