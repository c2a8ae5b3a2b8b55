package io.hookwright.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryScheduleTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void theDefaultScheduleIsNowThenFiveSecondsUpToTenHours() {
        RetrySchedule exact = new RetrySchedule(RetrySchedule.DEFAULT.delays(), 0);
        List<Duration> waits = new java.util.ArrayList<>();
        for (int made = 0; made < exact.attempts(); made++) {
            waits.add(Duration.between(NOW, exact.next(made, NOW, Optional.empty(), new Random(1)).orElseThrow()));
        }
        assertEquals(List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10)), waits);
        assertEquals(Optional.empty(), exact.next(8, NOW, Optional.empty(), new Random(1)), "no ninth attempt");
    }

    @Test
    void jitterSpreadsEachWaitWithinItsBounds() {
        Random random = new Random(42);
        java.util.Set<Instant> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            Instant next = RetrySchedule.DEFAULT.next(2, NOW, Optional.empty(), random).orElseThrow();
            Duration wait = Duration.between(NOW, next);
            assertTrue(wait.compareTo(Duration.ofSeconds(270)) >= 0 && wait.compareTo(Duration.ofSeconds(330)) <= 0, wait::toString);
            seen.add(next);
        }
        assertTrue(seen.size() > 100, "jitter spreads the retries: " + seen.size() + " distinct times");
        assertEquals(Optional.of(NOW), RetrySchedule.DEFAULT.next(0, NOW, Optional.empty(), random), "the first attempt is now");
    }

    @Test
    void retryAfterIsHonouredWhenLongerAndCapped() {
        RetrySchedule exact = new RetrySchedule(RetrySchedule.DEFAULT.delays(), 0);
        assertEquals(Optional.of(NOW.plusSeconds(120)), exact.next(1, NOW, Optional.of(Duration.ofSeconds(120)), new Random()));
        assertEquals(Optional.of(NOW.plusSeconds(300)), exact.next(2, NOW, Optional.of(Duration.ofSeconds(1)), new Random()));
        assertEquals(Optional.of(NOW.plus(RetrySchedule.MAX_RETRY_AFTER)),
                exact.next(1, NOW, Optional.of(Duration.ofDays(30)), new Random()));
    }

    @Test
    void aBadScheduleIsRefusedWhenBuilt() {
        assertThrows(IllegalArgumentException.class, () -> new RetrySchedule(List.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> new RetrySchedule(List.of(Duration.ofSeconds(-1)), 0));
        assertThrows(IllegalArgumentException.class, () -> new RetrySchedule(List.of(Duration.ZERO), 1.5));
    }

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse("120", NOW));
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetryAfter.parse("Mon, 23 Nov 2026 10:01:30 GMT", NOW));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Mon, 23 Nov 2026 09:00:00 GMT", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", NOW));
        assertEquals(Optional.empty(), RetryAfter.parse(null, NOW));
    }
}
