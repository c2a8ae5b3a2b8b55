package io.hookwright.runlog;

import java.util.Arrays;
import java.util.Optional;

/** How a run ended. */
public enum Outcome {
    /** 2xx. */
    SUCCEEDED("succeeded"),
    /** Not 2xx, a timeout or a refused connection, and no retry follows (sync runs). */
    FAILED("failed"),
    /** A sync-inside failure that rolled the host's transaction back. */
    VETOED("vetoed"),
    /** Failed; another attempt is scheduled. */
    PENDING_RETRY("pending-retry"),
    /** Failed on its last attempt, or the target answered 410 Gone. */
    GAVE_UP("gave-up"),
    /** Not sent: the webhook is deactivated, or an operator skipped a message that blocked its key. */
    SKIPPED("skipped"),
    /**
     * Not sent yet: an earlier message of the same key of an ordered webhook is failing; the error names it. Not an
     * attempt: it goes once that message succeeds or is given up.
     */
    HELD("held");

    private final String word;

    Outcome(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static Optional<Outcome> fromWord(String word) {
        return Arrays.stream(values()).filter(o -> o.word.equals(word)).findFirst();
    }
}
