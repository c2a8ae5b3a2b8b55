package io.hookwright.runlog;

import java.util.Map;

/** What the target answered; the body is cut to the configured size before it is logged. */
public record Response(int status, Map<String, String> headers, String body) {
    public Response {
        headers = Map.copyOf(headers);
    }
}
