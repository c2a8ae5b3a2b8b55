package io.hookwright.delivery;

import java.time.Duration;

/**
 * How async delivery runs.
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
    public DeliverySettings {
        if (node == null || node.isBlank() || node.contains(":")) {
            throw new IllegalArgumentException("a node name is needed, without ':'");
        }
        positive("claimBatch", claimBatch);
        positive("perHostConcurrency", perHostConcurrency);
        positive("maxInFlight", maxInFlight);
        if (perHostQueue < 0) {
            throw new IllegalArgumentException("perHostQueue cannot be negative");
        }
        if (lease.compareTo(Duration.ofSeconds(1)) < 0 || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("lease must be at least 1s and pollInterval above 0");
        }
    }

    public static DeliverySettings defaults() {
        return new DeliverySettings(defaultNode(), 200, Duration.ofSeconds(30), 32, 480, 4_000, Duration.ofSeconds(1));
    }

    public DeliverySettings withNode(String name) {
        return new DeliverySettings(name, claimBatch, lease, perHostConcurrency, perHostQueue, maxInFlight, pollInterval);
    }

    public DeliverySettings withLease(Duration value) {
        return new DeliverySettings(node, claimBatch, value, perHostConcurrency, perHostQueue, maxInFlight, pollInterval);
    }

    public DeliverySettings withPerHost(int concurrency, int queue) {
        return new DeliverySettings(node, claimBatch, lease, concurrency, queue, maxInFlight, pollInterval);
    }

    public DeliverySettings withPollInterval(Duration value) {
        return new DeliverySettings(node, claimBatch, lease, perHostConcurrency, perHostQueue, maxInFlight, value);
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
            throw new IllegalArgumentException(name + " must be above 0");
        }
    }
}
