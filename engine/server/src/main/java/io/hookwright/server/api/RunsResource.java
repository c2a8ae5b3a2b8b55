package io.hookwright.server.api;

import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import io.hookwright.runlog.RunJson;
import io.hookwright.runlog.RunQuery;
import io.hookwright.server.Problem;
import io.hookwright.server.ServerContext;
import io.hookwright.server.auth.RequiresScope;
import io.hookwright.server.auth.Scope;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The run log: {@code GET /runs}, {@code GET /runs/{id}}, {@code POST /runs/{id}/redeliver}; shapes as {@code runs --json}. */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
public final class RunsResource {
    private static final int MAX_LIMIT = 1000;

    @Inject
    private ServerContext context;

    /**
     * The runs the filters select, newest first: by webhook, outcome, event type, text of the request's URL or body,
     * and a time span; {@code after} a run's id gives the page after that run's, as the page's paging does.
     */
    @GET
    @RequiresScope(Scope.RUNS_READ)
    public List<RunJson> list(@QueryParam("webhook") String webhook, @QueryParam("outcome") List<String> outcomes,
                              @QueryParam("since") String since, @QueryParam("until") String until,
                              @QueryParam("eventType") String eventType, @QueryParam("q") String text,
                              @QueryParam("after") String after, @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Problem.of(400, "Bad request", "limit must be 1 to " + MAX_LIMIT + ", not " + limit);
        }
        Set<Outcome> wanted = EnumSet.noneOf(Outcome.class);
        for (String word : outcomes) {
            for (String one : word.split(",")) {
                wanted.add(Outcome.fromWord(one.strip()).orElseThrow(() -> Problem.of(400, "Bad request",
                        "unknown outcome '" + one + "': use " + String.join(", ",
                                Arrays.stream(Outcome.values()).map(Outcome::word).toList()))));
            }
        }
        RunQuery.Cursor cursor = null;
        if (after != null && !after.isBlank()) {
            cursor = context.engine().run(after.strip()).map(RunQuery.Cursor::after).orElseThrow(() ->
                    Problem.of(400, "Bad request", "after '" + after.strip() + "' is no run"));
        }
        RunQuery query = new RunQuery(blankToNull(webhook), wanted, instant("since", since), limit,
                blankToNull(eventType), blankToNull(text), instant("until", until), cursor);
        return context.engine().runs(query).stream().map(RunJson::of).toList();
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw Problem.of(400, "Bad request", name + " must be an ISO-8601 instant, e.g. 2026-11-23T08:00:00Z");
        }
    }

    @GET
    @Path("/{id}")
    @RequiresScope(Scope.RUNS_READ)
    public RunJson get(@PathParam("id") String id) {
        return RunJson.of(find(id));
    }

    @POST
    @Path("/{id}/redeliver")
    @RequiresScope(Scope.RUNS_REDELIVER)
    public Response redeliver(@PathParam("id") String id, @QueryParam("jump") boolean jump) {
        find(id);
        // A run of an ordered webhook goes behind its key's queue (answered held) unless jump=true.
        Run run = conflictOnRefusal(() -> context.engine().redeliver(id, jump));
        return Response.status(201).entity(RunJson.of(run)).build();
    }

    /** Skips the message of run {@code id} that blocks its key ({@code onFailure 'block'}): the key goes on. */
    @POST
    @Path("/{id}/skip")
    @RequiresScope(Scope.RUNS_REDELIVER)
    public Response skip(@PathParam("id") String id) {
        find(id);
        Run run = conflictOnRefusal(() -> context.engine().skip(id));
        return Response.status(201).entity(RunJson.of(run)).build();
    }

    private static Run conflictOnRefusal(java.util.function.Supplier<Run> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException e) {
            throw Problem.of(409, "Conflict", e.getMessage());
        }
    }

    private Run find(String id) {
        return context.engine().run(id).orElseThrow(() -> Problem.of(404, "Not Found", "no run " + id));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
