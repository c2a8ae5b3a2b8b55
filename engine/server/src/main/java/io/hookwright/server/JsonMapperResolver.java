package io.hookwright.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookwright.event.EventJson;
import jakarta.ws.rs.ext.ContextResolver;

/**
 * Bodies are read and written with the engine's JSON settings: decimals stay exact, trailing garbage is refused, and
 * the parser is bounded ({@link EventJson#INPUT}).
 */
final class JsonMapperResolver implements ContextResolver<ObjectMapper> {
    @Override
    public ObjectMapper getContext(Class<?> type) {
        return EventJson.INPUT;
    }
}
