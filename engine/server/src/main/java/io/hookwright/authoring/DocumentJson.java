package io.hookwright.authoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookwright.authoring.WebhookDocument.AnyOfCondition;
import io.hookwright.authoring.WebhookDocument.ChangedCondition;
import io.hookwright.authoring.WebhookDocument.Condition;
import io.hookwright.authoring.WebhookDocument.Execution;
import io.hookwright.authoring.WebhookDocument.FieldCondition;
import io.hookwright.authoring.WebhookDocument.HeaderLine;
import io.hookwright.authoring.WebhookDocument.NotCondition;
import io.hookwright.authoring.WebhookDocument.WhereCondition;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The webhook document's JSON, read field by field so that a mistake is named where it is ({@code filter[1].op},
 * {@code execution.timeout}), and written in the order of DESIGN's example.
 */
final class DocumentJson {
    private static final Set<String> FIELDS = Set.of("code", "label", "description", "owner", "active", "eventTypes",
            "tenant", "filter", "httpVerb", "url", "headers", "body", "bodyTemplate", "bodyTemplateText",
            "signingSecret", "execution");
    /** What answers add, and the commit message a write may carry: a document read back and sent again has them. */
    private static final Set<String> IGNORED = Set.of("file", "revision", "editable", "reason", "message", "push");
    private static final Set<String> EXECUTION = Set.of("synchronous", "transaction", "timeout", "retry", "orderedBy",
            "onFailure");

    private DocumentJson() {
    }

