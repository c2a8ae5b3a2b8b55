package io.hookwright.delivery;

import io.hookwright.delivery.Settlement.HealthStep;
import io.hookwright.delivery.Settlement.QueueStep;
import io.hookwright.outbox.OutboxStore;
import io.hookwright.runlog.Run;
import io.hookwright.runlog.RunLog;
import io.hookwright.state.Result;
import io.hookwright.state.WebhookState;
import io.hookwright.state.WebhookStateStore;
import io.hookwright.store.Database;
import io.hookwright.store.StoreTransaction;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Writes settlements: a batch of runs, outbox changes and health changes in one transaction, so a delivery is never
 * logged without its message being released, nor released without being logged.
 */
public final class Ledger {
    private static final Logger LOG = Logger.getLogger(Ledger.class.getName());
    private final Database database;
    private final OutboxStore outbox;
    private final RunLog runs;
    private final WebhookStateStore states;
    private final Clock clock;
    private final int deactivateAfter;

    /**
     * @param deactivateAfter consecutive failures that deactivate a webhook
     */
    public Ledger(Database database, OutboxStore outbox, RunLog runs, WebhookStateStore states, Clock clock,
                  int deactivateAfter) {
        this.database = database;
        this.outbox = outbox;
        this.runs = runs;
        this.states = states;
        this.clock = clock;
        this.deactivateAfter = deactivateAfter;
    }

    /** Writes the batch; returns the webhooks it deactivated. */
    public List<WebhookState> write(List<Settlement> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        return database.inTransaction(tx -> write(tx, batch));
    }

    private List<WebhookState> write(StoreTransaction tx, List<Settlement> batch) {
        List<Run> logged = new ArrayList<>(batch.size());
        Map<String, List<String>> removals = new LinkedHashMap<>();
        for (Settlement s : batch) {
            logged.add(s.run());
            switch (s.queue()) {
                case QueueStep.Remove r -> removals.computeIfAbsent(r.worker(), w -> new ArrayList<>()).add(r.messageId());
                case QueueStep.Retry r -> outbox.retryAt(tx, r.messageId(), r.worker(), r.attempts(), r.at());
                case QueueStep.NotQueued n -> {
                }
            }
        }
        removals.forEach((worker, ids) -> {
            int removed = outbox.remove(tx, ids, worker);
            if (removed < ids.size()) {
                LOG.warning((ids.size() - removed) + " message(s) were sent after this node's lease on them had ended "
                        + "and they were released to other nodes: they may reach their receiver twice (same webhook-id)");
            }
        });
        runs.record(tx, logged);
        return applyHealth(tx, batch);
    }

    private List<WebhookState> applyHealth(StoreTransaction tx, List<Settlement> batch) {
        // Each webhook's results together, in order: one write of its row per batch, not one per delivery.
        Map<String, List<Result>> results = new LinkedHashMap<>();
        List<HealthStep.Gone> gone = new ArrayList<>();
        for (Settlement s : batch) {
            switch (s.health()) {
                case HealthStep.Succeeded ok ->
                        results.computeIfAbsent(ok.webhook(), w -> new ArrayList<>()).add(Result.SUCCEEDED);
                case HealthStep.Failed failed -> results.computeIfAbsent(failed.webhook(), w -> new ArrayList<>())
                        .add(Result.failed(failed.failure()));
                case HealthStep.Gone g -> gone.add(g);
                case HealthStep.Unchanged u -> {
                }
            }
        }
        var now = clock.instant();
        List<WebhookState> deactivated = new ArrayList<>();
        results.forEach((webhook, ofWebhook) ->
                states.recorded(tx, webhook, now, ofWebhook, deactivateAfter).ifPresent(deactivated::add));
        for (HealthStep.Gone g : gone) {
            if (states.get(tx, g.webhook()).active()) {
                deactivated.add(states.deactivate(tx, g.webhook(), now, g.reason()));
            }
        }
        return deactivated;
    }
}
