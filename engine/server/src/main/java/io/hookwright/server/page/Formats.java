package io.hookwright.server.page;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.hookwright.event.EventJson;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the pages write times, durations and bodies. Times are UTC, as the CLI writes them. */
final class Formats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** The time, or null (a template leaves it out) when there is none. */
    static String time(Instant at) {
        return at == null ? null : TIME.format(at);
    }

    static String duration(Duration d) {
        return d == null ? null : d.toMillis() + " ms";
    }

    /** A JSON body indented to read; any other body as it is. */
    static String body(String body) {
        if (body == null || body.isBlank()) {
            return body;
        }
        String trimmed = body.strip();
        if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
            return body;
        }
        try {
            JsonNode tree = EventJson.MAPPER.readTree(trimmed);
            return EventJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            return body;
        }
    }
}
