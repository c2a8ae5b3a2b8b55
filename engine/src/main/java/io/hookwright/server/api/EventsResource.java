package io.hookwright.server.api;

import io.hookwright.event.Event;
import io.hookwright.event.EventJson;
import io.hookwright.ingest.Ingest;
import io.hookwright.server.Problem;
import io.hookwright.server.auth.RequiresScope;
import io.hookwright.server.auth.Scope;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /events}: one event or an array, each published as if in a transaction that commits at once. 202 with
 * what each did; 409 when a sync-inside webhook vetoed one. A repeated event id is answered as the first time and
 * nothing is sent again ({@code Idempotent-Replayed: true}).
 */
@Path("/events")
@RequiresScope(Scope.EVENTS_WRITE)
@Produces(MediaType.APPLICATION_JSON)
public final class EventsResource {
    @Inject
    private Ingest ingest;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response post(String body) {
        List<Event> events = EventJson.parseOneOrMany(body);
        List<Map<String, Object>> results = new ArrayList<>();
        Map<String, Object> veto = null;
        boolean allReplayed = true;
        for (Event event : events) {
            Ingest.Outcome outcome = ingest.publish(event);
            results.add(outcome.result());
            allReplayed &= outcome.replayed();
            if (outcome.vetoed() && veto == null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> first = (Map<String, Object>) outcome.result().get("veto");
                veto = first;
            }
        }
        Response.ResponseBuilder answer;
        if (veto != null) {
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("veto", veto);
            extra.put("results", results);
            answer = Response.fromResponse(Problem.response(409, "Vetoed", "webhook " + veto.get("webhook")
                    + " vetoed event " + vetoedEvent(results) + ": " + veto.get("reason"), extra));
        } else {
            answer = Response.accepted(Map.of("results", results));
        }
        if (allReplayed) {
            answer.header("Idempotent-Replayed", "true");
        }
        return answer.build();
    }

    private static Object vetoedEvent(List<Map<String, Object>> results) {
        return results.stream().filter(r -> r.containsKey("veto")).findFirst().map(r -> r.get("eventId")).orElse("?");
    }
}
