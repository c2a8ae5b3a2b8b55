package io.hookwright.runlog;

import io.hookwright.render.RenderedRequest;
import io.hookwright.testdb.OnEachBackend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run log on a real SQLite file and a real PostgreSQL. */
class RunLogTest extends OnEachBackend {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private RunLog log;

    @BeforeEach
    void open() {
        log = new JooqRunLog(database);
    }

    private static Run run(String webhook, Outcome outcome, Instant at, Integer status) {
        RenderedRequest request = new RenderedRequest("POST", "https://erp.example.com/x",
                List.of(new RenderedRequest.Header("Authorization", "Bearer hwsecret-ERP_TOKEN-hwsecret"),
                        new RenderedRequest.Header("X-Tag", "a"), new RenderedRequest.Header("X-Tag", "b")),
                "{\"a\":1}");
        Response response = status == null ? null : new Response(status, Map.of("Content-Type", "text/plain"), "ok");
        return new Run(RunIds.next(Clock.fixed(at, ZoneOffset.UTC)), webhook, "rev1", "evt-1", "Project:Updated",
                "msg_1", "async-after-commit", 1, request, List.of("ERP_SIGNING"), response, Duration.ofMillis(42), outcome,
                status == null ? "connection refused" : null, at, "node-a");
    }

    @Test
    void aRunReadsBackAsWritten() {
        Run ok = run("erp", Outcome.SUCCEEDED, T0, 200);
        Run refused = run("erp", Outcome.PENDING_RETRY, T0.plusSeconds(1), null);
        log.record(List.of(ok, refused));
        assertEquals(Optional.of(ok), log.find(ok.id()));
        assertEquals(Optional.of(refused), log.find(refused.id()));
    }

    @Test
    void listsNewestFirstFilteredByWebhookOutcomeAndTime() {
        Run a = run("erp", Outcome.SUCCEEDED, T0, 200);
        Run b = run("erp", Outcome.GAVE_UP, T0.plusSeconds(1), 500);
        Run c = run("sharepoint", Outcome.FAILED, T0.plusSeconds(2), 503);
        log.record(List.of(a, b, c));
        assertEquals(List.of(c, b, a), log.list(RunQuery.latest(10)));
        assertEquals(List.of(c, b), log.list(RunQuery.latest(2)));
        assertEquals(List.of(b, a), log.list(new RunQuery("erp", Set.of(), null, 10)));
        assertEquals(List.of(c, b), log.list(new RunQuery(null, Set.of(Outcome.FAILED, Outcome.GAVE_UP), null, 10)));
        assertEquals(List.of(c, b), log.list(new RunQuery(null, Set.of(), T0.plusSeconds(1), 10)));
    }

    @Test
    void deletingOldRunsGoesBatchByBatchAndKeepsAMessageWhoseLatestRunIsNewer() {
        List<Run> old = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            old.add(withMessage(run("erp", Outcome.SUCCEEDED, T0.plusSeconds(i), 200), "msg_old_" + i));
        }
        Run firstOfKept = withMessage(run("erp", Outcome.FAILED, T0, 500), "msg_kept");
        Run latestOfKept = withMessage(run("erp", Outcome.SUCCEEDED, T0.plus(Duration.ofDays(31)), 200), "msg_kept");
        log.record(old);
        log.record(List.of(firstOfKept, latestOfKept));

        assertEquals(5, log.deleteOlderThan(T0.plus(Duration.ofDays(30)), 2), "three batches of at most two");
        old.forEach(r -> assertEquals(Optional.empty(), log.find(r.id())));
        assertEquals(List.of(firstOfKept, latestOfKept), log.ofMessage("msg_kept"));
        assertEquals(0, log.deleteOlderThan(T0.plus(Duration.ofDays(30)), 2));
    }

    private static Run withMessage(Run r, String messageId) {
        return new Run(r.id(), r.webhook(), r.revision(), r.eventId(), r.eventType(), messageId, r.mode(), r.attempt(),
                r.request(), r.signingSecrets(), r.response(), r.duration(), r.outcome(), r.error(), r.createdAt(),
                r.node());
    }

    @Test
    void runIdsSortByTime() {
        String earlier = RunIds.next(Clock.fixed(T0, ZoneOffset.UTC));
        String later = RunIds.next(Clock.fixed(T0.plusMillis(1), ZoneOffset.UTC));
        assertTrue(earlier.compareTo(later) < 0, earlier + " < " + later);
        assertTrue(earlier.matches("run_[0-9a-z]{26}"), earlier);
    }
}
