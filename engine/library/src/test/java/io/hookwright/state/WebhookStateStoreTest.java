package io.hookwright.state;

import io.hookwright.testdb.Tx;
import io.hookwright.store.Database;
import io.hookwright.testdb.Backend;
import io.hookwright.testdb.OnEachBackend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failures in a row deactivate a webhook with its reason; operators switch it back; all of it survives a restart. */
class WebhookStateStoreTest extends OnEachBackend {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private WebhookStateStore states;

    @BeforeEach
    void open() {
        states = new JooqWebhookStateStore(database);
    }

    @Test
    void resultsRecordedTogetherCountAsTheyWouldOneByOne() {
        String timeout = "no response within the timeout of 5000 ms from https://erp.example.com/x";
        Tx.run(database, tx -> assertEquals(Optional.empty(), states.recorded(tx, "erp", T0,
                List.of(Result.failed("HTTP 500"), Result.failed("HTTP 502"), Result.SUCCEEDED, Result.failed("HTTP 503")),
                3)));
        WebhookState after = states.get("erp");
        assertTrue(after.active());
        assertEquals(1, after.consecutiveFailures(), "a success in between starts the count again");
        assertEquals("HTTP 503", after.lastFailure());

        Tx.run(database, tx -> {
            WebhookState off = states.recorded(tx, "erp", T0.plusSeconds(1),
                    List.of(Result.failed("HTTP 500"), Result.failed(timeout), Result.failed("HTTP 500")), 3).orElseThrow();
            assertEquals("3 consecutive failures; the last: " + timeout, off.deactivationReason(),
                    "the reason names the failure that reached the threshold, counted on from before");
            assertEquals(4, off.consecutiveFailures());
        });
    }

    @Test
    void aRunOfFailuresInsideOneBatchDeactivatesEvenIfASuccessFollows() {
        Tx.run(database, tx -> assertTrue(states.recorded(tx, "erp", T0, List.of(Result.failed("a"),
                Result.failed("b"), Result.failed("c"), Result.SUCCEEDED), 3).isPresent()));
        WebhookState off = states.get("erp");
        assertFalse(off.active());
        assertEquals("3 consecutive failures; the last: c", off.deactivationReason());
        assertEquals(0, off.consecutiveFailures());
    }

    @Test
    void nodesRecordingAtOnceLoseNoFailure() throws Exception {
        int perWriter = 40;
        try (var writers = Executors.newFixedThreadPool(3)) {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                running.add(writers.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        Tx.run(database, tx -> states.recorded(tx, "erp", T0,
                                List.of(Result.failed("HTTP 500"), Result.failed("HTTP 500")), 1_000));
                    }
                    return null;
                }));
            }
            for (Future<?> one : running) {
                one.get(60, TimeUnit.SECONDS);
            }
        }
        assertEquals(3 * perWriter * 2, states.get("erp").consecutiveFailures());
    }

    @Test
    void anUnknownWebhookIsActiveWithNoFailures() {
        assertEquals(WebhookState.fresh("erp"), states.get("erp"));
    }

    @Test
    void theThresholdOfFailuresInARowDeactivatesWithTheReason() {
        for (int i = 1; i < 3; i++) {
            WebhookState state = states.failed("erp", T0.plusSeconds(i), "HTTP 500 from https://erp.example.com/x", 3);
            assertTrue(state.active());
            assertEquals(i, state.consecutiveFailures());
        }
        WebhookState off = states.failed("erp", T0.plusSeconds(3), "no response within the timeout of 5000 ms "
                + "from https://erp.example.com/x", 3);
        assertFalse(off.active());
        assertEquals(T0.plusSeconds(3), off.deactivatedAt());
        assertEquals("3 consecutive failures; the last: no response within the timeout of 5000 ms from "
                + "https://erp.example.com/x", off.deactivationReason());
        assertEquals(off.deactivationReason(), states.failed("erp", T0.plusSeconds(4), "HTTP 500", 3)
                .deactivationReason(), "a later failure keeps the first reason");
    }

    @Test
    void aSuccessStartsTheCountAgain() {
        states.failed("erp", T0, "HTTP 500", 3);
        states.failed("erp", T0, "HTTP 500", 3);
        states.succeeded("erp", T0.plusSeconds(1));
        assertEquals(0, states.get("erp").consecutiveFailures());
        assertTrue(states.failed("erp", T0.plusSeconds(2), "HTTP 500", 3).active());
    }

    @Test
    void operatorsDeactivateAndReactivateAndItSurvivesARestart() {
        states.deactivate("sharepoint", T0, "deactivated by anna: SharePoint migration");
        Database again = Backend.open(url);
        WebhookStateStore reopened = new JooqWebhookStateStore(again);
        WebhookState off = reopened.get("sharepoint");
        assertFalse(off.active());
        assertEquals("deactivated by anna: SharePoint migration", off.deactivationReason());
        assertEquals(1, reopened.all().size());

        WebhookState on = reopened.activate("sharepoint", T0.plusSeconds(60));
        assertTrue(on.active());
        assertNull(on.deactivationReason());
        assertEquals(0, on.consecutiveFailures());
        again.close();
    }

    @Test
    void everyDeactivationAndActivationIsOnTheWebhooksTrailWithWhoAndWhy() {
        states.deactivate("erp", T0, "ERP migration", "anna");
        states.activate("erp", T0.plusSeconds(60), "ben");
        states.failed("erp", T0.plusSeconds(120), "HTTP 500", 1);
        states.deactivate("erp", T0.plusSeconds(180), "HTTP 410 Gone");
        states.activate("other", T0, "anna");

        assertEquals(List.of(
                new StateChange("erp", T0.plusSeconds(180), false, null, "HTTP 410 Gone"),
                new StateChange("erp", T0.plusSeconds(120), false, null, "1 consecutive failures; the last: HTTP 500"),
                new StateChange("erp", T0.plusSeconds(60), true, "ben", null),
                new StateChange("erp", T0, false, "anna", "ERP migration")), states.trail("erp", 10));
        assertEquals(2, states.trail("erp", 2).size());
        assertEquals(List.of(), states.trail("nobody", 10));
    }
}
