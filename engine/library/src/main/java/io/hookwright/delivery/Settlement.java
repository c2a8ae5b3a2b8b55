package io.hookwright.delivery;

import io.hookwright.runlog.Run;

import java.time.Instant;

/**
 * What one delivery attempt leaves behind, written in one transaction: its run, what becomes of its queued message,
 * and what it says about the webhook's health.
 */
public record Settlement(Run run, QueueStep queue, HealthStep health) {

    /** What becomes of the message in the outbox. */
    public sealed interface QueueStep {
        /** The message was never queued (sync, test, redelivery runs). */
        record NotQueued() implements QueueStep {
        }

        /** Done with: delivered, given up or skipped. */
        record Remove(String messageId, String worker) implements QueueStep {
        }

        /** Tried again at {@code at}. */
        record Retry(String messageId, String worker, int attempts, Instant at) implements QueueStep {
        }
    }

    /** What the attempt says about the webhook's health. */
    public sealed interface HealthStep {
        /** Test sends and skipped runs say nothing about the webhook. */
        record Unchanged() implements HealthStep {
        }

        record Succeeded(String webhook) implements HealthStep {
        }

        /** Counts towards automatic deactivation. */
        record Failed(String webhook, String failure) implements HealthStep {
        }

        /** 410 Gone: the target wants no more of it, so the webhook is deactivated at once. */
        record Gone(String webhook, String reason) implements HealthStep {
        }
    }

    public static final QueueStep NOT_QUEUED = new QueueStep.NotQueued();
    public static final HealthStep UNCHANGED = new HealthStep.Unchanged();
}
