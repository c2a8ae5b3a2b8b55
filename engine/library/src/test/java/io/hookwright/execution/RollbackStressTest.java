package io.hookwright.execution;

import io.hookwright.render.MessageIds;
import io.hookwright.runlog.Outcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A thousand host transactions on the engine's database (a SQLite file, a PostgreSQL database), half of them rolled
 * back at random while the async webhooks deliver the others: not one rolled-back event reaches a receiver, and every
 * committed one arrives exactly once per webhook. The seed is in every failure message, so a failing order can be
 * replayed.
 */
@Tag("slow")
class RollbackStressTest extends ExecutionContract {
    private static final int TRANSACTIONS = 1_000;

    @BeforeEach
    void start() {
        startEngine(EngineFixture.webhook("ledger_inside", "/inside", "synchronous false\ntransaction 'inside'")
                + EngineFixture.webhook("ledger_after", "/after", "synchronous false\ntransaction 'after-commit'"));
        receiver.stubFor(post(urlEqualTo("/inside")).willReturn(aResponse().withStatus(204)));
        receiver.stubFor(post(urlEqualTo("/after")).willReturn(aResponse().withStatus(204)));
    }

    @Test
    void rolledBackEventsAreNeverDeliveredAndCommittedOnesExactlyOncePerWebhook() throws Exception {
        long seed = new Random().nextLong();
        String replay = "seed " + seed;
        List<Boolean> rollsBack = new ArrayList<>(Collections.nCopies(TRANSACTIONS / 2, true));
        rollsBack.addAll(Collections.nCopies(TRANSACTIONS - TRANSACTIONS / 2, false));
        Collections.shuffle(rollsBack, new Random(seed));

        Set<String> committed = new HashSet<>();
        try (Connection host = fixture.connect()) {
            for (int i = 0; i < TRANSACTIONS; i++) {
                String id = "p-" + i;
                try (var tx = engine.begin(host)) {
                    EngineFixture.insertProject(host, id);
                    tx.publish(EngineFixture.projectUpdated(id));
                    if (rollsBack.get(i)) {
                        tx.rollback();
                    } else {
                        tx.commit();
                        committed.add(id);
                    }
                }
            }
        }
        fixture.awaitIdle();

        assertEquals(committed, hostProjects(), replay + ": the host's table holds exactly the committed projects");
        assertReceivedExactlyOnce("/inside", "ledger_inside", committed, replay);
        assertReceivedExactlyOnce("/after", "ledger_after", committed, replay);
        List<Outcome> outcomes = fixture.outcomes();
        assertEquals(2 * committed.size(), outcomes.size(), replay);
        assertTrue(outcomes.stream().allMatch(o -> o == Outcome.SUCCEEDED), replay);
        assertEquals(0, engine.queuedMessages(), replay);
    }

    /** Checks one webhook's receiver: no message twice, none for a rolled-back event, none missing. */
    private static void assertReceivedExactlyOnce(String path, String webhook, Set<String> committed, String replay) {
        List<String> ids = receiver.findAll(postRequestedFor(urlEqualTo(path))).stream()
                .map(r -> r.getHeader("webhook-id")).toList();
        Map<String, Long> times = ids.stream().collect(Collectors.groupingBy(id -> id, Collectors.counting()));
        List<String> twice = times.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        assertEquals(List.of(), twice, replay + ": " + webhook + " received these messages more than once");

        Map<String, String> projectOf = IntStream.range(0, TRANSACTIONS).mapToObj(i -> "p-" + i)
                .collect(Collectors.toMap(id -> MessageIds.of("evt-" + id, webhook), id -> id));
        List<String> uncommitted = times.keySet().stream().map(id -> projectOf.getOrDefault(id, id))
                .filter(project -> !committed.contains(project)).sorted().toList();
        assertEquals(List.of(), uncommitted, replay + ": " + webhook + " received events the host rolled back");
        List<String> missing = committed.stream()
                .filter(project -> !times.containsKey(MessageIds.of("evt-" + project, webhook))).sorted().toList();
        assertEquals(List.of(), missing, replay + ": " + webhook + " never received these committed events");
    }

    private Set<String> hostProjects() throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = fixture.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select id from host_projects")) {
            while (r.next()) {
                ids.add(r.getString(1));
            }
        }
        return ids;
    }
}
