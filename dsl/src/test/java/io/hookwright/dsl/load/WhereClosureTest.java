package io.hookwright.dsl.load;

import io.hookwright.dsl.model.Criterion;
import io.hookwright.dsl.model.EventPredicate;
import io.hookwright.dsl.model.EventPredicate.PredicateFailure;
import io.hookwright.dsl.model.WebhookDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import static io.hookwright.dsl.load.Definitions.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A {@code where} closure runs with a time limit, fails with a message that says why, and never breaks the next one. */
class WhereClosureTest {
    private static final Duration LIMIT = Duration.ofMillis(500);
    /** Slack for a loaded machine: the limit must cut in at about its time, not to the millisecond. */
    private static final Duration SLACK = Duration.ofSeconds(3);
    private static final DefinitionLoader LOADER = new DefinitionLoader(LIMIT, Duration.ofSeconds(30));

    @TempDir
    static Path dir;

    private static int folders;

    private static List<EventPredicate> wheres(String criteria) {
        LoadResult result = new Definitions(dir.resolve("f" + folders++)).file("hook.groovy", """
                webhook('hook') {
                    on 'Project:Updated'
                    filter {
                %s
                    }
                    request { post 'https://example.com' }
                }
                """.formatted(criteria)).load(LOADER);
        assertTrue(result.valid(), () -> Definitions.format(result.errors()));
        WebhookDefinition webhook = result.ruleSet().webhooks().get(0);
        return Definitions.wheres(webhook);
    }

    private static EventPredicate where(String closure) {
        return wheres("        where " + closure).get(0);
    }

    /** Runs the code paths a where closure takes once, so that a first-time cost is not measured against the limit. */
    @BeforeAll
    static void warmUp() {
        EventPredicate warm = new Definitions(dir.resolve("warm")).file("w.groovy", """
                webhook('w') {
                    on 'A:B'
                    filter { where { e -> e.attributes.Budget > 1 && e.changes.any { it.field == 'x' } } }
                    request { post 'https://x' }
                }
                """).only().filter().stream().map(c -> ((Criterion.Where) c).predicate()).findFirst().orElseThrow();
        warm.test(event(Map.of("Budget", 2), Map.of("Budget", 1)));
    }

    @Test
    void aClosureThatLoopsOnItsFirstCallIsStoppedAfterTheFirstCallAllowance() {
        EventPredicate spinning = where("{ e -> while (true) { } }");
        long started = System.nanoTime();
        PredicateFailure failure = assertThrows(PredicateFailure.class, () -> spinning.test(event(Map.of(), null)));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(failure.getMessage().endsWith("ran longer than its 2 s limit and was stopped"), failure.getMessage());
        assertTrue(took.compareTo(SandboxedPredicate.FIRST_CALL_ALLOWANCE.plus(SLACK)) < 0, "failed after " + took);
    }

    @Test
    void theDefaultLimitIsAHundredMilliseconds() {
        assertEquals(Duration.ofMillis(100), DefinitionLoader.DEFAULT_WHERE_LIMIT);
    }

    @Test
    void aClosurePastItsLimitFailsClearlyAndTheNextEvaluationWorks() {
        List<EventPredicate> both = wheres("""
                        where { e -> if (e.attributes.Spin) { while (true) { } }; e.attributes.Budget > 10 }
                        where { e -> e.attributes.Budget > 10 }
                """);
        EventPredicate spinning = both.get(0);
        EventPredicate good = both.get(1);
        Map<String, Object> spin = event(Map.of("Spin", true, "Budget", 20), null);
        // a first call may take up to the first-call allowance; the limit applies from the second on
        assertTrue(spinning.test(event(Map.of("Spin", false, "Budget", 20), null)));

        long started = System.nanoTime();
        PredicateFailure failure = assertThrows(PredicateFailure.class, () -> spinning.test(spin));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals("where { } at hook.groovy:4:9 ran longer than its 500 ms limit and was stopped", failure.getMessage());
        assertTrue(took.compareTo(LIMIT) >= 0 && took.compareTo(LIMIT.plus(SLACK)) < 0, "failed after " + took);
        // the same closure and another one answer normally afterwards
        assertTrue(spinning.test(event(Map.of("Spin", false, "Budget", 20), null)));
        assertFalse(spinning.test(event(Map.of("Spin", false, "Budget", 5), null)));
        assertTrue(good.test(event(Map.of("Budget", 20), null)));
        assertFalse(good.test(event(Map.of("Budget", 5), null)));
    }

