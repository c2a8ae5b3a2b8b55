package io.hookwright.authoring;

import java.util.Map;
import java.util.Optional;

/**
 * Which field of a webhook document a line of the block it was printed as comes from, so that an error the loader
 * reports at file:line:column is shown at the field a person typed it in. The printer writes one keyword per line,
 * four spaces a level ({@code WebhookPrinter}); a line without a keyword (a body over several lines, a closing brace)
 * belongs to the keyword before it.
 */
final class ErrorFields {
    private static final Map<String, String> WEBHOOK = Map.of("label", "label", "description", "description",
            "owner", "owner", "active", "active", "on", "eventTypes", "tenant", "tenant", "filter", "filter",
            "request", "url", "execution", "execution");
    private static final Map<String, String> REQUEST = Map.of("get", "url", "post", "url", "put", "url", "patch",
            "url", "delete", "url", "body", "body", "signingSecret", "signingSecret");
    private static final Map<String, String> EXECUTION = Map.of("synchronous", "execution.synchronous",
            "transaction", "execution.transaction", "timeout", "execution.timeout", "retry", "execution.retry");
    private static final int INDENT = 4;

    private ErrorFields() {
    }

    /** The field of {@code line} (1-based) of {@code block}, or empty when it is outside the block. */
    static Optional<String> at(String block, int line) {
        String[] lines = block.split("\n", -1);
        if (line < 1 || line > lines.length) {
            return Optional.empty();
        }
        String section = null;
        String field = null;
        int filters = -1;
        int headers = -1;
        for (int i = 0; i < line; i++) {
            String text = lines[i];
            String word = text.strip().split("[\\s(]", 2)[0];
            int depth = (text.length() - text.stripLeading().length()) / INDENT;
            if (word.startsWith("}")) {
                // A closing brace belongs to what it closes.
                continue;
            } else if (depth == 1 && WEBHOOK.containsKey(word)) {
                section = word;
                field = WEBHOOK.get(word);
            } else if (depth >= 2 && "filter".equals(section)) {
                filters += depth == 2 ? 1 : 0;
                field = "filter[" + Math.max(filters, 0) + "]";
            } else if (depth == 2 && "request".equals(section) && word.equals("header")) {
                field = "headers[" + ++headers + "]";
            } else if (depth == 2 && "request".equals(section) && REQUEST.containsKey(word)) {
                field = word.equals("body") && text.contains("template(") ? "bodyTemplate" : REQUEST.get(word);
            } else if (depth == 2 && "execution".equals(section) && EXECUTION.containsKey(word)) {
                field = EXECUTION.get(word);
            }
        }
        return Optional.ofNullable(field);
    }
}
