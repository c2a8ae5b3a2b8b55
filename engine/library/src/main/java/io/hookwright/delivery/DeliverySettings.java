package io.hookwright.delivery;

import java.time.Duration;

/**
 * How async delivery runs. Built by name, every setting defaulted:
 * {@code DeliverySettings.builder().node("app-1").lease(Duration.ofSeconds(30)).build()}.
 *
 * @param node               this engine's name; its workers' claims carry it, so after a crash it takes its own
 *                           claims back at once
 * @param claimBatch         most messages claimed in one query
 * @param lease              how long this engine's claims hold without a heartbeat (a live engine renews its lease
 *                           every third of it, and sends nothing once a third is all it has left); when a node
 *                           dies, its messages wait this long before another node takes them
 * @param perHostConcurrency requests in flight to one host at a time
 * @param perHostQueue       messages waiting for one host beyond those in flight; when full, that host's messages
 *                           stay in the outbox and other hosts' are claimed
 * @param maxInFlight        messages claimed and not yet settled, over all hosts
 * @param pollInterval       how often the outbox is checked without being woken (work left by a crash, retries
 *                           coming due, another node's messages)
 */
public record DeliverySettings(String node, int claimBatch, Duration lease, int perHostConcurrency, int perHostQueue,
                               int maxInFlight, Duration pollInterval) {
    public static final int DEFAULT_CLAIM_BATCH = 200;
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    public static final int DEFAULT_PER_HOST_CONCURRENCY = 32;
    public static final int DEFAULT_PER_HOST_QUEUE = 480;
    public static final int DEFAULT_MAX_IN_FLIGHT = 4_000;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

    /** @throws IllegalArgumentException naming the setting that is out of range */
    public DeliverySettings {
        if (node == null || node.isBlank()) {
            throw new IllegalArgumentException("delivery setting node: a node name is needed");
        }
        if (node.contains(":")) {
            throw new IllegalArgumentException("delivery setting node: '" + node + "' must not contain ':'");
        }
        positive("claimBatch", claimBatch);
        positive("perHostConcurrency", perHostConcurrency);
        positive("maxInFlight", maxInFlight);
        if (perHostQueue < 0) {
            throw new IllegalArgumentException("delivery setting perHostQueue: cannot be negative, not " + perHostQueue);
        }
        if (lease == null || lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("delivery setting lease: must be at least 1s, not " + lease);
        }
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("delivery setting pollInterval: must be above 0, not " + pollInterval);
        }
    }

    /** Every setting at its default; the node is this machine's name. */
    public static DeliverySettings defaults() {
        return builder().build();
    }

    /** A builder with every setting at its default. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        return new Builder().node(node).claimBatch(claimBatch).lease(lease).perHostConcurrency(perHostConcurrency)
                .perHostQueue(perHostQueue).maxInFlight(maxInFlight).pollInterval(pollInterval);
    }

    private static String defaultNode() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName().replace(':', '_');
        } catch (java.net.UnknownHostException e) {
            return "local";
        }
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("delivery setting " + name + ": must be above 0, not " + value);
        }
    }

    /** Builds {@link DeliverySettings}; {@link #build()} checks them. */
    public static final class Builder {
        private String node;
        private int claimBatch = DEFAULT_CLAIM_BATCH;
        private Duration lease = DEFAULT_LEASE;
        private int perHostConcurrency = DEFAULT_PER_HOST_CONCURRENCY;
        private int perHostQueue = DEFAULT_PER_HOST_QUEUE;
        private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;

        private Builder() {
        }

        /** This engine's name, one per process (default: the machine's name). */
        public Builder node(String value) {
            this.node = value;
            return this;
        }

        public Builder claimBatch(int value) {
            this.claimBatch = value;
            return this;
        }

        public Builder lease(Duration value) {
            this.lease = value;
            return this;
        }

        public Builder perHostConcurrency(int value) {
            this.perHostConcurrency = value;
            return this;
        }

        public Builder perHostQueue(int value) {
            this.perHostQueue = value;
            return this;
        }

        public Builder maxInFlight(int value) {
            this.maxInFlight = value;
            return this;
        }

        public Builder pollInterval(Duration value) {
            this.pollInterval = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the setting that is out of range */
        public DeliverySettings build() {
            return new DeliverySettings(node != null ? node : defaultNode(), claimBatch, lease, perHostConcurrency,
                    perHostQueue, maxInFlight, pollInterval);
        }
    }
}
