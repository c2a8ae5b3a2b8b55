package io.hookwright.authoring;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A webhook as JSON clients write and read it, with PPM Express's names where it has them ({@code eventTypes},
 * {@code httpVerb}, {@code url}, {@code headers}). It says what a {@code webhook('code') { … }} block says, except
 * a {@code where} closure, which only a file can hold.
 *
 * @param code          {@code [a-z0-9_]+}; null on create means one is made from the label or URL
 * @param label         one text under the key {@code ""}, or a text per language, in order
 * @param description   empty when there is none
 * @param owner         null when there is none
 * @param tenant        null for every tenant
 * @param body          an inline template, or null
 * @param bodyTemplate  a file under {@code templates/}, or null
 * @param bodyTemplateText what to write into {@code bodyTemplate} with the same commit, or null to leave it
 */
public record WebhookDocument(String code, Map<String, String> label, String description, String owner,
                              boolean active, List<String> eventTypes, String tenant, List<Condition> filter,
                              String httpVerb, String url, List<HeaderLine> headers, String body, String bodyTemplate,
                              String bodyTemplateText, List<String> signingSecret, Execution execution) {
    public WebhookDocument {
        label = Collections.unmodifiableMap(new LinkedHashMap<>(label));
        eventTypes = List.copyOf(eventTypes);
        filter = List.copyOf(filter);
        headers = List.copyOf(headers);
        signingSecret = List.copyOf(signingSecret);
    }

    /** The same document under another code. */
    public WebhookDocument withCode(String newCode) {
        return new WebhookDocument(newCode, label, description, owner, active, eventTypes, tenant, filter, httpVerb,
                url, headers, body, bodyTemplate, bodyTemplateText, signingSecret, execution);
    }

    /** The same document without the template text it carried in. */
    public WebhookDocument withoutTemplateText() {
        return new WebhookDocument(code, label, description, owner, active, eventTypes, tenant, filter, httpVerb,
                url, headers, body, bodyTemplate, null, signingSecret, execution);
    }

    /** One request header: a name and a FreeMarker value ({@code ${secrets.X}} stays a reference). */
    public record HeaderLine(String name, String value) {
    }

    /**
     * How a webhook runs. {@code retry}: null for the engine's schedule, an empty list for no retry ({@code false} in
     * JSON), the waits before each retry, or {@code attempts} for the engine's schedule cut to that many attempts.
     * {@code orderedBy}: the key template of a webhook whose messages keep their order per key, or null;
     * {@code onFailure}: {@code skip} (null: the default) or {@code block}.
     */
    public record Execution(boolean synchronous, String transaction, String timeout, List<String> retry,
                            Integer attempts, String orderedBy, String onFailure) {
        public Execution {
            retry = retry == null ? null : List.copyOf(retry);
        }

        /** Without an order. */
        public Execution(boolean synchronous, String transaction, String timeout, List<String> retry, Integer attempts) {
            this(synchronous, transaction, timeout, retry, attempts, null, null);
        }
    }

    /** One element of {@code filter}: all must hold. */
    public sealed interface Condition {
    }

    /**
     * {@code {"field": "Budget", "op": ">", "value": 10000}}; {@code op} one of {@code > >= < <= == != contains in
     * matches present missing}; {@code value} a list for {@code in}, absent for {@code present} and {@code missing}.
     */
    public record FieldCondition(String field, String op, Object value) implements Condition {
        /** Every {@code op}, in the order a form offers them. */
        public static final List<String> OPS = List.of(DocumentModel.OPS.split(" "));
    }

    /** {@code {"changed": "Status", "from": "On track", "to": "Done"}}, {@code from} and {@code to} optional. */
    public record ChangedCondition(String changed, boolean hasFrom, Object from, boolean hasTo, Object to)
            implements Condition {
    }

    /** {@code {"anyOf": [ … ]}}: at least one holds. */
    public record AnyOfCondition(List<Condition> anyOf) implements Condition {
        public AnyOfCondition {
            anyOf = List.copyOf(anyOf);
        }
    }

    /** {@code {"not": [ … ]}}: not all of these hold. */
    public record NotCondition(List<Condition> not) implements Condition {
        public NotCondition {
            not = List.copyOf(not);
        }
    }

    /** {@code {"where": {"line": 12}}}: a closure in the file, shown so the filter is complete; never written. */
    public record WhereCondition(String file, int line, int column) implements Condition {
    }
}
