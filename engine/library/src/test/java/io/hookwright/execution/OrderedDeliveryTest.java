package io.hookwright.execution;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.hookwright.delivery.DeliverySettings;
import io.hookwright.event.Entity;
import io.hookwright.event.Event;
import io.hookwright.event.Initiator;
import io.hookwright.render.MessageIds;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import io.hookwright.store.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code orderedBy '${entity.id}'}: one webhook's messages with the same key reach the receiver one at a time, in the
 * order their transactions committed; a message behind a failing one is held (and its run says behind which), other
 * keys go on meanwhile. The receiver is WireMock; each request's path names its key and its body the event's number.
 */
class OrderedDeliveryTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;
    private EngineFixture fixture;

    static String definitions(String execution) {
        return """
                webhook('erp_sync') {
                    on 'Project:Updated'
                    request {
                        post 'RECEIVER/erp/${entity.id}'
                        header 'Content-Type', 'application/json'
                        body '''{"project": "${entity.id}", "n": "${entity.attributes.N}"}'''
                    }
                    execution {
                %s
                    }
                }
                """.formatted(execution.indent(8).stripTrailing());
    }

    /** The {@code n}th update of project {@code id}. */
    static Event update(String id, int n) {
        return Event.builder("Project:Updated").id("evt-" + id + "-" + n).tenant("acme")
                .initiator(new Initiator("u-1", "Anna Doe", "anna"))
                .entity(new Entity("Project", id, "KEY-" + id, Map.of("N", String.valueOf(n)))).build();
    }

    static String messageOf(String id, int n) {
        return MessageIds.of("evt-" + id + "-" + n, "erp_sync");
    }

    static Map<String, List<Integer>> receivedByKey() {
        return receivedByKey(receiver);
    }

    /** Each key's numbers in the order {@code receiver} got them. */
    static Map<String, List<Integer>> receivedByKey(WireMockExtension receiver) {
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        for (LoggedRequest r : receiver.findAll(anyRequestedFor(anyUrl()))) {
            String key = r.getUrl().substring("/erp/".length());
            String body = r.getBodyAsString();
            int n = Integer.parseInt(body.replaceAll(".*\"n\": \"(\\d+)\".*", "$1"));
            byKey.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(n);
        }
        return byKey;
    }

    private static void failing(String key) {
        receiver.stubFor(post(urlEqualTo("/erp/" + key)).willReturn(aResponse().withStatus(500)));
    }

    private static void answering(String key) {
        receiver.stubFor(post(urlEqualTo("/erp/" + key)).willReturn(aResponse().withStatus(200)));
    }

    private ManualEngine manual(String execution) {
        receiver.stubFor(post(urlPathMatching("/erp/.*")).willReturn(aResponse().withStatus(200)));
        fixture = new EngineFixture(dir, receiver.getPort(), definitions(execution));
        return fixture.manual();
    }

    /** Publishes updates 1..count of every key, interleaved: each in its own transaction. */
    private static void publishInterleaved(Engine engine, int count, String... keys) {
        for (int n = 1; n <= count; n++) {
            for (String key : keys) {
                engine.publish(update(key, n));
            }
        }
    }

    private List<Run> runsOf(String messageId) {
        return fixture.runs().stream().filter(r -> r.messageId().equals(messageId)).toList();
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aFailingHeadHoldsUpOnlyItsKeyAndEveryKeyArrivesInCommitOrder() {
        ManualEngine manual = manual("synchronous false\norderedBy '${entity.id}'");
        Engine engine = manual.engine();
        failing("p-bad");
        publishInterleaved(engine, 3, "p-1", "p-bad", "p-2");

        assertEquals(3, manual.runDue().size(), "one message per key leaves at a time: each key's first");
        assertEquals(2, manual.runDue().size(), "p-1 and p-2 go on; p-bad's second waits behind its failing first");
        assertEquals(2, manual.runDue().size());
        assertEquals(0, manual.runDue().size(), "nothing is due: p-bad's first waits for its retry, the rest behind it");
        assertEquals(Map.of("p-1", List.of(1, 2, 3), "p-2", List.of(1, 2, 3), "p-bad", List.of(1)), receivedByKey());

        String head = messageOf("p-bad", 1);
        for (int n = 2; n <= 3; n++) {
            List<Run> held = runsOf(messageOf("p-bad", n));
            assertEquals(1, held.size(), "held once, and not sent");
            assertEquals(Outcome.HELD, held.getFirst().outcome());
            assertTrue(held.getFirst().error().contains("held behind message " + head), held.getFirst().error());
        }

        fixture.clock.advance(Duration.ofSeconds(6));
        assertEquals(1, manual.runDue().size(), "the head is retried, and fails again");
        assertEquals(0, manual.runDue().size());
        assertEquals(1, runsOf(messageOf("p-bad", 2)).size(), "a message already shown held behind that head is not "
                + "logged again for each of its failures");

        answering("p-bad");
        fixture.clock.advance(Duration.ofMinutes(6));
        assertEquals(1, manual.runDue().size(), "the head succeeds");
        assertEquals(1, manual.runDue().size(), "then the next of its key leaves, at once");
        assertEquals(1, manual.runDue().size());
        assertEquals(Map.of("p-1", List.of(1, 2, 3), "p-2", List.of(1, 2, 3), "p-bad", List.of(1, 1, 1, 2, 3)),
                receivedByKey());
        assertEquals(Outcome.SUCCEEDED, runsOf(messageOf("p-bad", 3)).getLast().outcome());
        assertEquals(0, engine.queuedMessages());
    }

    @Test
    void theOrderIsTheOrderTheTransactionsCommittedIn() throws Exception {
        ManualEngine manual = manual("synchronous false\ntransaction 'after-commit'\norderedBy '${entity.id}'");
        Engine engine = manual.engine();
        try (Connection first = fixture.connect(); Connection second = fixture.connect()) {
            EngineTransaction early = engine.begin(first);
            early.publish(update("p-1", 1));
            EngineTransaction late = engine.begin(second);
            late.publish(update("p-1", 2));
            late.commit();
            early.commit();
        }
        while (!manual.runDue().isEmpty()) {
            // one per round: the key's head, then the next
        }
        assertEquals(Map.of("p-1", List.of(2, 1)), receivedByKey(), "the event published first committed last");
    }

    @Test
    void aHeadGivenUpLetsTheNextGoByDefault() {
        ManualEngine manual = manual("synchronous false\nretry false\norderedBy '${entity.id}'");
        failing("p-bad");
        publishInterleaved(manual.engine(), 2, "p-bad");

        assertEquals(Outcome.GAVE_UP, manual.runDue().getFirst().outcome());
        assertEquals(Outcome.GAVE_UP, manual.runDue().getFirst().outcome(), "the next went once the head gave up");
        assertEquals(Map.of("p-bad", List.of(1, 2)), receivedByKey());
    }

    @Test
    void aKeyThatBlocksWaitsForAnOperatorToRedeliverItsHead() {
        ManualEngine manual = manual("synchronous false\nretry false\norderedBy '${entity.id}', onFailure: 'block'");
        Engine engine = manual.engine();
        failing("p-bad");
        publishInterleaved(engine, 3, "p-bad", "p-1");

        Run givenUp = manual.runDue().stream().filter(r -> r.messageId().equals(messageOf("p-bad", 1))).findFirst()
                .orElseThrow();
        assertEquals(Outcome.GAVE_UP, givenUp.outcome());
        fixture.clock.advance(Duration.ofDays(1));
        assertEquals(2, manual.runDue().size() + manual.runDue().size(), "p-1 goes on; p-bad waits");
        assertEquals(0, manual.runDue().size());
        assertEquals(Map.of("p-bad", List.of(1), "p-1", List.of(1, 2, 3)), receivedByKey());
        Run held = runsOf(messageOf("p-bad", 2)).getLast();
        assertEquals(Outcome.HELD, held.outcome());
        assertTrue(held.error().contains(messageOf("p-bad", 1)) && held.error().contains("operator"), held.error());
        assertEquals(3, engine.queuedMessages(), "the given-up head stays, with the two behind it");

        answering("p-bad");
        assertEquals(Outcome.SUCCEEDED, engine.redeliver(givenUp.id()).outcome());
        assertEquals(1, manual.runDue().size(), "the key goes on once its head was redelivered");
        assertEquals(1, manual.runDue().size());
        assertEquals(List.of(1, 1, 2, 3), receivedByKey().get("p-bad"));
        assertEquals(0, engine.queuedMessages());
    }

    @Test
    void anOperatorMaySkipTheHeadOfABlockedKey() {
        ManualEngine manual = manual("synchronous false\nretry false\norderedBy '${entity.id}', onFailure: 'block'");
        Engine engine = manual.engine();
        failing("p-bad");
        publishInterleaved(engine, 2, "p-bad");
        Run givenUp = manual.runDue().getFirst();
        assertEquals(0, manual.runDue().size());

        answering("p-bad");
        Run skipped = engine.skip(givenUp.id());
        assertEquals(Outcome.SKIPPED, skipped.outcome());
        assertEquals(givenUp.messageId(), skipped.messageId());
        assertEquals(1, manual.runDue().size(), "the next goes");
        assertEquals(List.of(1, 2), receivedByKey().get("p-bad"), "the skipped head was not sent again");
        assertEquals(0, engine.queuedMessages());
        assertThrows(IllegalArgumentException.class, () -> engine.skip(givenUp.id()), "nothing is blocked any more");
    }

    @Test
    void redeliveringAnOldRunQueuesItBehindItsKeyUnlessAskedToJump() {
        ManualEngine manual = manual("synchronous false\norderedBy '${entity.id}'");
        Engine engine = manual.engine();
        engine.publish(update("p-1", 1));
        Run first = manual.runDue().getFirst();
        assertEquals(Outcome.SUCCEEDED, first.outcome());
        failing("p-1");
        engine.publish(update("p-1", 2));
        engine.publish(update("p-1", 3));
        assertEquals(Outcome.PENDING_RETRY, manual.runDue().getFirst().outcome());
        receiver.resetRequests();

        Run queued = engine.redeliver(first.id());
        assertEquals(Outcome.HELD, queued.outcome());
        assertTrue(queued.error().contains("held behind message " + messageOf("p-1", 3)), queued.error());
        assertEquals(0, receivedByKey().size(), "not sent ahead of the key's queue");

        Run jumped = engine.redeliver(first.id(), true);
        assertEquals(Outcome.FAILED, jumped.outcome(), "sent at once, to the receiver still failing");
        assertEquals(List.of(1), receivedByKey().get("p-1"), "asked to jump, it is sent at once");
        receiver.resetRequests();

        answering("p-1");
        fixture.clock.advance(Duration.ofMinutes(6));
        while (!manual.runDue().isEmpty()) {
            // the key's messages, one per round
        }
        assertEquals(List.of(2, 3, 1), receivedByKey().get("p-1"), "the redelivery went last, after those queued before it");
    }

    @Test
    void theKeysKeptForRedeliveriesGoWithTheRunsAfterTheRetentionPeriod() {
        ManualEngine manual = manual("synchronous false\norderedBy '${entity.id}'");
        Engine engine = manual.engine();
        engine.publish(update("p-1", 1));
        manual.runDue();
        fixture.clock.advance(Duration.ofDays(29));
        engine.deleteOldRuns();
        assertEquals(1, fixture.database.dsl().fetchCount(Schema.OrderMessages.TABLE), "kept while it may be redelivered");
        fixture.clock.advance(Duration.ofDays(2));
        engine.deleteOldRuns();
        assertEquals(0, fixture.database.dsl().fetchCount(Schema.OrderMessages.TABLE));
    }

    @Test
    void theNextMessageOfAKeyLeavesAsSoonAsTheOneBeforeIsSettledWithoutWaitingForAPoll() {
        receiver.stubFor(post(urlPathMatching("/erp/.*")).willReturn(aResponse().withStatus(200)));
        fixture = new EngineFixture(dir, receiver.getPort(), definitions("synchronous false\norderedBy '${entity.id}'"));
        Engine engine = fixture.engine(b -> b.delivery(DeliverySettings.builder().node("test")
                .pollInterval(Duration.ofHours(1)).build()));
        publishInterleaved(engine, 20, "p-1", "p-2", "p-3");
        fixture.awaitIdle();
        List<Integer> inOrder = java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList();
        assertEquals(Map.of("p-1", inOrder, "p-2", inOrder, "p-3", inOrder), receivedByKey());
        assertEquals(0, engine.queuedMessages());
    }
}
