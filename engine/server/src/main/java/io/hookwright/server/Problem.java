package io.hookwright.server;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error as an RFC 9457 problem body ({@code application/problem+json}): a title for the kind of error, a detail
 * saying what exactly is wrong, and any members that help a client act on it.
 */
public final class Problem {
    public static final String MEDIA_TYPE = "application/problem+json";

    private Problem() {
    }

    public static Response response(int status, String title, String detail) {
        return response(status, title, detail, Map.of());
    }

    public static Response response(int status, String title, String detail, Map<String, ?> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.putAll(extra);
        return Response.status(status).type(MEDIA_TYPE).entity(body).build();
    }

    /** Throws out of a resource method with a problem body. */
    public static WebApplicationException of(int status, String title, String detail) {
        return new WebApplicationException(response(status, title, detail));
    }

    public static WebApplicationException of(int status, String title, String detail, Map<String, ?> extra) {
        return new WebApplicationException(response(status, title, detail, extra));
    }
}
