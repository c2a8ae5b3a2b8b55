package io.hookwright.render;

import io.hookwright.event.EventJson;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How a request is stored: read back as it was written, and in the shape rows written before still have. */
class RequestJsonTest {
    private static final RenderedRequest REQUEST = new RenderedRequest("POST", "https://erp.example.com/x?a=\"b\"",
            List.of(new RenderedRequest.Header("Content-Type", "application/json"),
                    new RenderedRequest.Header("X-Twice", "1"), new RenderedRequest.Header("X-Twice", "2 ü \n")),
            "{\"project\": \"Apollo ✓\"}");

    @Test
    void aRequestIsReadBackAsItWasWrittenHeadersInOrderAndRepeated() {
        assertEquals(REQUEST, RequestJson.read(RequestJson.write(REQUEST)));
    }

    @Test
    void aRequestWithoutBodyOrHeadersIsReadBackAsWell() {
        RenderedRequest empty = new RenderedRequest("GET", "https://erp.example.com/", List.of(), null);

        assertEquals(empty, RequestJson.read(RequestJson.write(empty)));
    }

    @Test
    void theStoredShapeIsTheOneRowsWrittenBeforeHold() {
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("method", REQUEST.method());
        before.put("url", REQUEST.url());
        before.put("headers", REQUEST.headers().stream().map(h -> List.of(h.name(), h.value())).toList());
        before.put("body", REQUEST.body());

        assertEquals(EventJson.write(before), RequestJson.write(REQUEST));
        assertEquals(REQUEST, RequestJson.read(EventJson.write(before)));
        assertEquals(EventJson.write(before.get("headers")), RequestJson.writeHeaders(REQUEST.headers()));
    }

    @Test
    void responseHeadersAreAnObject() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "text/plain");
        headers.put("x-a", "1, 2");

        assertEquals(EventJson.write(headers), RequestJson.writeMap(headers));
        assertEquals(headers, RequestJson.readMap(RequestJson.writeMap(headers)));
    }
}
