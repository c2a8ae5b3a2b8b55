package io.hookwright.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * URLs the {@link TargetPolicy} passed a moment ago, with the addresses it checked, so a busy webhook's requests are
 * not parsed, normalised, looked up and checked again one by one. An entry is kept briefly: the connection still goes
 * to the addresses that were checked ({@link PinnedAddresses}), so a name rebound meanwhile cannot move it; only the
 * rebinding itself is noticed up to that much later. Refusals are not kept. URLs come from event data, so the number
 * kept is bounded: when full, it starts again empty.
 */
final class RecentlyVetted {
    private record Kept(TargetPolicy.Vetted vetted, long until) {
    }

    private final long keepNanos;
    private final LongSupplier nanos;
    private final int most;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    /**
     * @param nanos a monotonic clock in nanoseconds ({@link System#nanoTime} but in tests)
     */
    RecentlyVetted(Duration keep, LongSupplier nanos, int most) {
        this.keepNanos = keep.toNanos();
        this.nanos = nanos;
        this.most = most;
    }

    /** The verdict on {@code url} if one is kept and still fresh, else null. */
    TargetPolicy.Vetted get(String url) {
        Kept k = kept.get(url);
        return k != null && nanos.getAsLong() - k.until() < 0 ? k.vetted() : null;
    }

    void put(String url, TargetPolicy.Vetted vetted) {
        if (kept.size() >= most) {
            kept.clear();
        }
        kept.put(url, new Kept(vetted, nanos.getAsLong() + keepNanos));
    }
}
