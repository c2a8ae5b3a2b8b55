package io.hookwright.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hookwright.event.Event;
import io.hookwright.event.EventJson;
import io.hookwright.ingest.EventResult;
import io.hookwright.ingest.Ingest;
import io.hookwright.server.Problem;
import io.hookwright.server.ServerContext;
import io.hookwright.server.auth.RequiresScope;
import io.hookwright.server.auth.Scope;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /events}: one event or an array, each published as if in a transaction of its own that commits at once,
 * and all committed in one transaction of the engine's store with their idempotency records: a store failure publishes
 * none of them (while a sync-inside webhook is defined, the ids are claimed first and the events commit one by one,
 * see {@link Ingest#publish(String, List)}). 202 with what each did; 409 when a sync-inside webhook vetoed one (that event alone is rolled back,
 * the others are published: the body has the veto and every result). Event ids are the caller's (the token's): a
 * repeat of an event is answered as the first time, each webhook as its message stands now, and nothing is sent again
 * ({@code Idempotent-Replayed: true}); the same id with another event, or one still being published by another
 * request, is a 409 naming it, and nothing of the request is published; another token's event with the same id is an
 * event of its own.
 */
@Path("/events")
@RequiresScope(Scope.EVENTS_WRITE)
@Produces(MediaType.APPLICATION_JSON)
public final class EventsResource {
    @Inject
    private Ingest ingest;
    @Inject
    private ServerContext context;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response post(String body, @Context SecurityContext security) {
        List<Event> events = EventJson.parseOneOrMany(body);
        String caller = Callers.name(security);
        boolean array = body.stripLeading().startsWith("[");
        List<Ingest.Outcome> outcomes;
        try {
            outcomes = ingest.publish(caller, events);
        } catch (Ingest.IdConflict e) {
            throw conflict(e, array ? "[" + e.index() + "].id" : "id");
        } catch (Ingest.InProgress e) {
            throw inProgress(e, array ? "[" + e.index() + "].id" : "id");
        }
        List<RawJson> results = new ArrayList<>(outcomes.size());
        EventResult vetoed = null;
        boolean allReplayed = true;
        for (Ingest.Outcome outcome : outcomes) {
            results.add(new RawJson(outcome.json()));
            allReplayed &= outcome.replayed();
            if (outcome.vetoed() && vetoed == null) {
                vetoed = outcome.result();
            }
        }
        Response.ResponseBuilder answer;
        if (vetoed != null) {
            EventResult.Veto veto = vetoed.veto();
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("veto", veto);
            extra.put("results", results);
            if (context.engine().captures()) {
                extra.put("captured", true);
            }
            answer = Response.fromResponse(Problem.response(409, "Vetoed", "webhook " + veto.webhook()
                    + " vetoed event " + vetoed.eventId() + ": " + veto.reason(), extra));
        } else {
            answer = Response.accepted(new Results(results, context.engine().captures() ? Boolean.TRUE : null));
        }
        if (allReplayed) {
            answer.header("Idempotent-Replayed", "true");
        }
        return answer.build();
    }

    /**
     * What each posted event did, in the order posted; {@code captured} (true, or absent) when {@code serve --capture}
     * runs: what is queued or sent goes to its local receiver, and reaches no webhook's URL.
     */
    record Results(List<RawJson> results, @JsonInclude(JsonInclude.Include.NON_NULL) Boolean captured) {
    }

    /** 409 for an event id the caller used before with another event: nothing of the request was published. */
    static WebApplicationException conflict(Ingest.IdConflict e, String field) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("field", field);
        extra.put("eventId", e.eventId());
        return Problem.of(409, "Event id already used", e.getMessage(), extra);
    }

    /** 409 for an event id still being published by another request: nothing of this one was published. */
    static WebApplicationException inProgress(Ingest.InProgress e, String field) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("field", field);
        extra.put("eventId", e.eventId());
        return Problem.of(409, "Event id in use", e.getMessage(), extra);
    }
}
