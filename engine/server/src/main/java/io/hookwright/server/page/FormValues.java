package io.hookwright.server.page;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.hookwright.event.EventJson;

import java.util.Arrays;
import java.util.List;

/**
 * A criterion's value as a form's text box holds it: JSON when the text is JSON ({@code 10000}, {@code true},
 * {@code "42"}), as {@code dry-run --set} reads it, else the text itself; for {@code in}, a list separated by commas
 * unless it is a JSON array.
 */
final class FormValues {
    private FormValues() {
    }

    static JsonNode value(String text, String op) {
        String t = text == null ? "" : text.strip();
        if ("in".equals(op) && !t.startsWith("[")) {
            ArrayNode list = JsonNodeFactory.instance.arrayNode();
            Arrays.stream(t.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(s -> list.add(scalar(s)));
            return list;
        }
        return scalar(t);
    }

    private static JsonNode scalar(String t) {
        try {
            JsonNode json = EventJson.MAPPER.readTree(t);
            return json == null || json.isMissingNode() || json.isObject() ? JsonNodeFactory.instance.textNode(t) : json;
        } catch (JsonProcessingException e) {
            return JsonNodeFactory.instance.textNode(t);
        }
    }

    /** The text that reads back as {@code value}: a text that would read as JSON is quoted. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list && list.stream().allMatch(v -> v instanceof String s && !s.contains(",")
                && scalar(s.strip()).isTextual() && s.equals(s.strip()) && !s.isEmpty())) {
            return String.join(", ", list.stream().map(String::valueOf).toList());
        }
        if (value instanceof String s && scalar(s.strip()).isTextual() && s.equals(s.strip())
                && !s.startsWith("[")) {
            return s;
        }
        return EventJson.write(value);
    }

    /** Words separated by commas or spaces ({@code ERP_SIGNING, ERP_OLD}). */
    static List<String> words(String text) {
        return text == null ? List.of()
                : Arrays.stream(text.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
