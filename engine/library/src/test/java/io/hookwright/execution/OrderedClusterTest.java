package io.hookwright.execution;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.delivery.DeliverySettings;
import io.hookwright.store.Database;
import io.hookwright.testdb.Backend;
import io.hookwright.testwait.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Three engine nodes share one PostgreSQL outbox and claim from it side by side: a key's head is claimed by one node
 * at a time, so each key's messages still arrive one after another in commit order, whichever node queued or sends
 * them, while a failing key holds up nothing else.
 */
@Tag("slow")
class OrderedClusterTest {
    static final int UPDATES = 10;
    static final List<String> GOOD = List.of("p-1", "p-2", "p-3", "p-4", "p-5");

    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().containerThreads(32)).build();

    @TempDir
    Path dir;
    private EngineFixture fixture;
    private final List<Engine> nodes = new ArrayList<>();
    private final List<Database> databases = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(Engine::close);
        databases.forEach(Database::close);
        if (fixture != null) {
            fixture.close();
        }
    }

    private Engine node(String name) {
        Database database = Backend.open(fixture.url);
        databases.add(database);
        Engine engine = fixture.builder(database)
                .delivery(DeliverySettings.builder().node(name).pollInterval(Duration.ofMillis(100)).build())
                .build().start();
        nodes.add(engine);
        return engine;
    }

    private static int received() {
        return receiver.findAll(anyRequestedFor(anyUrl())).size();
    }

    @Test
    void eachKeyArrivesInCommitOrderAcrossThreeNodes() throws Exception {
        // A short random delay keeps requests of different keys in flight on every node at once.
        receiver.stubFor(post(urlPathMatching("/erp/.*")).willReturn(aResponse().withStatus(200)
                .withUniformRandomDelay(1, 15)));
        receiver.stubFor(post(urlEqualTo("/erp/p-bad")).willReturn(aResponse().withStatus(500)));
        fixture = new EngineFixture(Backend.POSTGRES, dir, receiver.getPort(),
                OrderedDeliveryTest.definitions("synchronous false\ntransaction 'inside'\norderedBy '${entity.id}'"));
        List<Engine> cluster = List.of(node("node-a"), node("node-b"), node("node-c"));
        List<String> keys = new ArrayList<>(GOOD);
        keys.add(2, "p-bad");
        int published = 0;
        for (int n = 1; n <= UPDATES; n++) {
            for (String key : keys) {
                // Each update from another node: the order is the database's, not one node's.
                cluster.get(published++ % cluster.size()).publish(OrderedDeliveryTest.update(key, n));
            }
        }

        int good = GOOD.size() * UPDATES;
        Await.until(Duration.ofSeconds(60), () -> received() >= good + 1, () -> received() + " requests received, "
                + "not every message of the keys that work");
        Map<String, List<Integer>> meanwhile = OrderedDeliveryTest.receivedByKey(receiver);
        assertEquals(List.of(1), meanwhile.get("p-bad"), "the failing head holds its key: nothing behind it was sent");

        receiver.stubFor(post(urlEqualTo("/erp/p-bad")).willReturn(aResponse().withStatus(200)));
        fixture.clock.advance(Duration.ofSeconds(6));
        Await.until(Duration.ofSeconds(60), () -> received() >= good + UPDATES + 1,
                () -> received() + " requests received after the failing key recovered");
        for (Engine node : cluster) {
            ManualEngine.awaitIdle(node, Duration.ofSeconds(30));
        }

        List<Integer> inOrder = IntStream.rangeClosed(1, UPDATES).boxed().toList();
        Map<String, List<Integer>> byKey = OrderedDeliveryTest.receivedByKey(receiver);
        for (String key : GOOD) {
            assertEquals(inOrder, byKey.get(key), "key " + key);
        }
        List<Integer> bad = new ArrayList<>(List.of(1));
        bad.addAll(inOrder);
        assertEquals(bad, byKey.get("p-bad"), "the failing head once, then the whole key in order");
        assertEquals(0, cluster.getFirst().queuedMessages());
    }
}
