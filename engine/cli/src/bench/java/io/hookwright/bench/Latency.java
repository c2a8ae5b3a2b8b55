package io.hookwright.bench;

import java.util.Arrays;

/** A distribution of durations, as its median and 99th percentile in milliseconds. */
record Latency(double p50, double p99) {
    static Latency of(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latency(sorted[(int) (0.50 * (sorted.length - 1))] / 1e6,
                sorted[(int) (0.99 * (sorted.length - 1))] / 1e6);
    }
}
