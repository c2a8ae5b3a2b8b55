package io.hookwright.server.page;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookwright.event.EventJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The webhook form's values, as a document fills them or as posted, and the webhook document they make. Rows are
 * posted as repeated fields in page order ({@code header.name}, {@code header.value}, …); a criterion the rows
 * cannot show ({@code changed}, {@code anyOf}, {@code not}) travels as its JSON, shown and kept as it is.
 */
record WebhookForm(String code, List<LabelRow> labels, String description, String owner, String tenant,
                   boolean active, List<String> eventTypes, List<FilterRow> filters, String httpVerb, String url,
                   List<HeaderRow> headers, String bodyKind, String body, String bodyTemplate, String bodyTemplateText,
                   String signingSecret, boolean synchronous, String transaction, String timeout, String retry,
                   String message) {
    static final String INLINE = "inline";
    static final String TEMPLATE = "template";
    private static final Pattern ATTEMPTS = Pattern.compile("(\\d+)\\s+attempts?");
    /** The fields the form shows an error at, besides its rows ({@code filter.2}, {@code header.0}). */
    private static final Set<String> SLOTS = Set.of("code", "label", "description", "owner", "tenant", "active",
            "eventTypes", "filter", "url", "httpVerb", "header", "body", "bodyTemplate", "bodyTemplateText",
            "signingSecret", "execution", "execution.synchronous", "execution.transaction", "execution.timeout",
            "execution.retry");

    record LabelRow(String language, String text) {
        boolean blank() {
            return language.isBlank() && text.isBlank();
        }
    }

    /** @param raw the JSON of a criterion the rows cannot show, or empty */
    record FilterRow(String field, String op, String value, String raw) {
        boolean blank() {
            return field.isBlank() && value.isBlank() && raw.isBlank();
        }
    }

    record HeaderRow(String name, String value) {
        boolean blank() {
            return name.isBlank() && value.isBlank();
        }
    }

    /**
     * The document a form makes, with which form row each filter and header of the document came from, so that an
     * error at {@code headers[1]} is shown at the row it came from.
     */
    record Made(ObjectNode json, List<Integer> filterRows, List<Integer> headerRows) {
        /** Where on the form an error at a document field is shown: {@code header.2}, {@code execution.timeout}. */
        String slot(String field) {
            Matcher row = Pattern.compile("^(filter|headers)\\[(\\d+)]").matcher(field);
            if (row.find()) {
                List<Integer> rows = row.group(1).equals("filter") ? filterRows : headerRows;
                int index = Integer.parseInt(row.group(2));
                String kind = row.group(1).equals("filter") ? "filter" : "header";
                return index < rows.size() ? kind + "." + rows.get(index) : kind;
            }
            String top = field.split("[.\\[]", 2)[0];
            String slot = switch (top) {
                case "execution" -> field.startsWith("execution.retry") ? "execution.retry" : field;
                default -> top;
            };
            // What the form has no place for is said at its top.
            return SLOTS.contains(slot) ? slot : "";
        }
    }

    /** A new webhook's form: a label in English, POST, active. */
    static WebhookForm blank() {
        return new WebhookForm("", List.of(new LabelRow("en", "")), "", "", "", true, List.of(), List.of(), "POST", "",
                List.of(), INLINE, "", "", "", "", false, "after-commit", "", "", "");
    }

    /** The form of a document as {@code GET /webhooks/{code}/definition} answers it. */
    @SuppressWarnings("unchecked")
    static WebhookForm of(Map<String, Object> doc) {
        List<LabelRow> labels = new ArrayList<>();
        if (doc.get("label") instanceof Map<?, ?> byLanguage) {
            byLanguage.forEach((language, text) -> labels.add(new LabelRow(String.valueOf(language), String.valueOf(text))));
        } else if (doc.get("label") instanceof String text) {
            labels.add(new LabelRow("", text));
        }
        List<FilterRow> filters = new ArrayList<>();
        for (Map<String, Object> c : (List<Map<String, Object>>) doc.getOrDefault("filter", List.of())) {
            filters.add(c.containsKey("field")
                    ? new FilterRow(String.valueOf(c.get("field")), String.valueOf(c.get("op")),
                    FormValues.text(c.get("value")), "")
                    : new FilterRow("", "", "", EventJson.write(c)));
        }
        List<HeaderRow> headers = new ArrayList<>();
        for (Map<String, Object> h : (List<Map<String, Object>>) doc.getOrDefault("headers", List.of())) {
            headers.add(new HeaderRow(text(h.get("name")), text(h.get("value"))));
        }
        Map<String, Object> execution = (Map<String, Object>) doc.getOrDefault("execution", Map.of());
        Object retry = execution.get("retry");
        String retryText = retry == null ? "" : Boolean.FALSE.equals(retry) ? "none"
                : retry instanceof Map<?, ?> m ? m.get("attempts") + " attempts"
                : String.join(", ", ((List<Object>) retry).stream().map(String::valueOf).toList());
        String template = text(doc.get("bodyTemplate"));
        return new WebhookForm(text(doc.get("code")), labels, text(doc.get("description")), text(doc.get("owner")),
                text(doc.get("tenant")), !Boolean.FALSE.equals(doc.get("active")),
                (List<String>) doc.getOrDefault("eventTypes", List.of()), filters, text(doc.get("httpVerb")),
                text(doc.get("url")), headers, template.isEmpty() ? INLINE : TEMPLATE, text(doc.get("body")), template,
                "", String.join(", ", (List<String>) doc.getOrDefault("signingSecret", List.of())),
                Boolean.TRUE.equals(execution.get("synchronous")), text(execution.get("transaction")),
                text(execution.get("timeout")), retryText, "");
    }

    /** The form as posted. */
    static WebhookForm posted(Map<String, List<String>> form) {
        List<String> languages = all(form, "label.language");
        List<String> texts = all(form, "label.text");
        List<LabelRow> labels = new ArrayList<>();
        for (int i = 0; i < Math.max(languages.size(), texts.size()); i++) {
            labels.add(new LabelRow(at(languages, i), at(texts, i)));
        }
        List<String> fields = all(form, "filter.field");
        List<String> ops = all(form, "filter.op");
        List<String> values = all(form, "filter.value");
        List<String> raws = all(form, "filter.raw");
        List<FilterRow> filters = new ArrayList<>();
        for (int i = 0; i < Math.max(fields.size(), raws.size()); i++) {
            filters.add(new FilterRow(at(fields, i), at(ops, i), at(values, i), at(raws, i)));
        }
        List<String> names = all(form, "header.name");
        List<String> headerValues = all(form, "header.value");
        List<HeaderRow> headers = new ArrayList<>();
        for (int i = 0; i < Math.max(names.size(), headerValues.size()); i++) {
            headers.add(new HeaderRow(at(names, i), at(headerValues, i)));
        }
        List<String> events = new ArrayList<>(all(form, "eventType"));
        FormValues.words(first(form, "otherEvents")).stream().filter(e -> !events.contains(e)).forEach(events::add);
        return new WebhookForm(first(form, "code"), labels, first(form, "description"), first(form, "owner"),
                first(form, "tenant"), form.containsKey("active"), events, filters, first(form, "httpVerb"),
                first(form, "url"), headers, TEMPLATE.equals(first(form, "bodyKind")) ? TEMPLATE : INLINE,
                first(form, "body"), first(form, "bodyTemplate"), first(form, "bodyTemplateText"),
                first(form, "signingSecret"), form.containsKey("synchronous"), first(form, "transaction"),
                first(form, "timeout"), first(form, "retry"), first(form, "message"));
    }

    /** The same form with one more empty row of {@code rows}: {@code label}, {@code filter} or {@code header}. */
    WebhookForm withRow(String rows) {
        List<LabelRow> l = new ArrayList<>(labels);
        List<FilterRow> f = new ArrayList<>(filters);
        List<HeaderRow> h = new ArrayList<>(headers);
        switch (rows) {
            case "label" -> l.add(new LabelRow("", ""));
            case "filter" -> f.add(new FilterRow("", "==", "", ""));
            case "header" -> h.add(new HeaderRow("", ""));
            default -> {
                return this;
            }
        }
        return new WebhookForm(code, l, description, owner, tenant, active, eventTypes, f, httpVerb, url, h, bodyKind,
                body, bodyTemplate, bodyTemplateText, signingSecret, synchronous, transaction, timeout, retry, message);
    }

    /** The webhook document of the form; blank rows and blank optional fields are left out. */
    Made document() {
        ObjectNode json = EventJson.MAPPER.createObjectNode();
        putText(json, "code", code);
        List<LabelRow> named = labels.stream().filter(r -> !r.blank()).toList();
        if (named.size() == 1 && named.get(0).language().isBlank()) {
            // A label in no language, as a file may say it: label 'ERP sync'.
            json.put("label", named.get(0).text());
        } else {
            ObjectNode label = json.putObject("label");
            named.forEach(r -> label.put(r.language().strip(), r.text()));
        }
        json.put("description", description);
        putText(json, "owner", owner);
        json.put("active", active);
        ArrayNode events = json.putArray("eventTypes");
        eventTypes.forEach(events::add);
        putText(json, "tenant", tenant);
        ArrayNode filter = json.putArray("filter");
        List<Integer> filterRows = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            FilterRow row = filters.get(i);
            if (!row.blank()) {
                filter.add(condition(row));
                filterRows.add(i);
            }
        }
        json.put("httpVerb", httpVerb.isBlank() ? null : httpVerb.strip());
        json.put("url", url.strip());
        ArrayNode headerList = json.putArray("headers");
        List<Integer> headerRows = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            HeaderRow row = headers.get(i);
            if (!row.blank()) {
                headerList.addObject().put("name", row.name().strip()).put("value", row.value());
                headerRows.add(i);
            }
        }
        if (TEMPLATE.equals(bodyKind)) {
            putText(json, "bodyTemplate", bodyTemplate);
            if (!bodyTemplateText.isEmpty()) {
                json.put("bodyTemplateText", bodyTemplateText.replace("\r\n", "\n"));
            }
        } else if (!body.isBlank()) {
            json.put("body", body.replace("\r\n", "\n"));
        }
        ArrayNode secrets = json.putArray("signingSecret");
        FormValues.words(signingSecret).forEach(secrets::add);
        ObjectNode execution = json.putObject("execution");
        execution.put("synchronous", synchronous);
        putText(execution, "transaction", transaction);
        putText(execution, "timeout", timeout);
        retry(execution);
        putText(json, "message", message);
        return new Made(json, filterRows, headerRows);
    }

    private static JsonNode condition(FilterRow row) {
        if (!row.raw().isBlank()) {
            try {
                return EventJson.MAPPER.readTree(row.raw());
            } catch (JsonProcessingException e) {
                // Not JSON: the document's reader names the row.
                return EventJson.MAPPER.getNodeFactory().textNode(row.raw());
            }
        }
        ObjectNode c = EventJson.MAPPER.createObjectNode().put("field", row.field().strip()).put("op", row.op());
        if (!row.op().equals("present") && !row.op().equals("missing")) {
            c.set("value", FormValues.value(row.value(), row.op()));
        }
        return c;
    }

    /** Blank: the engine's schedule; {@code none}: no retry; {@code 3 attempts}; else the waits ({@code 5s, 5m}). */
    private void retry(ObjectNode execution) {
        String r = retry.strip();
        Matcher attempts = ATTEMPTS.matcher(r);
        if (r.isEmpty()) {
            return;
        }
        if (r.equals("none") || r.equals("false")) {
            execution.put("retry", false);
        } else if (attempts.matches()) {
            execution.putObject("retry").put("attempts", Integer.parseInt(attempts.group(1)));
        } else {
            ArrayNode waits = execution.putArray("retry");
            FormValues.words(r).forEach(waits::add);
        }
    }

    private static void putText(ObjectNode json, String field, String value) {
        if (value != null && !value.isBlank()) {
            json.put(field, value.strip());
        }
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static List<String> all(Map<String, List<String>> form, String name) {
        return Optional.ofNullable(form.get(name)).orElse(List.of());
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = all(form, name);
        return values.isEmpty() || values.get(0) == null ? "" : values.get(0);
    }

    private static String at(List<String> values, int i) {
        return i < values.size() && values.get(i) != null ? values.get(i) : "";
    }

    /** The form as its template reads it. */
    Map<String, Object> model() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("labels", rows(labels, LabelRow::blank, new LabelRow("", "")).stream()
                .map(r -> Map.of("language", r.language(), "text", r.text())).toList());
        m.put("description", description);
        m.put("owner", owner);
        m.put("tenant", tenant);
        m.put("active", active);
        m.put("filters", rows(filters, FilterRow::blank, new FilterRow("", "==", "", "")).stream()
                .map(r -> Map.of("field", r.field(), "op", r.op(), "value", r.value(), "raw", r.raw())).toList());
        m.put("httpVerb", httpVerb);
        m.put("url", url);
        m.put("headers", rows(headers, HeaderRow::blank, new HeaderRow("", "")).stream()
                .map(r -> Map.of("name", r.name(), "value", r.value())).toList());
        m.put("bodyKind", bodyKind);
        m.put("body", body);
        m.put("bodyTemplate", bodyTemplate);
        m.put("bodyTemplateText", bodyTemplateText);
        m.put("signingSecret", signingSecret);
        m.put("synchronous", synchronous);
        m.put("transaction", transaction);
        m.put("timeout", timeout);
        m.put("retry", retry);
        m.put("message", message);
        return m;
    }

    /** The rows with an empty one last, to fill in. */
    private static <T> List<T> rows(List<T> rows, java.util.function.Predicate<T> blank, T empty) {
        List<T> shown = new ArrayList<>(rows);
        if (shown.isEmpty() || !blank.test(shown.get(shown.size() - 1))) {
            shown.add(empty);
        }
        return shown;
    }
}
