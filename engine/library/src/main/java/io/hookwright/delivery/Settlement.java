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

        /** Done with: delivered, given up or skipped. Of an ordered message ({@code order}), it lets the next go. */
        record Remove(String messageId, String worker, Order order) implements QueueStep {
            public Remove(String messageId, String worker) {
                this(messageId, worker, null);
            }
        }

        /** Tried again at {@code at}; an ordered message's key waits meanwhile. */
        record Retry(String messageId, String worker, int attempts, Instant at, Order order) implements QueueStep {
            public Retry(String messageId, String worker, int attempts, Instant at) {
                this(messageId, worker, attempts, at, null);
            }
        }

        /** Given up, and kept at the head of its key ({@code onFailure: 'block'}) until an operator acts. */
        record Block(String messageId, String worker, int attempts, Order order) implements QueueStep {
        }

        /** A blocked message an operator redelivered successfully or skipped: removed, its key goes on. */
        record Unblock(String messageId) implements QueueStep {
        }
    }

    /** Where an ordered message stands in its webhook's key. */
    public record Order(String webhook, String key, long seq) {
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
