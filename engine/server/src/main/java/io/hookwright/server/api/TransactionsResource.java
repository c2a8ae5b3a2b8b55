package io.hookwright.server.api;

import io.hookwright.event.Event;
import io.hookwright.execution.Published;
import io.hookwright.errors.WebhookVetoedException;
import io.hookwright.ingest.HttpTransactions;
import io.hookwright.ingest.Ingest;
import io.hookwright.server.Problem;
import io.hookwright.server.auth.RequiresScope;
import io.hookwright.server.auth.Scope;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import io.hookwright.event.EventFormatException;
import io.hookwright.event.EventLimits;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inside semantics for hosts over HTTP: {@code POST /transactions} → {@code {id, expiresAt}}; events posted into it
 * run sync-inside webhooks at once (409 and rollback-only on a veto); {@code commit} runs the after-commit ones and
 * releases the queued messages; {@code rollback} or expiry discards them. A transaction belongs to the token that
 * began it: to any other it is 404, like one that does not exist.
 */
@Path("/transactions")
@RequiresScope(Scope.EVENTS_WRITE)
@Produces(MediaType.APPLICATION_JSON)
public final class TransactionsResource {
    @Inject
    private HttpTransactions transactions;

    /** The longest transaction id taken in a path; the engine makes them 27 characters long. */
    static final int MAX_ID_LENGTH = 100;

    @POST
    public Response begin(@Context SecurityContext security) {
        HttpTransactions.Begun begun = transactions.begin(Callers.name(security));
        return Response.status(201).entity(Map.of("id", begun.id(), "expiresAt", begun.expiresAt().toString())).build();
    }

    @POST
    @Path("/{id}/events")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response publish(@PathParam("id") String id, String body, @Context SecurityContext security) {
        String owner = owner(id, security);
        List<Map<String, Object>> results = new ArrayList<>();
        for (Event event : io.hookwright.event.EventJson.parseOneOrMany(body)) {
            Published published = call(() -> transactions.publish(owner, id, event));
            results.add(Ingest.result(published, null));
            if (call(() -> transactions.vetoed(owner, id))) {
                Map<String, Object> extra = new LinkedHashMap<>();
                extra.put("results", results);
                throw Problem.of(409, "Vetoed", "a sync-inside webhook vetoed event " + published.eventId()
                        + ": transaction " + id + " is rollback-only now; roll it back", extra);
            }
        }
        return Response.ok(Map.of("results", results)).build();
    }

    @POST
    @Path("/{id}/commit")
    public Response commit(@PathParam("id") String id, @Context SecurityContext security) {
        String owner = owner(id, security);
        try {
            return Response.ok(Map.of("id", id, "state", "committed", "results",
                            results(call(() -> transactions.commit(owner, id)))))
                    .build();
        } catch (WebhookVetoedException veto) {
            throw Problem.of(409, "Vetoed", veto.getMessage() + "; transaction " + id + " was rolled back",
                    Map.of("veto", Ingest.veto(veto)));
        }
    }

    @POST
    @Path("/{id}/rollback")
    public Response rollback(@PathParam("id") String id, @Context SecurityContext security) {
        String owner = owner(id, security);
        return Response.ok(Map.of("id", id, "state", "rolled-back", "results",
                        results(call(() -> transactions.rollback(owner, id)))))
                .build();
    }

    /** The caller, once the id in the path is one the engine could have made (400 naming {@code id} if not). */
    private static String owner(String id, SecurityContext security) {
        try {
            EventLimits.identifier("id", id, MAX_ID_LENGTH);
        } catch (EventFormatException e) {
            throw Problem.of(400, "Bad request", "the transaction id in the path " + e.reason(), Map.of("field", "id"));
        }
        return Callers.name(security);
    }

    private static List<Map<String, Object>> results(List<Published> published) {
        return published.stream().map(p -> Ingest.result(p, null)).toList();
    }

    private static <T> T call(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (HttpTransactions.Unavailable e) {
            throw Problem.of(e.status(), e.status() == 404 ? "Not Found" : e.status() == 410 ? "Gone" : "Conflict",
                    e.getMessage());
        }
    }
}
