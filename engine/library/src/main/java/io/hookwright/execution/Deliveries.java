package io.hookwright.execution;

import io.hookwright.delivery.Attempt;
import io.hookwright.delivery.Dispatcher;
import io.hookwright.delivery.RetrySchedule;
import io.hookwright.delivery.Sender;
import io.hookwright.delivery.Settlement;
import io.hookwright.delivery.Settlement.HealthStep;
import io.hookwright.delivery.Settlement.QueueStep;
import io.hookwright.dsl.model.Ordering;
import io.hookwright.outbox.OutboxMessage;
import io.hookwright.render.RenderedRequest;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import io.hookwright.runlog.RunIds;
import io.hookwright.state.WebhookState;
import io.hookwright.state.WebhookStatuses;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** Makes attempts and turns what came back into settlements: the run, the message's next step, the health change. */
final class Deliveries implements Dispatcher.Delivery {
    private final Sender sender;
    private final Clock clock;
    private final WebhookStatuses statuses;
    private final Supplier<LoadedDefinitions> current;
    private final RetrySchedule defaultSchedule;
    private final RandomGenerator random;
    private final EngineObserver observer;
    private final String node;

    Deliveries(Sender sender, Clock clock, WebhookStatuses statuses, Supplier<LoadedDefinitions> current,
               RetrySchedule defaultSchedule, RandomGenerator random, EngineObserver observer, String node) {
        this.node = node;
        this.sender = sender;
        this.clock = clock;
        this.statuses = statuses;
        this.current = current;
        this.defaultSchedule = defaultSchedule;
        this.random = random;
        this.observer = observer;
    }

    /**
     * One attempt with no retry after it (sync, test and redelivery runs).
     *
     * @param failure    the outcome when it fails: {@code VETOED} inside the host's transaction, else {@code FAILED}
     * @param tellsHealth whether it counts for the webhook's consecutive failures (test sends do not)
     */
    Settlement once(Outgoing out, String mode, int attempt, Outcome failure, boolean tellsHealth) {
        Instant at = clock.instant();
        Attempt result = sender.send(out.messageId(), out.request(), out.signingSecrets(), out.timeout(), at);
        boolean ok = result.succeeded();
        Run run = run(out, mode, attempt, at, result, ok ? Outcome.SUCCEEDED : failure);
        return told(new Settlement(run, Settlement.NOT_QUEUED, tellsHealth ? health(out, result) : Settlement.UNCHANGED));
    }

    /**
     * What an attempt says about the webhook's health: nothing when it was captured, as the capturing receiver's
     * answer says nothing of the target's.
     */
    private HealthStep health(Outgoing out, Attempt result) {
        return sender.captures() ? Settlement.UNCHANGED : healthOf(out, result);
    }

    /** A run that was not sent because the webhook is deactivated. */
    Settlement skipped(Outgoing out, String mode, int attempt, WebhookState state, QueueStep queue) {
        Run run = new Run(RunIds.next(clock), out.webhook(), out.revision(), out.eventId(), out.eventType(),
                out.messageId(), mode, attempt, out.request(), out.signingSecrets(), null, Duration.ZERO,
                Outcome.SKIPPED, "not sent: webhook " + out.webhook() + " is deactivated ("
                + state.deactivationReason() + ")", clock.instant(), node);
        return told(new Settlement(run, queue, Settlement.UNCHANGED));
    }

    /** A matching webhook whose request could not be rendered: nothing to send, and nothing a retry would change. */
    Settlement renderFailed(String webhook, String revision, String eventId, String eventType, String messageId,
                            String mode, String method, Outcome outcome, String error) {
        Run run = new Run(RunIds.next(clock), webhook, revision, eventId, eventType, messageId, mode, 1,
                new RenderedRequest(method, "", List.of(), null), List.of(), null, Duration.ZERO, outcome,
                "not sent: " + error, clock.instant(), node);
        return told(new Settlement(run, Settlement.NOT_QUEUED, new HealthStep.Failed(webhook, "render failed: " + error)));
    }

