package io.hookwright.server.api;

import io.hookwright.server.Metrics;
import io.hookwright.server.auth.RequiresScope;
import io.hookwright.server.auth.Scope;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** {@code GET /metrics}: Prometheus text. It tells how busy the engine is, so it needs a token ({@code runs:read}). */
@Path("/metrics")
public final class MetricsResource {
    @Inject
    private Metrics metrics;

    @GET
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    @RequiresScope(Scope.RUNS_READ)
    public String scrape() {
        return metrics.scrape();
    }
}