    @Test
    void manyTimeoutsInARowDoNotWearTheLoaderOut() {
        EventPredicate spinning = where("{ e -> while (true) { }; true }");
        EventPredicate good = where("{ e -> e.attributes.Budget > 10 }");
        for (int i = 0; i < 3; i++) {
            assertThrows(PredicateFailure.class, () -> spinning.test(event(Map.of(), null)));
            assertTrue(good.test(event(Map.of("Budget", 20), null)));
        }
    }

    @Test
    void anErrorInsideTheClosureIsAFailureWithItsReason() {
        EventPredicate where = where("{ e -> e.attributes.Budget.toInteger() > 10 }");
        PredicateFailure failure = assertThrows(PredicateFailure.class, () -> where.test(event(Map.of(), null)));
        assertTrue(failure.getMessage().startsWith("where { } at hook.groovy:4:9 failed: "), failure.getMessage());
        assertTrue(failure.getMessage().contains("toInteger() on null object"), failure.getMessage());
    }

    @Test
    void aRefusalAtRunTimeSaysWhatWasRefused() {
        EventPredicate where = where("{ e -> def name = 'class'; e.attributes.Name[name] != null }");
        PredicateFailure failure = assertThrows(PredicateFailure.class,
                () -> where.test(event(Map.of("Name", "Apollo"), null)));
        assertEquals("where { } at hook.groovy:4:9 failed: cannot read ['class'] of a text: use [] on maps with a key, "
                + "and on lists and text with a position", failure.getMessage());
    }

    @Test
    void endlessRecursionFailsFastWithItsReason() {
        EventPredicate where = where("{ e -> def f; f = { n -> f(n + 1) }; f(0) }");
        PredicateFailure failure = assertThrows(PredicateFailure.class, () -> where.test(event(Map.of(), null)));
        assertTrue(failure.getMessage().contains("recursion without end"), failure.getMessage());
    }

    @Test
    void aClosureMayUseTheFilesLocalValues() {
        LoadResult result = new Definitions(dir.resolve("locals")).file("hook.groovy", """
                def threshold = 10
                def watched = ['Status', 'Stage']
                webhook('hook') {
                    on 'Project:Updated'
                    filter { where { e -> e.attributes.Budget > threshold && e.changes.any { it.field in watched } } }
                    request { post 'https://example.com' }
                }
                """).load(LOADER);
        EventPredicate where = Definitions.wheres(result.ruleSet().webhooks().get(0)).get(0);
        assertTrue(where.test(event(Map.of("Budget", 20, "Stage", "B"), Map.of("Budget", 20, "Stage", "A"))));
        assertFalse(where.test(event(Map.of("Budget", 20, "Name", "B"), Map.of("Budget", 20, "Name", "A"))));
    }

    @Test
    void theEventIsOnlyRead() {
        Map<String, Object> event = event(Map.of("Tags", new ArrayList<>(List.of("b", "a")),
                "Owner", new HashMap<>(Map.of("Name", "Anna"))), null);
        EventPredicate where = where("{ e -> e.attributes.Tags.sort() == ['a', 'b'] && e.attributes.Tags.unique(true)"
                + " && e.attributes.Owner.sort { it.key } }");
        assertTrue(where.test(event));
        assertEquals(List.of("b", "a"), ((Map<?, ?>) event.get("attributes")).get("Tags"));
        EventPredicate replacing = where("{ e -> e.attributes.Owner.replace('Name', 'Eve') }");
        assertThrows(PredicateFailure.class, () -> replacing.test(event));
        assertEquals(Map.of("Name", "Anna"), ((Map<?, ?>) event.get("attributes")).get("Owner"));
    }

    @Test
    void closuresRunConcurrentlyWithoutSharingAnswers() throws Exception {
        EventPredicate where = where("{ e -> e.attributes.Budget > 10 }");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int budget = i;
                answers.add(pool.submit(() -> where.test(event(Map.of("Budget", budget), null))));
            }
            for (int i = 0; i < 40; i++) {
                assertEquals(i > 10, answers.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCatastrophicRegularExpressionStopsAtItsBudgetOnItsOwnThread() throws Exception {
        // ((a+)+)\2b backtracks exponentially on a run of a's without b: unbounded, it would run for ages.
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread matching = Thread.ofPlatform().daemon().start(() -> {
            try (SandboxLimits.Scope ignored = SandboxLimits.until(System.nanoTime() + 200_000_000L)) {
                SandboxRuntime.match("a".repeat(40) + "!", "((a+)+)\\2b");
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        matching.join(SLACK.toMillis());
        assertFalse(matching.isAlive(), "the expression kept running after its budget");
        assertTrue(SandboxRegex.outOfTime(outcome.get()), String.valueOf(outcome.get()));
    }
}
