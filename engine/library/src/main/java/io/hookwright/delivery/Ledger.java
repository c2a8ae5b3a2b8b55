package io.hookwright.delivery;

import io.hookwright.delivery.Settlement.HealthStep;
import io.hookwright.delivery.Settlement.QueueStep;
import io.hookwright.outbox.OutboxMessage;
import io.hookwright.operations.FailureWarnings;
import io.hookwright.operations.OperationalEvent;
import io.hookwright.operations.OperationalEvents;
import io.hookwright.operations.OperationalKind;
import io.hookwright.outbox.OutboxStore;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import io.hookwright.runlog.RunIds;
import io.hookwright.runlog.RunLog;
import io.hookwright.state.Result;
import io.hookwright.state.Tally;
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
 * logged without its message being released, nor released without being logged. What a batch does to a webhook's
 * health that operators hear of ({@link OperationalKind}) is published in the same transaction: its messages exist
 * exactly when the change does. Deliveries of those events raise none themselves, so they cannot feed back.
 */
public final class Ledger {
    private static final Logger LOG = Logger.getLogger(Ledger.class.getName());
    private final Database database;
    private final OutboxStore outbox;
    private final RunLog runs;
    private final WebhookStateStore states;
    private final Clock clock;
    private final int deactivateAfter;
    private final OperationalEvents operational;
    private final FailureWarnings warnings;
    private final Runnable wake;

    /**
     * @param deactivateAfter consecutive failures that deactivate a webhook
     */
    public Ledger(Database database, OutboxStore outbox, RunLog runs, WebhookStateStore states, Clock clock,
                  int deactivateAfter) {
        this(database, outbox, runs, states, clock, new FailureWarnings(deactivateAfter, List.of()),
                OperationalEvents.NONE, () -> { });
    }

    /**
     * @param warnings    the deactivation threshold, and the failures in a row before it that are told
     * @param operational publishes what operators hear of
     * @param wake        run once a batch that let a key's next message go (an ordered message was delivered, given
     *                    up or skipped) or queued operational events has committed, before {@link #write} returns:
     *                    the workers look at once
     */
    public Ledger(Database database, OutboxStore outbox, RunLog runs, WebhookStateStore states, Clock clock,
                  FailureWarnings warnings, OperationalEvents operational, Runnable wake) {
        this.database = database;
        this.outbox = outbox;
        this.runs = runs;
        this.states = states;
        this.clock = clock;
        this.deactivateAfter = warnings.threshold();
        this.warnings = warnings;
        this.operational = operational;
        this.wake = wake;
    }

    /** Writes the batch; returns the webhooks it deactivated. */
    public List<WebhookState> write(List<Settlement> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        boolean[] due = new boolean[1];
        List<WebhookState> deactivated = database.inTransaction(tx -> {
            List<OperationalEvent> told = new ArrayList<>();
            boolean[] freed = new boolean[1];
            List<WebhookState> off = write(tx, batch, freed, told);
            due[0] = operational.raise(tx, told) | freed[0];
            return off;
        });
        if (due[0]) {
            wake.run();
        }
        return deactivated;
    }

