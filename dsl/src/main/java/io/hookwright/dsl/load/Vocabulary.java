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
    EXECUTION("execution { }", "synchronous", "transaction", "timeout", "retry", "orderedBy"),
    /** Inside {@code where}: plain code over the event, no DSL words. */
    CODE("where { }");

    /** Words called on {@code field(…)} and {@code changed(…)}, including the comparisons the loader rewrites. */
    static final Set<String> CHAIN_WORDS = Set.of(
            "contains", "in", "matches", "present", "missing", "from", "to", "gt", "ge", "lt", "le", "eq", "ne");

    /** How each word is written, for messages about a word given the wrong arguments. */
    private static final Map<String, String> USAGE = Map.ofEntries(
            Map.entry("webhook", "webhook('code') { … }"),
            Map.entry("label", "label 'Text', or label en: '…', fr: '…'"),
            Map.entry("description", "description 'Text'"),
            Map.entry("owner", "owner 'anna.doe@company.com'"),
            Map.entry("active", "active true"),
            Map.entry("on", "on 'Project:Created', 'Task:*'"),
            Map.entry("tenant", "tenant 'acme'"),
            Map.entry("filter", "filter { … }"),
            Map.entry("request", "request { … }"),
            Map.entry("execution", "execution { … }"),
            Map.entry("field", "field('Budget') > 10000"),
            Map.entry("changed", "changed 'Status', or changed('Status').from('On track').to('Done')"),
            Map.entry("anyOf", "anyOf { … }"),
            Map.entry("not", "not { … }"),
            Map.entry("where", "where { e -> … }"),
            Map.entry("get", "get 'https://…'"),
            Map.entry("post", "post 'https://…'"),
            Map.entry("put", "put 'https://…'"),
            Map.entry("patch", "patch 'https://…'"),
            Map.entry("delete", "delete 'https://…'"),
            Map.entry("header", "header 'Content-Type', 'application/json'"),
            Map.entry("body", "body template('file.ftl'), or body '''{\"id\": \"${entity.id}\"}'''"),
            Map.entry("template", "template('file.ftl')"),
            Map.entry("signingSecret", "signingSecret 'NAME', or two names while rotating"),
            Map.entry("synchronous", "synchronous true"),
            Map.entry("transaction", "transaction 'inside' or transaction 'after-commit'"),
            Map.entry("timeout", "timeout '5s'"),
            Map.entry("retry", "retry '5s', '5m', '30m', or retry false, or retry attempts: 3"),
            Map.entry("orderedBy", "orderedBy '${entity.id}', or orderedBy '${entity.id}', onFailure: 'block'"),
            Map.entry("contains", "field('Portfolio').contains 'Digital'"),
            Map.entry("in", "field('Stage').in 'Approved', 'Active'"),
            Map.entry("matches", "field('Name').matches '^AI'"),
            Map.entry("present", "field('Manager').present()"),
            Map.entry("missing", "field('Manager').missing()"),
            Map.entry("from", "changed('Status').from('On track')"),
            Map.entry("to", "changed('Status').to('Done')"),
            Map.entry("gt", "field('Budget') > 10000"),
            Map.entry("ge", "field('Budget') >= 10000"),
            Map.entry("lt", "field('Budget') < 10000"),
            Map.entry("le", "field('Budget') <= 10000"),
            Map.entry("eq", "field('Stage') == 'Active'"),
            Map.entry("ne", "field('Stage') != 'Active'"));

    private static final Map<String, Vocabulary> OPENS = Map.of(
            "webhook", WEBHOOK, "filter", FILTER, "anyOf", FILTER, "not", FILTER,
            "request", REQUEST, "execution", EXECUTION, "where", CODE);

    private final String where;
    private final Set<String> words;
    private final Map<String, Boolean> answers = new java.util.concurrent.ConcurrentHashMap<>();

    Vocabulary(String where, String... words) {
        this.where = where;
        this.words = new LinkedHashSet<>(Arrays.asList(words));
    }

    /** Whether {@code word} is a DSL word of any block. */
    static boolean isWord(String word) {
        return Arrays.stream(values()).anyMatch(v -> v.has(word));
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

    /**
     * True when nothing at run time would answer a call of {@code word} in this block: neither the block's
     * context object nor the closure itself has such a method (Groovy's added methods such as {@code sleep} or
     * {@code with} included), so the call can only reach the context's {@code methodMissing}, which ignores it.
     * Code inside {@code where} never qualifies.
     */
    boolean answersNothing(String word) {
        Class<?> receiver = receiver();
        if (receiver == null) {
            return false;
        }
        return answers.computeIfAbsent(word, w -> !respondsTo(receiver, w) && !respondsTo(groovy.lang.Closure.class, w));
    }

    private Class<?> receiver() {
        return switch (this) {
            case FILE -> DefinitionScript.class;
            case WEBHOOK -> WebhookContext.class;
            case FILTER -> FilterContext.class;
            case REQUEST -> RequestContext.class;
            case EXECUTION -> ExecutionContext.class;
            case CODE -> null;
        };
    }

    private static boolean respondsTo(Class<?> type, String word) {
        groovy.lang.MetaClass meta = groovy.lang.GroovySystem.getMetaClassRegistry().getMetaClass(type);
        return java.util.stream.Stream.concat(meta.getMethods().stream(), meta.getMetaMethods().stream())
                .anyMatch(m -> m.getName().equals(word)) || meta.hasProperty(null, word) != null;
    }

    /** Explains a call this block's object has no method for: an unknown word, or a known one misused. */
    String missing(String word) {
        return has(word) ? wrongArguments(word) : unknown(word);
    }

    /** Explains a DSL word called with arguments it does not take. */
    static String wrongArguments(String word) {
        String usage = USAGE.get(word);
        return usage != null ? "'" + word + "' does not take these arguments: write " + usage
                : "'" + word + "(…)' cannot be called with these arguments";
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
        return nearest(word, words);
    }

    /** The candidate closest to {@code word}, if close enough to be a misspelling of it. */
    static String nearest(String word, java.util.Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = Levenshtein.distance(word.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int allowed = word.length() <= 4 ? 1 : Math.max(2, word.length() / 3);
        return bestDistance <= allowed ? best : null;
    }
}
