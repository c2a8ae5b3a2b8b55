package io.hookwright.authoring;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How webhooks written over REST reach the definitions: committed to the work tree at once, proposed on a branch of
 * their own, or not at all.
 */
public enum AuthoringMode {
    /** Each write is a commit to the definitions' git work tree, and the set is reloaded. */
    DIRECT("direct"),
    /**
     * Each write is a commit on a new branch, {@code hookwright/<code>-<id>}: the work tree, the branch checked out
     * and the running set stay as they are until someone merges it (a pull request made from a screen).
     */
    BRANCH("branch"),
    /** Writes answer 409. */
    OFF("off");

    private final String word;

    AuthoringMode(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static Optional<AuthoringMode> fromWord(String word) {
        return Arrays.stream(values()).filter(m -> m.word.equals(word.toLowerCase(Locale.ROOT))).findFirst();
    }
}
