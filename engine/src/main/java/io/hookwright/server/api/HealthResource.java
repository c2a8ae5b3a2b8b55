package io.hookwright.server.api;

import io.hookwright.server.ServerContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /health}: open, for load balancers and probes; says which definitions run and how deep the queue is. */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {
    @Inject
    private ServerContext context;

    @GET
    public Map<String, Object> health() {
        var loaded = context.engine().definitions();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("revision", loaded.revision());
        body.put("webhooks", loaded.definitions().size());
        body.put("outboxDepth", context.engine().outbox().depth());
        return body;
    }
}
