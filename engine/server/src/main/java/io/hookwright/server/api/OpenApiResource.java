package io.hookwright.server.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;
import java.util.Objects;

/** {@code GET /openapi.json}: open, like {@code /health}; the REST API as OpenAPI 3.1, made from the resources. */
@Path("/openapi.json")
@Produces(MediaType.APPLICATION_JSON)
public final class OpenApiResource {
    private static final Map<String, Object> DOCUMENT = OpenApi.document(
            Objects.requireNonNullElse(OpenApiResource.class.getPackage().getImplementationVersion(), "dev"),
            Endpoints.API);

    @GET
    public Map<String, Object> document() {
        return DOCUMENT;
    }
}
