package io.hookwright.crash;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.hookwright.execution.EngineFixture;
import io.hookwright.outbox.JooqOutboxStore;
import io.hookwright.render.MessageIds;
import io.hookwright.store.Database;
import io.hookwright.testjvm.ChildJvm;
import io.hookwright.testwait.Await;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The order per key survives a SIGKILL: {@link EngineProcess} queues {@value #MESSAGES} messages of an ordered webhook
 * over {@value #KEYS} keys, starts delivering, and is killed; a second process drains the outbox. Each key's requests,
 * a message sent again after the crash counted once, arrive in the order they were queued.
 */
@Tag("slow")
class OrderedCrashRecoveryTest {
    static final int MESSAGES = 600;
    static final int KEYS = 10;
    static final int KILL_AFTER = 150;
    static final String WEBHOOK = "crm_sync";

    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().containerThreads(32)).build();

    @TempDir
    Path dir;

    @Test
    void eachKeyArrivesInQueueOrderAcrossAKill() throws Exception {
        receiver.stubFor(post(urlEqualTo("/crm")).willReturn(aResponse().withStatus(204).withFixedDelay(3)));
        Path definitions = Files.createDirectories(dir.resolve("webhooks"));
        // Event i is of project p-i: its key is i modulo KEYS.
        String webhook = EngineFixture.webhook(WEBHOOK, "/crm", "synchronous false\ntransaction 'inside'\n"
                + "orderedBy '${(entity.id?keep_after(\"p-\")?number % " + KEYS + ")?c}'");
        Files.writeString(definitions.resolve("hooks.groovy"),
                webhook.replace("RECEIVER", "http://localhost:" + receiver.getPort()));
        String db = dir.resolve("hookwright.db").toString();
        String port = String.valueOf(receiver.getPort());

        ChildJvm first = ChildJvm.start("first", EngineProcess.class, "deliver", db, definitions.toString(), port,
                String.valueOf(MESSAGES));
        try {
            Await.until(Duration.ofSeconds(60), () -> receiver.getAllServeEvents().size() >= KILL_AFTER,
                    () -> "the receiver had fewer than " + KILL_AFTER + " requests:\n" + first.output());
        } finally {
            first.kill();
        }
        assertFalse(first.alive(), "the first engine survived SIGKILL");
        int left;
        try (Database database = Database.sqlite(Path.of(db))) {
            left = new JooqOutboxStore(database).depth();
        }
        assertTrue(left > 0, "every message was settled before the kill: nothing was left to recover");

        ChildJvm second = ChildJvm.start("second", EngineProcess.class, "drain", db, definitions.toString(), port);
        assertEquals(0, second.awaitExit(Duration.ofSeconds(60)), () -> "the restarted engine did not empty the "
                + "outbox:\n" + second.output());

        Map<String, Integer> number = new HashMap<>();
        IntStream.range(0, MESSAGES).forEach(i -> number.put(MessageIds.of(EngineProcess.eventId(i), WEBHOOK), i));
        List<List<Integer>> byKey = new ArrayList<>();
        IntStream.range(0, KEYS).forEach(k -> byKey.add(new ArrayList<>()));
        for (LoggedRequest request : receiver.findAll(anyRequestedFor(anyUrl()))) {
            int i = number.get(request.getHeader("webhook-id"));
            List<Integer> key = byKey.get(i % KEYS);
            if (key.isEmpty() || key.getLast() != i) {
                // A message sent again right after the crash follows itself; it counts once.
                key.add(i);
            }
        }
        for (int k = 0; k < KEYS; k++) {
            int key = k;
            assertEquals(IntStream.range(0, MESSAGES).filter(i -> i % KEYS == key).boxed().toList(), byKey.get(k),
                    "key " + k);
        }
    }
}
