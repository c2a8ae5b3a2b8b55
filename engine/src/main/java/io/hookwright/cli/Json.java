package io.hookwright.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.hookwright.event.EventJson;

/** Pretty JSON for {@code --json} output. */
final class Json {
    private Json() {
    }

    static String pretty(Object value) {
        try {
            return EventJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