    /** An async attempt at a claimed message: sent, retried later, given up, or skipped. */
    @Override
    public Settlement deliver(OutboxMessage message, String worker) {
        Outgoing out = Outgoing.of(message);
        int attempt = message.attempts() + 1;
        Settlement.Order order = message.ordered()
                ? new Settlement.Order(message.webhook(), message.orderKey(), message.orderSeq()) : null;
        QueueStep done = new QueueStep.Remove(message.messageId(), worker, order);
        Optional<WebhookState> off = statuses.deactivated(message.webhook());
        if (off.isPresent()) {
            return skipped(out, message.mode(), attempt, off.get(), done);
        }
        Instant at = clock.instant();
        Attempt result = sender.send(message.messageId(), message.request(), message.signingSecrets(), message.timeout(),
                at);
        if (result.succeeded()) {
            return told(new Settlement(run(out, message.mode(), attempt, at, result, Outcome.SUCCEEDED), done,
                    health(out, result)));
        }
        if (message.mode().startsWith("sync-")) {
            // A sync-after-commit webhook's record that its committing thread left (a crash): one attempt, as that
            // thread's would have been, logged as it would have.
            return told(new Settlement(run(out, message.mode(), attempt, at, result, Outcome.FAILED), done,
                    health(out, result)));
        }
        Optional<Instant> next = result.gone() ? Optional.empty()
                : schedule(message.webhook()).next(attempt, clock.instant(), result.retryAfter(), random);
        if (next.isPresent()) {
            return told(new Settlement(run(out, message.mode(), attempt, at, result, Outcome.PENDING_RETRY),
                    new QueueStep.Retry(message.messageId(), worker, attempt, next.get(), order), health(out, result)));
        }
        QueueStep givenUp = order != null && blocks(message.webhook())
                ? new QueueStep.Block(message.messageId(), worker, attempt, order) : done;
        return told(new Settlement(run(out, message.mode(), attempt, at, result, Outcome.GAVE_UP), givenUp,
                health(out, result)));
    }

    /** Whether the webhook's definition keeps a key waiting behind a message given up ({@code onFailure: 'block'}). */
    private boolean blocks(String webhook) {
        return current.get().definitions().webhook(webhook)
                .flatMap(w -> w.definition().execution().ordering())
                .map(o -> o.onFailure() == Ordering.OnFailure.BLOCK)
                .orElse(false);
    }

    /** Whether requests go to {@code serve --capture}'s local receiver instead of their targets. */
    boolean captures() {
        return sender.captures();
    }

    private Settlement told(Settlement settlement) {
        observer.attempted(settlement.run());
        return settlement;
    }

    /** The webhook's schedule as its definition says now; the engine's default for a webhook no longer defined. */
    RetrySchedule schedule(String webhook) {
        return current.get().definitions().webhook(webhook)
                .map(w -> w.definition().execution().retry())
                .filter(policy -> !policy.isDefault())
                .map(policy -> new RetrySchedule(policy.delays(defaultSchedule.delays()), defaultSchedule.jitter()))
                .orElse(defaultSchedule);
    }

    private Run run(Outgoing out, String mode, int attempt, Instant at, Attempt result, Outcome outcome) {
        return new Run(RunIds.next(clock), out.webhook(), out.revision(), out.eventId(), out.eventType(),
                out.messageId(), mode, attempt, out.request(), out.signingSecrets(), result.response(),
                result.duration(), outcome, result.succeeded() ? null : result.describe(), at, node, sender.captures());
    }

    private static HealthStep healthOf(Outgoing out, Attempt result) {
        if (result.succeeded()) {
            return new HealthStep.Succeeded(out.webhook());
        }
        String target = out.request().masked().host();
        String failure = (result.response() == null ? result.error() : "HTTP " + result.response().status())
                + (target.isEmpty() ? "" : " from " + target);
        if (result.gone()) {
            return new HealthStep.Gone(out.webhook(), "the target answered 410 Gone" + (target.isEmpty() ? "" : " from " + target)
                    + " on message " + out.messageId());
        }
        return new HealthStep.Failed(out.webhook(), failure);
    }
}
