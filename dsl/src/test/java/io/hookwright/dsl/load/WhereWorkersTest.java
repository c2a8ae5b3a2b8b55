package io.hookwright.dsl.load;

import io.hookwright.dsl.model.EventPredicate;
import io.hookwright.dsl.model.EventPredicate.PredicateFailure;
import io.hookwright.testwait.Await;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.hookwright.dsl.load.Definitions.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where closures run on a fixed set of workers: a closure past its limit really stops and gives its worker back,
 * and when every worker is taken an evaluation is refused at once instead of piling up threads.
 */
@Tag("slow")
class WhereWorkersTest {
    private static final Duration LIMIT = Duration.ofMillis(300);
    /** Generous, for a loaded machine: how soon after its limit a closure's work must have ended. */
    private static final Duration STOPPED_WITHIN = Duration.ofSeconds(5);

    @TempDir
    static Path dir;
    private static int folders;

    private static EventPredicate where(String closure, Duration limit) {
        LoadResult result = new Definitions(dir.resolve("f" + folders++)).file("hook.groovy", """
                webhook('hook') {
                    on 'Project:Updated'
                    filter { where %s }
                    request { post 'https://example.com' }
                }
                """.formatted(closure)).load(new DefinitionLoader(limit, Duration.ofSeconds(30)));
        assertTrue(result.valid(), () -> Definitions.format(result.errors()));
        return Definitions.wheres(result.ruleSet().webhooks().get(0)).get(0);
    }

    private static final Map<String, Object> EVENT = event(Map.of("Budget", 20), Map.of("Budget", 10));

    @BeforeAll
    static void warmUp() {
        where("{ e -> e.attributes.Budget > 1 }", LIMIT).test(EVENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{ e -> while (true) { }; true }",
            "{ e -> ('a' * 40 + '!') ==~ /((a+)+)\\2b/ }",
            "{ e -> ['a' * 40 + '!'].grep(~/((a+)+)\\2b/).size() > 0 }",
            "{ e -> switch ('a' * 40 + '!') { case ~/((a+)+)\\2b/: return true; default: return false } }",
            "{ e -> def n = 0; (1..1_000_000_000).each { n++ }; n > 0 }",
            "{ e -> def l = []; while (true) { l = l + ['x'] }; true }",
            "{ e -> def s = ''; while (true) { s = s + 'x' }; true }",
    })
    void aClosurePastItsLimitStopsAndGivesItsWorkerBack(String closure) {
        EventPredicate runaway = where(closure, LIMIT);
        EventPredicate good = where("{ e -> e.attributes.Budget > e.before.Budget }", LIMIT);
        // more runs than there are workers: each run's work must end, or the workers would all be taken
        for (int i = 0; i < 2 * WhereWorkers.SIZE; i++) {
            assertThrows(PredicateFailure.class, () -> runaway.test(EVENT));
        }
        SandboxThreads.assertNoneBusy(STOPPED_WITHIN);
        awaitNoWorkerBusy();
        assertTrue(good.test(EVENT), "the pool still serves");
        long cpu = SandboxThreads.whereWorkersCpu();
        SandboxThreads.sleep(500);
        long used = SandboxThreads.whereWorkersCpu() - cpu;
        assertTrue(used < Duration.ofMillis(100).toNanos(), "the workers kept using CPU: " + used / 1_000_000 + " ms");
        assertTrue(whereThreads() <= WhereWorkers.SIZE, "threads: " + whereThreads());
    }

    @Test
    void whenEveryWorkerIsBusyAnEvaluationIsRefusedAtOnceAndTheWorkersServeAgainAfterwards() throws Exception {
        Duration long_ = Duration.ofSeconds(4);
        EventPredicate spinning = where("{ e -> while (true) { }; true }", long_);
        EventPredicate good = where("{ e -> e.attributes.Budget > 1 }", long_);
        assertTrue(good.test(EVENT));
        ExecutorService callers = Executors.newFixedThreadPool(WhereWorkers.SIZE + 2);
        try {
            List<Future<PredicateFailure>> running = new ArrayList<>();
            for (int i = 0; i < WhereWorkers.SIZE; i++) {
                running.add(callers.submit(() -> assertThrows(PredicateFailure.class, () -> spinning.test(EVENT))));
            }
            Await.until(STOPPED_WITHIN, () -> WhereWorkers.SHARED.busy() >= WhereWorkers.SIZE,
                    () -> "every worker busy; busy: " + WhereWorkers.SHARED.busy());
            assertEquals(WhereWorkers.SIZE, WhereWorkers.SHARED.busy());

            long started = System.nanoTime();
            PredicateFailure refused = assertThrows(PredicateFailure.class, () -> good.test(EVENT));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertEquals("where { } at hook.groovy:3:14 not run: every where worker is busy (" + WhereWorkers.SIZE
                    + " running)", refused.getMessage());
            assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "refused only after " + took);
            assertTrue(whereThreads() <= WhereWorkers.SIZE, "threads: " + whereThreads());

            for (Future<PredicateFailure> run : running) {
                assertTrue(run.get().getMessage().contains("ran longer than its 4 s limit"), run.get().getMessage());
            }
        } finally {
            callers.shutdownNow();
        }
        SandboxThreads.assertNoneBusy(STOPPED_WITHIN);
        awaitNoWorkerBusy();
        assertTrue(good.test(EVENT));
    }

    @Test
    void aClosureThatKeepsAllocatingIsStoppedByItsMemoryBudgetBeforeItsTime() {
        EventPredicate growing = where("{ e -> def l = []; while (true) { l = l + ['x' * 1000] }; true }",
                Duration.ofSeconds(20));
        long started = System.nanoTime();
        PredicateFailure failure = assertThrows(PredicateFailure.class, () -> growing.test(EVENT));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(failure.getMessage().endsWith("failed: it allocated more than 128 MiB and was stopped"),
                failure.getMessage());
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "stopped after " + took);
        SandboxThreads.assertNoneBusy(STOPPED_WITHIN);
    }

    @Test
    void thePoolHasEightWorkers() {
        assertEquals(8, WhereWorkers.SIZE);
    }

    private static void awaitNoWorkerBusy() {
        Await.until(STOPPED_WITHIN, () -> WhereWorkers.SHARED.busy() == 0,
                () -> "no worker taken; taken: " + WhereWorkers.SHARED.busy());
    }

    private static long whereThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("hookwright-where-") && t.isAlive()).count();
    }
}
