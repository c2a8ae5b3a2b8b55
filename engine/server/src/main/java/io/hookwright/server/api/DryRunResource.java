package io.hookwright.server.api;

import io.hookwright.dryrun.DryRun;
import io.hookwright.dryrun.DryRunJson;
import io.hookwright.event.Event;
import io.hookwright.server.ServerContext;
import io.hookwright.server.auth.RequiresScope;
import io.hookwright.server.auth.Scope;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/** {@code POST /dry-run}: what an event would do against the running definitions; nothing is sent. Shape as {@code dry-run --json}. */
@Path("/dry-run")
@Produces(MediaType.APPLICATION_JSON)
public final class DryRunResource {
    @Inject
    private ServerContext context;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.WEBHOOKS_READ)
    public DryRunJson dryRun(Map<String, Object> body) {
        Event event = WorkspaceRequest.event(body, context.workspace(), context.clock(), null);
        return new DryRun(context.engine().definitions().definitions(), context.secrets()).run(event).toJson();
    }
}
