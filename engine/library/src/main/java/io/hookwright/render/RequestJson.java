package io.hookwright.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import io.hookwright.event.EventJson;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How a rendered request is stored: JSON with secret references, never secret values. */
public final class RequestJson {
    /** Generators and parsers without the mapper's configuration, which these plain shapes do not need. */
    private static final JsonFactory FACTORY = EventJson.MAPPER.getFactory();

    private RequestJson() {
    }

    public static String write(RenderedRequest request) {
        // Written as it streams out, not through a map: every queued message is written once, on the host's thread.
        return streamed(json -> {
            json.writeStartObject();
            json.writeStringField("method", request.method());
            json.writeStringField("url", request.url());
            json.writeFieldName("headers");
            pairs(json, request.headers());
            json.writeStringField("body", request.body());
            json.writeEndObject();
        });
    }

    public static RenderedRequest read(String text) {
        // Read as it streams in, for the same reason: every claimed message is read once.
        try (JsonParser json = FACTORY.createParser(text)) {
            String method = null;
            String url = null;
            String body = null;
            List<RenderedRequest.Header> headers = List.of();
            expect(json.nextToken(), JsonToken.START_OBJECT, text);
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "method" -> method = json.getValueAsString();
                    case "url" -> url = json.getValueAsString();
                    case "body" -> body = value == JsonToken.VALUE_NULL ? null : json.getValueAsString();
                    case "headers" -> headers = pairs(json, text);
                    default -> json.skipChildren();
                }
            }
            return new RenderedRequest(method, url, headers, body);
        } catch (IOException e) {
            throw new IllegalStateException("a stored value is not readable: " + e.getMessage(), e);
        }
    }

    private static List<RenderedRequest.Header> pairs(JsonParser json, String text) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return List.of();
        }
        expect(json.currentToken(), JsonToken.START_ARRAY, text);
        List<RenderedRequest.Header> headers = new ArrayList<>();
        while (json.nextToken() == JsonToken.START_ARRAY) {
            json.nextToken();
            String name = json.getValueAsString();
            json.nextToken();
            String value = json.getValueAsString();
            expect(json.nextToken(), JsonToken.END_ARRAY, text);
            headers.add(new RenderedRequest.Header(name, value));
        }
        return headers;
    }

    private static void expect(JsonToken token, JsonToken wanted, String text) throws IOException {
        if (token != wanted) {
            throw new IOException("expected " + wanted + " but found " + token + " in a stored request of "
                    + text.length() + " characters");
        }
    }

    private static void pairs(JsonGenerator json, List<RenderedRequest.Header> headers) throws IOException {
        json.writeStartArray();
        for (RenderedRequest.Header h : headers) {
            json.writeStartArray();
            json.writeString(h.name());
            json.writeString(h.value());
            json.writeEndArray();
        }
        json.writeEndArray();
    }

    /** What {@code write} writes, as a string. */
    private interface Writing {
        void write(JsonGenerator json) throws IOException;
    }

    private static String streamed(Writing writing) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            writing.write(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getMessage(), e);
        }
        return out.toString();
    }

    /** Headers as {@code [[name, value], …]}: order and repeated names are kept. */
    public static String writeHeaders(List<RenderedRequest.Header> headers) {
        return streamed(json -> pairs(json, headers));
    }

    public static List<RenderedRequest.Header> readHeaders(String text) {
        return headers(parse(text, new TypeReference<List<List<String>>>() {
        }));
    }

    private static List<RenderedRequest.Header> headers(List<List<String>> pairs) {
        List<RenderedRequest.Header> headers = new ArrayList<>(pairs.size());
        pairs.forEach(p -> headers.add(new RenderedRequest.Header(p.get(0), p.get(1))));
        return headers;
    }

    static <T> T parse(String json, TypeReference<T> type) {
        try {
            return EventJson.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored value is not readable: " + e.getOriginalMessage(), e);
        }
    }

    /** A response's headers, as a JSON object. */
    public static String writeMap(Map<String, String> map) {
        return streamed(json -> {
            json.writeStartObject();
            for (Map.Entry<String, String> entry : map.entrySet()) {
                json.writeStringField(entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
        });
    }

    public static Map<String, String> readMap(String json) {
        return parse(json, new TypeReference<>() {
        });
    }
}
