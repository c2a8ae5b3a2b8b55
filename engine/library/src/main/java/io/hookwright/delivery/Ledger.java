package io.hookwright.delivery;

import io.hookwright.delivery.Settlement.HealthStep;
import io.hookwright.delivery.Settlement.QueueStep;
import io.hookwright.outbox.OutboxMessage;
import io.hookwright.outbox.OutboxStore;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import io.hookwright.runlog.RunIds;
import io.hookwright.runlog.RunLog;
import io.hookwright.state.Result;
import io.hookwright.state.WebhookState;
import io.hookwright.state.WebhookStateStore;
import io.hookwright.store.Database;
import io.hookwright.store.Notifications;
import io.hookwright.store.StoreTransaction;

import java.time.Clock;
import java.time.Duration;
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
    private final Runnable keysFreed;

    /**
     * @param deactivateAfter consecutive failures that deactivate a webhook
     */
    public Ledger(Database database, OutboxStore outbox, RunLog runs, WebhookStateStore states, Clock clock,
                  int deactivateAfter) {
        this(database, outbox, runs, states, clock, deactivateAfter, () -> { });
    }

    /**
     * @param keysFreed run once a batch that let a key's next message go has committed (an ordered message was
     *                  delivered, given up or skipped), before {@link #write} returns: the claimer looks at once
     */
    public Ledger(Database database, OutboxStore outbox, RunLog runs, WebhookStateStore states, Clock clock,
                  int deactivateAfter, Runnable keysFreed) {
        this.database = database;
        this.outbox = outbox;
        this.runs = runs;
        this.states = states;
        this.clock = clock;
        this.deactivateAfter = deactivateAfter;
        this.keysFreed = keysFreed;
    }

    /** Writes the batch; returns the webhooks it deactivated. */
    public List<WebhookState> write(List<Settlement> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        boolean[] freed = new boolean[1];
        List<WebhookState> deactivated = database.inTransaction(tx -> write(tx, batch, freed));
        if (freed[0]) {
            keysFreed.run();
        }
        return deactivated;
    }

    private List<WebhookState> write(StoreTransaction tx, List<Settlement> batch, boolean[] freed) {
        List<Run> logged = new ArrayList<>(batch.size());
        Map<String, List<String>> removals = new LinkedHashMap<>();
        boolean keysFreed = false;
        freed[0] = false;
        for (Settlement s : batch) {
            logged.add(s.run());
            switch (s.queue()) {
                case QueueStep.Remove r -> {
                    removals.computeIfAbsent(r.worker(), w -> new ArrayList<>()).add(r.messageId());
                    keysFreed |= r.order() != null;
                }
                case QueueStep.Retry r -> {
                    outbox.retryAt(tx, r.messageId(), r.worker(), r.attempts(), r.at());
                    if (r.order() != null) {
                        logged.addAll(held(tx, s.run(), r.order(), "whose attempt " + r.attempts() + " failed ("
                                + s.run().error() + "); it goes again first"));
                    }
                }
                case QueueStep.Block b -> {
                    outbox.block(tx, b.messageId(), b.worker(), b.attempts());
                    logged.addAll(held(tx, s.run(), b.order(), "which was given up (" + s.run().error() + "); the key "
                            + "waits until an operator redelivers or skips it"));
                }
                case QueueStep.Unblock u -> keysFreed |= outbox.unblock(tx, u.messageId());
                case QueueStep.NotQueued n -> {
                }
            }
        }
        if (keysFreed) {
            // The next message of each key is due now: every node looks, this one included (see Engine).
            database.notifications().announce(tx, Notifications.Channel.OUTBOX);
            freed[0] = true;
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

    /** Runs saying that the messages of {@code order}'s key behind {@code head}'s message wait for it. */
    private List<Run> held(StoreTransaction tx, Run head, Settlement.Order order, String why) {
        List<Run> held = new ArrayList<>();
        for (OutboxMessage m : outbox.holdBehind(tx, head.messageId(), order.webhook(), order.key(), order.seq())) {
            held.add(new Run(RunIds.next(clock), m.webhook(), m.revision(), m.eventId(), m.eventType(), m.messageId(),
                    m.mode(), m.attempts(), m.request(), m.signingSecrets(), null, Duration.ZERO, Outcome.HELD,
                    "held behind message " + head.messageId() + " of key " + order.key() + ", " + why, clock.instant(),
                    head.node()));
        }
        return held;
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
