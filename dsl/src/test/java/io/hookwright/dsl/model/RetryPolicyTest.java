package io.hookwright.dsl.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The retry model refuses what the DSL never builds, and maps onto a schedule of waits before every attempt. */
class RetryPolicyTest {
    @Test
    void executionDefaultsUseTheEngineSchedule() {
        assertEquals(RetryPolicy.DEFAULT, ExecutionSpec.defaults().retry());
        assertThrows(NullPointerException.class,
                () -> new ExecutionSpec(false, TransactionMode.AFTER_COMMIT, ExecutionSpec.DEFAULT_TIMEOUT, null));
    }

    @Test
    void attemptsFromOneToTwenty() {
        assertEquals(1, ((RetryPolicy.Attempts) RetryPolicy.attempts(1)).max());
        assertEquals(20, ((RetryPolicy.Attempts) RetryPolicy.attempts(20)).max());
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.attempts(0));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.attempts(21));
    }

    @Test
    void upToTwentyWaitsFromZeroToADay() {
        RetryPolicy.waits(Collections.nCopies(20, Duration.ofHours(24)));
        RetryPolicy.waits(List.of(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.waits(Collections.nCopies(21, Duration.ZERO)));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.waits(List.of(Duration.ofSeconds(-1))));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.waits(List.of(Duration.ofHours(24).plusMillis(1))));
        assertThrows(NullPointerException.class, () -> RetryPolicy.waits(Collections.singletonList(null)));
    }

    @Test
    void waitsAreCopied() {
        List<Duration> waits = new ArrayList<>(List.of(Duration.ofSeconds(5)));
        RetryPolicy policy = RetryPolicy.waits(waits);
        waits.add(Duration.ofSeconds(6));
        assertEquals(List.of(Duration.ofSeconds(5)), policy.waits().orElseThrow());
    }

    @Test
    void delaysPutTheFirstAttemptAtOnce() {
        List<Duration> engine = List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5));
        assertEquals(engine, RetryPolicy.DEFAULT.delays(engine));
        assertEquals(engine.subList(0, 2), RetryPolicy.attempts(2).delays(engine));
        assertEquals(engine, RetryPolicy.attempts(20).delays(engine));
        assertEquals(List.of(Duration.ZERO), RetryPolicy.none().delays(engine));
        assertEquals(List.of(Duration.ZERO, Duration.ofMinutes(1), Duration.ZERO),
                RetryPolicy.waits(List.of(Duration.ofMinutes(1), Duration.ZERO)).delays(engine));
    }
}
