package io.hookwright.authoring;

import jakarta.ws.rs.WebApplicationException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Why authoring refused a write, as REST answers it, for callers that are no HTTP client (the command line): the
 * status (422 invalid, 409 conflict, 412 stale, 404 unknown…), title, detail, and the members that help act on it
 * ({@code errors} with file, line and column; {@code field}; {@code commit}).
 */
public record WriteRefused(int status, String title, String detail, Map<String, Object> members) {
    private static final Set<String> PROBLEM = Set.of("type", "title", "status", "detail");

    public WriteRefused {
        members = Map.copyOf(members);
    }

    /** The refusal {@code error} is, or empty when it is a failure of another kind. */
    public static Optional<WriteRefused> of(RuntimeException error) {
        if (error instanceof BadDocument bad) {
            return Optional.of(new WriteRefused(bad.status(), bad.status() == 400 ? "Bad webhook document"
                    : "Invalid webhook document", bad.getMessage(), Map.of("field", bad.field())));
        }
        if (error instanceof WebApplicationException web && web.getResponse().getEntity() instanceof Map<?, ?> body) {
            Map<String, Object> members = new LinkedHashMap<>();
            body.forEach((k, v) -> {
                if (!PROBLEM.contains(String.valueOf(k)) && v != null) {
                    members.put(String.valueOf(k), v);
                }
            });
            return Optional.of(new WriteRefused(web.getResponse().getStatus(), String.valueOf(body.get("title")),
                    String.valueOf(body.get("detail")), members));
        }
        return Optional.empty();
    }
}
