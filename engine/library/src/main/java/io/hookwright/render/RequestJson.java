package io.hookwright.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.hookwright.event.EventJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How a rendered request is stored: JSON with secret references, never secret values. */
public final class RequestJson {
    private RequestJson() {
    }

    public static String write(RenderedRequest request) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("method", request.method());
        json.put("url", request.url());
        json.put("headers", pairs(request.headers()));
        json.put("body", request.body());
        return EventJson.write(json);
    }

    public static RenderedRequest read(String text) {
        Map<String, Object> json = parse(text, new TypeReference<>() {
        });
        @SuppressWarnings("unchecked")
        List<List<String>> headers = (List<List<String>>) json.get("headers");
        return new RenderedRequest((String) json.get("method"), (String) json.get("url"), headers(headers),
                (String) json.get("body"));
    }

    /** Headers as {@code [[name, value], …]}: order and repeated names are kept. */
    public static String writeHeaders(List<RenderedRequest.Header> headers) {
        return EventJson.write(pairs(headers));
    }

    public static List<RenderedRequest.Header> readHeaders(String text) {
        return headers(parse(text, new TypeReference<List<List<String>>>() {
        }));
    }

    private static List<List<String>> pairs(List<RenderedRequest.Header> headers) {
        List<List<String>> pairs = new ArrayList<>(headers.size());
        headers.forEach(h -> pairs.add(List.of(h.name(), h.value())));
        return pairs;
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

    public static Map<String, String> readMap(String json) {
        return parse(json, new TypeReference<>() {
        });
    }
}
