package io.hookwright.server.api;

import io.hookwright.event.EventJson;
import io.hookwright.execution.Fired;
import io.hookwright.execution.Published;
import io.hookwright.ingest.Ingest;
import io.hookwright.errors.WebhookVetoedException;
import io.hookwright.ingest.EventResult;
import io.hookwright.ingest.HttpTransactions;
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

import java.util.List;
import java.util.Map;

/**
 * Inside semantics for hosts over HTTP: {@code POST /transactions} → {@code {id, expiresAt}}; events posted into it
 * run sync-inside webhooks at once (409 and rollback-only on a veto); {@code commit} runs the after-commit ones and
 * releases the queued messages; {@code rollback} or expiry discards them. A transaction belongs to the token that
 * began it: to any other it is 404, like one that does not exist. Event ids are the token's, as for
 * {@code POST /events}: a repeat is answered and not published again ({@code Idempotent-Replayed: true} when every
 * event posted was one), the same id with another event is a 409 naming it, and so is an id another open transaction
 * holds.
 */
@Path("/transactions")
@RequiresScope(Scope.EVENTS_WRITE)
@Produces(MediaType.APPLICATION_JSON)
public final class TransactionsResource {
    @Inject
    private HttpTransactions transactions;

    /** The longest transaction id taken in a path; the engine makes them 27 characters long. */
    static final int MAX_ID_LENGTH = 100;

    /** {@code POST /transactions}: the new transaction, and when it expires unless ended. */
    public record Begun(String id, String expiresAt) {
    }

    /** What the events posted into a transaction did so far. */
    public record Results(List<EventResult> results) {
    }

    /** How a transaction ended ({@code committed} or {@code rolled-back}) and what its events did. */
    public record Ended(String id, String state, List<EventResult> results) {
    }

    @POST
    public Response begin(@Context SecurityContext security) {
        HttpTransactions.Begun begun = transactions.begin(Callers.name(security));
        return Response.status(201).entity(new Begun(begun.id(), begun.expiresAt().toString())).build();
    }

    @POST
    @Path("/{id}/events")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response publish(@PathParam("id") String id, String body, @Context SecurityContext security) {
        String owner = owner(id, security);
        boolean array = body.stripLeading().startsWith("[");
        List<HttpTransactions.Posted> posted;
        try {
            posted = call(() -> transactions.publish(owner, id, EventJson.parseOneOrMany(body)));
        } catch (Ingest.IdConflict e) {
            throw EventsResource.conflict(e, array ? "[" + e.index() + "].id" : "id");
        } catch (Ingest.InProgress e) {
            throw EventsResource.inProgress(e, array ? "[" + e.index() + "].id" : "id");
        }
        List<EventResult> results = posted.stream().map(HttpTransactions.Posted::result).toList();
        HttpTransactions.Posted last = posted.get(posted.size() - 1);
        if (!last.replayed() && last.result().runs().stream().anyMatch(f -> f.status() == Fired.Status.VETOED)) {
            throw Problem.of(409, "Vetoed", "a sync-inside webhook vetoed event " + last.result().eventId()
                    + ": transaction " + id + " is rollback-only now; roll it back", Map.of("results", results));
        }
        Response.ResponseBuilder answer = Response.ok(new Results(results));
        if (posted.stream().allMatch(HttpTransactions.Posted::replayed)) {
            answer.header("Idempotent-Replayed", "true");
        }
        return answer.build();
    }

    @POST
    @Path("/{id}/commit")
    public Ended commit(@PathParam("id") String id, @Context SecurityContext security) {
        String owner = owner(id, security);
        try {
            return new Ended(id, "committed", results(call(() -> transactions.commit(owner, id))));
        } catch (WebhookVetoedException veto) {
            throw Problem.of(409, "Vetoed", veto.getMessage() + "; transaction " + id + " was rolled back",
                    Map.of("veto", EventResult.Veto.of(veto)));
        }
    }

    @POST
    @Path("/{id}/rollback")
    public Ended rollback(@PathParam("id") String id, @Context SecurityContext security) {
        String owner = owner(id, security);
        return new Ended(id, "rolled-back", results(call(() -> transactions.rollback(owner, id))));
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

    private static List<EventResult> results(List<Published> published) {
        return published.stream().map(EventResult::of).toList();
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