    private List<WebhookState> write(StoreTransaction tx, List<Settlement> batch, boolean[] freed,
                                     List<OperationalEvent> told) {
        List<Run> logged = new ArrayList<>(batch.size());
        Map<String, List<String>> removals = new LinkedHashMap<>();
        boolean keysFreed = false;
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
        for (Settlement s : batch) {
            if (s.run().outcome() == Outcome.GAVE_UP && tells(s)) {
                int attempts = s.run().attempt();
                told.add(event(OperationalKind.ATTEMPTS_EXHAUSTED, s, "gave up after " + attempts + " attempt"
                        + (attempts == 1 ? "" : "s") + "; the last: " + s.run().error(), attempts, s.run().error()));
            }
        }
        return applyHealth(tx, batch, told);
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

    /** Deliveries of operational events tell of nothing: a failing operator webhook must not feed on itself. */
    private static boolean tells(Settlement s) {
        return !OperationalKind.isOperational(s.run().eventType());
    }

    private static OperationalEvent event(OperationalKind kind, Settlement s, String reason, int failures,
                                          String lastError) {
        return event(kind, s, reason, failures, lastError, null, null);
    }

    private static OperationalEvent event(OperationalKind kind, Settlement s, String reason, int failures,
                                          String lastError, Integer percent, Integer threshold) {
        Run run = s.run();
        return new OperationalEvent(kind, run.webhook(), reason, failures, lastError,
                run.request().url().isEmpty() ? null : run.request().url(), run.id(), run.messageId(),
                OperationalEvent.ENGINE, percent, threshold, run.id());
    }

    private List<WebhookState> applyHealth(StoreTransaction tx, List<Settlement> batch, List<OperationalEvent> told) {
        // Each webhook's results together, in order: one write of its row per batch, not one per delivery.
        Map<String, List<Result>> results = new LinkedHashMap<>();
        Map<String, List<Settlement>> causes = new LinkedHashMap<>();
        List<Settlement> gone = new ArrayList<>();
        for (Settlement s : batch) {
            switch (s.health()) {
                case HealthStep.Succeeded ok -> add(results, causes, ok.webhook(), Result.SUCCEEDED, s);
                case HealthStep.Failed failed -> add(results, causes, failed.webhook(), Result.failed(failed.failure()), s);
                case HealthStep.Gone g -> gone.add(s);
                case HealthStep.Unchanged u -> {
                }
            }
        }
        var now = clock.instant();
        List<WebhookState> deactivated = new ArrayList<>();
        results.forEach((webhook, ofWebhook) -> {
            Tally tally = states.tallied(tx, webhook, now, ofWebhook, deactivateAfter);
            tally.deactivated().ifPresent(deactivated::add);
            tell(tally, ofWebhook, causes.get(webhook), told);
        });
        for (Settlement s : gone) {
            HealthStep.Gone g = (HealthStep.Gone) s.health();
            WebhookState before = states.forChange(tx, g.webhook(), now);
            if (before.active()) {
                WebhookState off = states.deactivate(tx, g.webhook(), now, g.reason());
                deactivated.add(off);
                if (tells(s)) {
                    told.add(event(OperationalKind.WEBHOOK_DEACTIVATED, s, g.reason(), before.consecutiveFailures(),
                            s.run().error()));
                }
            }
        }
        return deactivated;
    }

    private static void add(Map<String, List<Result>> results, Map<String, List<Settlement>> causes, String webhook,
                            Result result, Settlement s) {
        results.computeIfAbsent(webhook, w -> new ArrayList<>()).add(result);
        causes.computeIfAbsent(webhook, w -> new ArrayList<>()).add(s);
    }

    /** The moments of one webhook's results that operators hear of: a recovery, a warning, the deactivation. */
    private void tell(Tally tally, List<Result> results, List<Settlement> causes, List<OperationalEvent> told) {
        String lastFailure = tally.lastFailureBefore();
        for (int i = 0; i < results.size(); i++) {
            Result result = results.get(i);
            Settlement s = causes.get(i);
            int before = tally.before(i);
            int after = tally.after().get(i);
            if (result.succeeded()) {
                if (before > 0 && tells(s)) {
                    told.add(event(OperationalKind.ENDPOINT_RECOVERED, s, "succeeded after " + before
                            + " failure" + (before == 1 ? "" : "s") + " in a row", before, lastFailure));
                }
                continue;
            }
            lastFailure = result.failure();
            if (!tells(s)) {
                continue;
            }
            if (i == tally.deactivatedBy()) {
                told.add(event(OperationalKind.WEBHOOK_DEACTIVATED, s,
                        tally.deactivated().map(WebhookState::deactivationReason).orElse(null), after, lastFailure));
            } else if (after > before) {
                final String last = lastFailure;
                warnings.percentAt(after).ifPresent(percent -> told.add(rising(s, after, last, percent)));
            }
        }
    }

    private OperationalEvent rising(Settlement s, int failures, String lastFailure, int percent) {
        return event(OperationalKind.FAILURES_RISING, s, failures + " failures in a row: " + percent + " % of the "
                + deactivateAfter + " that deactivate it", failures, lastFailure, percent, deactivateAfter);
    }
}
