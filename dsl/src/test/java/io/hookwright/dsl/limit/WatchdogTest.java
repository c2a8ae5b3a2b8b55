package io.hookwright.dsl.limit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatchdogTest {
    private final Watchdog watchdog = new Watchdog(Duration.ofMillis(2));

    @Test
    void workPastItsTimeIsInterruptedAndTheInterruptIsTakenBackAtClose() {
        try (Watchdog.Guard guard = watchdog.watch(Duration.ofMillis(20), Long.MAX_VALUE)) {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
            assertEquals(Watchdog.Reason.TIME, guard.tripped());
        }
        assertFalse(Thread.currentThread().isInterrupted(), "the watchdog's interrupt outlived its guard");
    }

    @Test
    void workAllocatingPastItsBudgetIsInterrupted() {
        List<byte[]> kept = new ArrayList<>();
        try (Watchdog.Guard guard = watchdog.watch(Duration.ofMinutes(1), 16 << 20)) {
            while (!Thread.currentThread().isInterrupted() && kept.size() < 100_000) {
                kept.add(new byte[4096]);
            }
            assertEquals(Watchdog.Reason.MEMORY, guard.tripped());
            assertTrue(kept.size() < 100_000, "allocated " + kept.size() * 4096L + " bytes unstopped");
        }
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void workWithinItsLimitsIsLeftAlone() throws InterruptedException {
        try (Watchdog.Guard guard = watchdog.watch(Duration.ofSeconds(30), 64 << 20)) {
            Thread.sleep(20);
            assertNull(guard.tripped());
        }
    }
}
