package io.hookwright.execution;

import com.fasterxml.jackson.annotation.JsonValue;
import io.hookwright.runlog.LatestRun;
import io.hookwright.runlog.Outcome;

import java.util.Arrays;
import java.util.Optional;

/**
 * What became of one matching webhook for one published event.
 *
 * @param status what it did so far, as {@link Status} says
 * @param runId  the run that recorded it; null while queued or waiting
 * @param detail the response or error in a few words; null when it succeeded or is waiting
 */
public record Fired(String webhook, String mode, String messageId, Status status, String runId, String detail) {

    /**
     * Where this webhook stands now that its message's latest run is {@code latest} (null: no run yet): that run's id,
     * outcome and error. A webhook rolled back or not sent with its event stays so: its message was never sent.
     */
    public Fired now(LatestRun latest) {
        if (latest == null || status == Status.ROLLED_BACK || status == Status.NOT_SENT) {
            return this;
        }
        return new Fired(webhook, mode, messageId, Status.latest(latest.outcome()), latest.runId(), latest.error());
    }

    /** Where a fired webhook stands; {@link #word()} is how JSON, REST and the CLI write it. */
    public enum Status {
        /** Async: in the outbox (or, for after-commit, put there by the commit). */
        QUEUED("queued"),
        /** Sync after-commit, waiting for the commit. */
        AFTER_COMMIT("after-commit"),
        /** It was waiting for a commit that did not come. */
        ROLLED_BACK("rolled-back"),
        /** Sync-inside, not sent: an earlier webhook of the transaction vetoed it first. */
        NOT_SENT("not-sent"),
        SUCCEEDED("succeeded"),
        FAILED("failed"),
        VETOED("vetoed"),
        /** Not sent: the webhook is deactivated. */
        SKIPPED("skipped"),
        /** Async: an attempt failed and another is scheduled (as the message's latest run says). */
        PENDING_RETRY("pending-retry"),
        /** Async: the last attempt failed, or the target answered 410 Gone (as the message's latest run says). */
        GAVE_UP("gave-up"),
        /** Async, ordered: waiting behind an earlier message of its key that is failing (the detail names it). */
        HELD("held");

        private final String word;

        Status(String word) {
            this.word = word;
        }

        @JsonValue
        public String word() {
            return word;
        }

        public static Optional<Status> fromWord(String word) {
            return Arrays.stream(values()).filter(s -> s.word.equals(word)).findFirst();
        }

        /** The status of a webhook whose one attempt (or skip) ended with {@code outcome}. */
        static Status of(Outcome outcome) {
            return switch (outcome) {
                case SUCCEEDED -> SUCCEEDED;
                case FAILED -> FAILED;
                case VETOED -> VETOED;
                case SKIPPED -> SKIPPED;
                case PENDING_RETRY, GAVE_UP, HELD -> throw new IllegalArgumentException(
                        "a single attempt does not end " + outcome.word());
            };
        }

        /** Where a message stands whose latest run ended with {@code outcome}, whatever its attempt. */
        static Status latest(Outcome outcome) {
            return switch (outcome) {
                case PENDING_RETRY -> PENDING_RETRY;
                case GAVE_UP -> GAVE_UP;
                case HELD -> HELD;
                default -> of(outcome);
            };
        }

        /** Still waiting for the transaction to end: what a rollback turns into {@link #ROLLED_BACK}. */
        boolean waitsForCommit() {
            return this == QUEUED || this == AFTER_COMMIT;
        }
    }
}
