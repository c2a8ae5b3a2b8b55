package io.hookwright.delivery;

import io.hookwright.testwait.Await;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Lanes per target host: bounded per host, and gone once empty, however many hosts event data names. */
class HostLanesTest {
    @Test
    void aLaneIsDroppedOnceItsMessagesAreDoneSoDistinctHostsLeaveNothingBehind() throws InterruptedException {
        HostLanes lanes = new HostLanes(2, 2, () -> { });
        CountDownLatch done = new CountDownLatch(5_000);
        for (int i = 0; i < 5_000; i++) {
            lanes.submit("h" + i + ".example.com", done::countDown);
        }
        assertTrue(done.await(30, TimeUnit.SECONDS));
        waitUntil(() -> lanes.held() == 0);
        assertEquals(0, lanes.lanes());
    }

    @Test
    void aFullLaneIsReportedAndTellsWhenItHasRoomAgain() throws InterruptedException {
        AtomicInteger rooms = new AtomicInteger();
        HostLanes lanes = new HostLanes(1, 1, rooms::incrementAndGet);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger sent = new AtomicInteger();
        Runnable blocked = () -> {
            try {
                release.await();
                sent.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        lanes.submit("slow.example.com", blocked);
        lanes.submit("slow.example.com", blocked);
        assertEquals(Set.of("slow.example.com"), lanes.full());
        release.countDown();
        waitUntil(() -> lanes.held() == 0);
        assertEquals(2, sent.get());
        assertEquals(1, rooms.get());
        assertEquals(Set.of(), lanes.full());
        assertEquals(0, lanes.lanes());
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        Await.until(java.time.Duration.ofSeconds(30), condition, "the lanes did not get there");
    }
}