    static WebhookDocument read(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw BadDocument.shape("(document)", "send a webhook document: a JSON object");
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name) && !IGNORED.contains(name)) {
                throw BadDocument.shape(name, "unknown field: a webhook document has " + String.join(", ",
                        new java.util.TreeSet<>(FIELDS)));
            }
        }
        return new WebhookDocument(member(json, "code"), label(json.get("label")), member(json, "description"),
                member(json, "owner"), bool(json, "active", true), texts(json.get("eventTypes"), "eventTypes"),
                member(json, "tenant"), conditions(json.get("filter"), "filter"), member(json, "httpVerb"),
                member(json, "url"), headers(json.get("headers")), member(json, "body"), member(json, "bodyTemplate"),
                member(json, "bodyTemplateText"), signingSecret(json.get("signingSecret")),
                execution(json.get("execution")));
    }

    /** The commit message a write carries, if any. */
    static String message(JsonNode json) {
        return json != null && json.isObject() ? member(json, "message") : null;
    }

    private static String member(JsonNode json, String field) {
        return text(json.get(field), field);
    }

    private static String text(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw BadDocument.shape(field, "must be text");
        }
        return node.textValue();
    }

    private static boolean bool(JsonNode json, String field, boolean absent) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isBoolean()) {
            throw BadDocument.shape(field, "must be true or false");
        }
        return node.booleanValue();
    }

    private static Map<String, String> label(JsonNode node) {
        Map<String, String> label = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return label;
        }
        if (node.isTextual()) {
            label.put("", node.textValue());
            return label;
        }
        if (!node.isObject()) {
            throw BadDocument.shape("label", "must be text, or an object of texts by language ({\"en\": \"…\"})");
        }
        node.fields().forEachRemaining(e -> {
            if (e.getKey().isEmpty()) {
                throw BadDocument.value("label", "a language cannot be empty");
            }
            label.put(e.getKey(), text(e.getValue(), "label." + e.getKey()));
        });
        return label;
    }

    private static List<String> texts(JsonNode node, String field) {
        List<String> texts = new ArrayList<>();
        if (node == null || node.isNull()) {
            return texts;
        }
        if (node.isTextual()) {
            texts.add(node.textValue());
            return texts;
        }
        if (!node.isArray()) {
            throw BadDocument.shape(field, "must be a list of texts");
        }
        for (int i = 0; i < node.size(); i++) {
            String text = text(node.get(i), field + "[" + i + "]");
            if (text == null) {
                throw BadDocument.shape(field + "[" + i + "]", "must be text");
            }
            texts.add(text);
        }
        return texts;
    }

    private static List<String> signingSecret(JsonNode node) {
        return texts(node, "signingSecret");
    }

    private static List<HeaderLine> headers(JsonNode node) {
        List<HeaderLine> headers = new ArrayList<>();
        if (node == null || node.isNull()) {
            return headers;
        }
        if (!node.isArray()) {
            throw BadDocument.shape("headers", "must be a list of {\"name\": …, \"value\": …}");
        }
        for (int i = 0; i < node.size(); i++) {
            String field = "headers[" + i + "]";
            JsonNode header = node.get(i);
            if (!header.isObject()) {
                throw BadDocument.shape(field, "must be {\"name\": …, \"value\": …}");
            }
            only(header, field, Set.of("name", "value"));
            headers.add(new HeaderLine(text(header.get("name"), field + ".name"),
                    text(header.get("value"), field + ".value")));
        }
        return headers;
    }

    private static List<Condition> conditions(JsonNode node, String field) {
        List<Condition> conditions = new ArrayList<>();
        if (node == null || node.isNull()) {
            return conditions;
        }
        if (!node.isArray()) {
            throw BadDocument.shape(field, "must be a list of conditions");
        }
        for (int i = 0; i < node.size(); i++) {
            conditions.add(condition(node.get(i), field + "[" + i + "]"));
        }
        return conditions;
    }

    private static Condition condition(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            throw BadDocument.shape(field, "must be an object: {\"field\", \"op\", \"value\"}, {\"changed\"}, "
                    + "{\"anyOf\": […]} or {\"not\": […]}");
        }
        if (node.has("anyOf")) {
            only(node, field, Set.of("anyOf"));
            return new AnyOfCondition(conditions(node.get("anyOf"), field + ".anyOf"));
        }
        if (node.has("not")) {
            only(node, field, Set.of("not"));
            return new NotCondition(conditions(node.get("not"), field + ".not"));
        }
        if (node.has("where")) {
            return new WhereCondition(null, 0, 0);
        }
        if (node.has("changed")) {
            only(node, field, Set.of("changed", "from", "to"));
            return new ChangedCondition(text(node.get("changed"), field + ".changed"), node.has("from"),
                    value(node.get("from")), node.has("to"), value(node.get("to")));
        }
        if (node.has("field")) {
            only(node, field, Set.of("field", "op", "value"));
            return new FieldCondition(text(node.get("field"), field + ".field"), text(node.get("op"), field + ".op"),
                    value(node.get("value")));
        }
        throw BadDocument.shape(field, "must be {\"field\", \"op\", \"value\"}, {\"changed\", \"from\", \"to\"}, "
                + "{\"anyOf\": […]} or {\"not\": […]}");
    }

    private static void only(JsonNode node, String field, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw BadDocument.shape(field + "." + name, "unknown here: use " + String.join(", ",
                        new java.util.TreeSet<>(allowed)));
            }
        }
    }

    /** A JSON value as the loader would hold it: text, Integer/Long/BigInteger, BigDecimal, Boolean, null, lists. */
    private static Object value(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToInt() ? (Object) node.intValue() : node.canConvertToLong() ? (Object) node.longValue()
                    : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isArray()) {
            List<Object> values = new ArrayList<>();
            node.forEach(v -> values.add(value(v)));
            return values;
        }
        return Map.of();
    }

    private static Execution execution(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw BadDocument.shape("execution", "must be an object: {\"synchronous\", \"transaction\", \"timeout\", "
                    + "\"retry\"}");
        }
        only(node, "execution", EXECUTION);
        JsonNode retry = node.get("retry");
        List<String> waits = null;
        Integer attempts = null;
        if (retry != null && !retry.isNull()) {
            if (retry.isBoolean() && !retry.booleanValue()) {
                waits = List.of();
            } else if (retry.isArray() || retry.isTextual()) {
                waits = texts(retry, "execution.retry");
                if (waits.size() == 1 && waits.get(0).strip().equals("none")) {
                    waits = List.of();
                } else if (waits.isEmpty()) {
                    throw BadDocument.value("execution.retry", "list the waits before each retry, or write false");
                }
            } else if (retry.isObject() && retry.has("attempts") && retry.size() == 1) {
                JsonNode n = retry.get("attempts");
                if (!n.isIntegralNumber() || !n.canConvertToInt()) {
                    throw BadDocument.shape("execution.retry.attempts", "must be a whole number");
                }
                attempts = n.intValue();
            } else {
                throw BadDocument.shape("execution.retry", "must be a list of waits ([\"5s\", \"5m\"]), false, or "
                        + "{\"attempts\": N}");
            }
        }
        return new Execution(bool(node, "synchronous", false), member(node, "transaction"), member(node, "timeout"),
                waits, attempts, member(node, "orderedBy"), member(node, "onFailure"));
    }

    /** The document as JSON, with what an answer adds. */
    static Map<String, Object> write(WebhookDocument doc) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", doc.code());
        Map<String, String> label = doc.label();
        json.put("label", label.size() == 1 && label.containsKey("") ? label.get("") : label);
        json.put("description", doc.description() == null ? "" : doc.description());
        putIfSet(json, "owner", doc.owner());
        json.put("active", doc.active());
        json.put("eventTypes", doc.eventTypes());
        putIfSet(json, "tenant", doc.tenant());
        json.put("filter", conditions(doc.filter()));
        json.put("httpVerb", doc.httpVerb());
        json.put("url", doc.url());
        json.put("headers", doc.headers().stream().map(h -> {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("name", h.name());
            header.put("value", h.value());
            return header;
        }).toList());
        putIfSet(json, "body", doc.body());
        putIfSet(json, "bodyTemplate", doc.bodyTemplate());
        json.put("signingSecret", doc.signingSecret());
        if (doc.execution() != null) {
            json.put("execution", execution(doc.execution()));
        }
        return json;
    }

    private static List<Map<String, Object>> conditions(List<Condition> conditions) {
        return conditions.stream().map(DocumentJson::condition).toList();
    }

    private static Map<String, Object> condition(Condition condition) {
        Map<String, Object> json = new LinkedHashMap<>();
        switch (condition) {
            case FieldCondition f -> {
                json.put("field", f.field());
                json.put("op", f.op());
                if (!f.op().equals("present") && !f.op().equals("missing")) {
                    json.put("value", f.value());
                }
            }
            case ChangedCondition c -> {
                json.put("changed", c.changed());
                if (c.hasFrom()) {
                    json.put("from", c.from());
                }
                if (c.hasTo()) {
                    json.put("to", c.to());
                }
            }
            case AnyOfCondition a -> json.put("anyOf", conditions(a.anyOf()));
            case NotCondition n -> json.put("not", conditions(n.not()));
            case WhereCondition w -> {
                Map<String, Object> at = new LinkedHashMap<>();
                at.put("file", w.file());
                at.put("line", w.line());
                at.put("column", w.column());
                json.put("where", at);
            }
        }
        return json;
    }

    private static Map<String, Object> execution(Execution e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("synchronous", e.synchronous());
        json.put("transaction", e.transaction());
        json.put("timeout", e.timeout());
        if (e.attempts() != null) {
            json.put("retry", Map.of("attempts", e.attempts()));
        } else if (e.retry() != null) {
            json.put("retry", e.retry().isEmpty() ? (Object) Boolean.FALSE : e.retry());
        }
        putIfSet(json, "orderedBy", e.orderedBy());
        putIfSet(json, "onFailure", e.onFailure());
        return json;
    }

    private static void putIfSet(Map<String, Object> json, String field, Object value) {
        if (value != null) {
            json.put(field, value);
        }
    }
}
