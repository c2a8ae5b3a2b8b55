package io.hookwright.dsl.model;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code orderedBy '${entity.id}'}: a queued webhook's messages with the same key are sent one at a time, in the order
 * their transactions committed.
 *
 * @param key       the FreeMarker template that gives a message's key, rendered when the event happens
 * @param onFailure what a message given up does to the messages behind it
 */
public record Ordering(Template key, OnFailure onFailure) {
    public Ordering {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(onFailure, "onFailure");
    }

    /** What becomes of a key whose head message was given up. */
    public enum OnFailure {
        /** The default: the next message of the key goes at once. */
        SKIP("skip"),
        /** The key waits until an operator redelivers the given-up message or skips it. */
        BLOCK("block");

        private final String word;

        OnFailure(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        public static Optional<OnFailure> fromWord(String word) {
            return Arrays.stream(values()).filter(f -> f.word.equals(word)).findFirst();
        }
    }
}
