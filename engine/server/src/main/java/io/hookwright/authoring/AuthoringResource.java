package io.hookwright.authoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookwright.server.Problem;
import io.hookwright.server.auth.RequiresScope;
import io.hookwright.server.auth.Scope;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Webhooks written as documents: create, read (the document, or its Groovy), replace and delete, each write a commit
 * to the definitions' work tree, and the commits that changed a webhook. A write names the revision it read in
 * {@code If-Match}.
 */
@Path("/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public final class AuthoringResource {
    /** The most commits a history answers with. */
    private static final int HISTORY = 100;
    @Inject
    private Authoring authoring;
    @Context
    private SecurityContext caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.WEBHOOKS_CREATE)
    public Response create(JsonNode document) {
        Authoring.Answer answer = documented(() -> authoring.create(document, author()));
        if (answer.proposed()) {
            return Response.accepted(answer.body()).build();
        }
        String code = (String) answer.body().get("code");
        return Response.created(URI.create("/webhooks/" + code)).tag(new EntityTag(answer.revision()))
                .entity(answer.body()).build();
    }

    @GET
    @Path("/{code}/definition")
    @RequiresScope(Scope.WEBHOOKS_READ)
    public Response definition(@PathParam("code") String code) {
        Authoring.Answer answer = authoring.read(code);
        return Response.ok(answer.body()).tag(new EntityTag(answer.revision())).build();
    }

    @GET
    @Path("/{code}/source")
    @Produces(MediaType.TEXT_PLAIN + ";charset=utf-8")
    @RequiresScope(Scope.WEBHOOKS_READ)
    public String source(@PathParam("code") String code) {
        return authoring.source(code);
    }

    @GET
    @Path("/{code}/history")
    @RequiresScope(Scope.WEBHOOKS_READ)
    public List<Map<String, Object>> history(@PathParam("code") String code, @QueryParam("diff") boolean diff) {
        return authoring.history(code, diff, HISTORY);
    }

    @PUT
    @Path("/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.WEBHOOKS_WRITE)
    public Response replace(@PathParam("code") String code, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                            JsonNode document) {
        Authoring.Answer answer = documented(() -> authoring.update(code, ifMatch, document, author()));
        if (answer.proposed()) {
            return Response.accepted(answer.body()).build();
        }
        return Response.ok(answer.body()).tag(new EntityTag(answer.revision())).build();
    }

    @DELETE
    @Path("/{code}")
    @RequiresScope(Scope.WEBHOOKS_DELETE)
    public Response delete(@PathParam("code") String code, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @QueryParam("message") String message) {
        Authoring.Answer answer = authoring.delete(code, ifMatch, author(), message);
        if (answer.body() == null) {
            return Response.noContent().build();
        }
        return Response.status(answer.proposed() ? 202 : 200).entity(answer.body()).build();
    }

    @DELETE
    @RequiresScope(Scope.WEBHOOKS_DELETE)
    public Response deleteAll(@QueryParam("all") String all, @QueryParam("message") String message) {
        if (!"true".equals(all)) {
            throw Problem.of(400, "Bad request", "to delete every webhook, send DELETE /webhooks?all=true");
        }
        Authoring.Deleted deleted = authoring.deleteAll(author(), message);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deleted", deleted.deleted());
        body.put("kept", deleted.kept().entrySet().stream().map(e -> Map.of("code", e.getKey(), "reason",
                e.getValue())).toList());
        if (deleted.revision() != null) {
            body.put("revision", deleted.revision());
        }
        if (deleted.branch() != null) {
            body.put("branch", deleted.branch());
        }
        if (deleted.push() != null) {
            body.put("push", deleted.push().json());
        }
        return Response.status(deleted.branch() != null ? 202 : 200).entity(body).build();
    }

    private String author() {
        return Author.of(caller);
    }

    /** Runs a write, answering a bad document with a problem naming its field. */
    private static <T> T documented(Supplier<T> write) {
        try {
            return write.get();
        } catch (BadDocument bad) {
            throw Problem.of(bad.status(), bad.status() == 400 ? "Bad webhook document" : "Invalid webhook document",
                    bad.getMessage(), Map.of("field", bad.field()));
        }
    }
}
