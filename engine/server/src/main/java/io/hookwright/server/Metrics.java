package io.hookwright.server;

import io.hookwright.execution.EngineObserver;
import io.hookwright.outbox.OutboxStore;
import io.hookwright.runlog.Run;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's metrics in Prometheus form ({@code GET /metrics}): events received, webhooks matched, deliveries by
 * outcome and mode, delivery latency, the outbox's depth and oldest message's age, and writes the engine's store
 * refused after a host's commit (kept and written again, or for records, sent without one).
 */
public final class Metrics implements EngineObserver {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter events;
    private final Counter matches;
    /** The meters of each webhook's attempts, found once: looking a meter up in the registry cost more than using it. */
    private final Map<DeliveryKey, Counter> deliveries = new ConcurrentHashMap<>();
    private final Map<DeliveryKey, Timer> durations = new ConcurrentHashMap<>();
    /** Gauges keep their object only weakly: held here so they keep reading it. */
    private final OutboxStore outbox;

    public Metrics(OutboxStore outbox, Clock clock) {
        this.outbox = outbox;
        events = Counter.builder("hookwright.events.received").description("events published").register(registry);
        matches = Counter.builder("hookwright.webhooks.matched").description("webhooks fired by events").register(registry);
        Gauge.builder("hookwright.outbox.depth", outbox, o -> o.depth())
                .description("messages waiting in the outbox").register(registry);
        Gauge.builder("hookwright.outbox.oldest.age.seconds", outbox, o -> o.oldestCreatedAt()
                        .map(at -> Duration.between(at, clock.instant()).toMillis() / 1000.0).orElse(0.0))
                .description("age of the oldest message waiting in the outbox").register(registry);
    }

    @Override
    public void published(String eventType, int matched) {
        events.increment();
        matches.increment(matched);
    }

    @Override
    public void attempted(Run run) {
        deliveries.computeIfAbsent(new DeliveryKey(run.webhook(), run.outcome().word(), run.mode()), key ->
                // By webhook too: codes come from the definitions, never from event data, so their number stays bounded.
                Counter.builder("hookwright.deliveries").description("delivery attempts by webhook, outcome and mode")
                        .tag("webhook", key.webhook()).tag("outcome", key.outcome()).tag("mode", key.mode())
                        .register(registry)).increment();
        if (run.response() != null || run.error() != null) {
            durations.computeIfAbsent(new DeliveryKey(run.webhook(), null, run.mode()), key ->
                    Timer.builder("hookwright.delivery.duration").description("time from sending a request to its answer")
                            .publishPercentileHistogram().tag("webhook", key.webhook()).tag("mode", key.mode())
                            .register(registry)).record(run.duration());
        }
    }

    @Override
    public void afterCommitFailed(AfterCommitWrite write, int items) {
        Counter.builder("hookwright.after.commit.failures")
                .description("pieces of committed transactions' work the engine's store refused after the commit")
                .tag("write", write.word()).register(registry).increment(items);
    }

    /** The metrics in Prometheus' text format. */
    public String scrape() {
        return registry.scrape();
    }

    /** The tags of a delivery meter; {@code outcome} null for the durations, which are by webhook and mode. */
    private record DeliveryKey(String webhook, String outcome, String mode) {
    }
}
