package io.hookwright.server.api;

import io.hookwright.definitions.DefinitionsSource;
import io.hookwright.dsl.model.DefinitionError;
import io.hookwright.execution.Reloader;
import io.hookwright.server.Problem;
import io.hookwright.server.auth.RequiresScope;
import io.hookwright.server.auth.Scope;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /admin/reload}: compiles the definitions folder and swaps it in whole; 200 with the new revision and
 * count, or 422 with every error while the previous set keeps running.
 */
@Path("/admin")
@RequiresScope(Scope.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public final class AdminResource {
    @Inject
    private Reloader reloader;

    @POST
    @Path("/reload")
    public ReloadJson reload() {
        DefinitionsSource.Load load = reloader.reload();
        if (!load.valid()) {
            List<DefinitionErrorJson> errors = load.errors().stream().map(DefinitionErrorJson::of).toList();
            throw Problem.of(422, "Invalid definitions", load.errors().size() + " error(s) in "
                    + reloader.source().folder() + "; the previous definitions keep running", Map.of("errors", errors));
        }
        List<String> warnings = reloader.warnings(load.definitions()).stream().map(DefinitionError::format).toList();
        return new ReloadJson(load.revision(), load.definitions().size(), load.files(), load.compiledFiles(), warnings);
    }
}
