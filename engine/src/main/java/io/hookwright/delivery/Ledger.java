package io.hookwright.delivery;

import io.hookwright.delivery.Settlement.HealthStep;
import io.hookwright.delivery.Settlement.QueueStep;
import io.hookwright.outbox.OutboxStore;
import io.hookwright.runlog.Run;
import io.hookwright.runlog.RunLog;
import io.hookwright.state.WebhookState;
import io.hookwright.state.WebhookStateStore;
import io.hookwright.store.Database;
import org.jooq.DSLContext;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
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
        return database.dsl().transactionResult(tx -> write(tx.dsl(), batch));
    }

    private List<WebhookState> write(DSLContext tx, List<Settlement> batch) {
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

    private List<WebhookState> applyHealth(DSLContext tx, List<Settlement> batch) {
        List<WebhookState> deactivated = new ArrayList<>();
        // Successes in a row need one reset, not one per delivery.
        Map<String, Boolean> lastWasSuccess = new HashMap<>();
        var now = clock.instant();
        for (Settlement s : batch) {
            switch (s.health()) {
                case HealthStep.Succeeded ok -> {
                    if (lastWasSuccess.put(ok.webhook(), true) != Boolean.TRUE) {
                        states.succeeded(tx, ok.webhook(), now);
                    }
                }
                case HealthStep.Failed failed -> {
                    lastWasSuccess.put(failed.webhook(), false);
                    WebhookState before = states.get(tx, failed.webhook());
                    WebhookState after = states.failed(tx, failed.webhook(), now, failed.failure(), deactivateAfter);
                    if (before.active() && !after.active()) {
                        deactivated.add(after);
                    }
                }
                case HealthStep.Gone gone -> {
                    lastWasSuccess.put(gone.webhook(), false);
                    WebhookState before = states.get(tx, gone.webhook());
                    if (before.active()) {
                        deactivated.add(states.deactivate(tx, gone.webhook(), now, gone.reason()));
                    }
                }
                case HealthStep.Unchanged u -> {
                }
            }
        }
        return deactivated;
    }
}
