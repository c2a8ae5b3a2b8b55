package io.hookwright.dsl.load;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The DSL words each block accepts, and the block each word opens. */
enum Vocabulary {
    FILE("the file", "webhook"),
    WEBHOOK("webhook { }", "label", "description", "owner", "active", "on", "tenant", "filter", "request", "execution"),
    FILTER("filter { }", "field", "changed", "anyOf", "not", "where"),
    REQUEST("request { }", "get", "post", "put", "patch", "delete", "header", "body", "template", "signingSecret"),
    EXECUTION("execution { }", "synchronous", "transaction", "timeout"),
    /** Inside {@code where}: plain code over the event, no DSL words. */
    CODE("where { }");

    /** Words called on {@code field(…)} and {@code changed(…)}, including the comparisons the loader rewrites. */
    static final Set<String> CHAIN_WORDS = Set.of(
            "contains", "in", "matches", "present", "missing", "from", "to", "gt", "ge", "lt", "le", "eq", "ne");

    private static final Map<String, Vocabulary> OPENS = Map.of(
            "webhook", WEBHOOK, "filter", FILTER, "anyOf", FILTER, "not", FILTER,
            "request", REQUEST, "execution", EXECUTION, "where", CODE);

    private final String where;
    private final Set<String> words;

    Vocabulary(String where, String... words) {
        this.where = where;
        this.words = new LinkedHashSet<>(Arrays.asList(words));
    }

    String where() {
        return where;
    }

    boolean has(String word) {
        return words.contains(word);
    }

    /** The block a closure passed to {@code word} runs in, if the word takes one. */
    static Optional<Vocabulary> opened(String word) {
        return Optional.ofNullable(OPENS.get(word));
    }

    /** Explains an unknown word: the block it belongs to, or the nearest word of this block. */
    String unknown(String word) {
        for (Vocabulary other : values()) {
            if (other != this && other.has(word)) {
                return "'" + word + "' is not allowed in " + where + "; it belongs in " + other.where();
            }
        }
        if (words.isEmpty()) {
            return "'" + word + "(…)' cannot be called in " + where
                    + ": only methods of the event's values are allowed here";
        }
        String nearest = nearest(word);
        String hint = nearest != null ? "did you mean '" + nearest + "'? " : "";
        return "unknown DSL word '" + word + "' in " + where + ": " + hint + "allowed here: " + String.join(", ", words);
    }

    private String nearest(String word) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : words) {
            int d = Levenshtein.distance(word.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(2, word.length() / 3) ? best : null;
    }
}
