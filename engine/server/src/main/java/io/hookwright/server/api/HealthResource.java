package io.hookwright.server.api;

import io.hookwright.server.HealthChecks;
import io.hookwright.server.ServerContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /health}: open, for load balancers and probes. 200 {@code {status: "ok", …}} when the engine can serve:
 * its store answers, definitions are loaded, no fatal error happened; else 503 {@code {status: "unavailable",
 * checks: {store, definitions, engine}}} naming what is wrong. Says which definitions run and how deep the queue is.
 */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {
    @Inject
    private ServerContext context;
    @Inject
    private HealthChecks checks;

    @GET
    public Response health() {
        HealthChecks.Health health = checks.check();
        var loaded = context.engine().definitions();
        HealthJson body = new HealthJson(health.ok() ? "ok" : "unavailable", loaded == null ? null : loaded.revision(),
                loaded == null ? 0 : loaded.definitions().size(), HealthJson.LastReload.of(health.lastReload()),
                health.outboxDepth(),
                HealthJson.Checks.of(health.checks()));
        return Response.status(health.ok() ? 200 : 503).entity(body).build();
    }
}
