package io.hookwright.delivery;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * One lane per target host: at most {@code concurrency} requests in flight to a host, the rest waiting in its lane.
 * A host whose lane is full is passed over when claiming, so a dead endpoint fills its own lane and nothing else.
 * A lane lasts while it holds messages: hosts come from rendered URLs, which event data can vary without end.
 */
final class HostLanes {
    private final int concurrency;
    private final int capacity;
    private final Runnable onRoom;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private volatile boolean stopping;

    private static final class Lane {
        final Semaphore sending;
        final AtomicInteger held = new AtomicInteger();

        Lane(int concurrency) {
            sending = new Semaphore(concurrency);
        }
    }

    /**
     * @param onRoom run when a full lane gets room again, so its host's waiting messages are claimed
     */
    HostLanes(int concurrency, int queue, Runnable onRoom) {
        this.concurrency = concurrency;
        this.capacity = concurrency + queue;
        this.onRoom = onRoom;
    }

    /** Runs {@code task} on a virtual thread once the host has a free slot. */
    void submit(String host, Runnable task) {
        Lane lane = lanes.compute(host, (h, existing) -> {
            Lane held = existing == null ? new Lane(concurrency) : existing;
            held.held.incrementAndGet();
            return held;
        });
        total.incrementAndGet();
        Thread.ofVirtual().name("hookwright-send-" + host).start(() -> {
            boolean acquired = false;
            try {
                lane.sending.acquire();
                acquired = true;
                if (!stopping) {
                    task.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (acquired) {
                    lane.sending.release();
                }
                // Counted out last, so that nothing held means every lane is gone and every wake-up has run.
                try {
                    if (leave(host) == capacity) {
                        onRoom.run();
                    }
                } finally {
                    total.decrementAndGet();
                }
            }
        });
    }

    /** Takes one message out of its lane, dropping the lane once empty; how many the lane held before. */
    private int leave(String host) {
        int[] before = new int[1];
        lanes.computeIfPresent(host, (h, held) -> {
            before[0] = held.held.getAndDecrement();
            return before[0] == 1 ? null : held;
        });
        return before[0];
    }

    /** Hosts with a lane now. */
    int lanes() {
        return lanes.size();
    }

    /**
     * Lets the requests in flight finish but starts no more: messages still waiting in a lane are not sent from here
     * (the dispatcher releases them for any node).
     */
    void stop() {
        stopping = true;
    }

    /** Hosts whose lane is full. */
    Set<String> full() {
        return lanes.entrySet().stream().filter(e -> e.getValue().held.get() >= capacity)
                .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
    }

    /** Messages held over all lanes, sending or waiting. */
    int held() {
        return total.get();
    }
}
