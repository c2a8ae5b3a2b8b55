package io.hookwright.dsl.model;

import java.util.Arrays;
import java.util.Optional;

/** When a webhook runs relative to the host's transaction. */
public enum TransactionMode {
    /** Before the host commits: a synchronous failure vetoes the commit; an async request joins the transaction. */
    INSIDE("inside"),
    /** Only once the host has committed; never when it rolls back. */
    AFTER_COMMIT("after-commit");

    private final String word;

    TransactionMode(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static Optional<TransactionMode> fromWord(String word) {
        return Arrays.stream(values()).filter(m -> m.word.equals(word)).findFirst();
    }
}
