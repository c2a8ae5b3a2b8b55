package io.hookwright.server.page;

import io.hookwright.catalog.WebhookCatalog;
import io.hookwright.catalog.WebhookQuery;
import io.hookwright.catalog.WebhookView;
import io.hookwright.render.RenderedRequest;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import io.hookwright.runlog.RunQuery;
import io.hookwright.server.Problem;
import io.hookwright.server.ServerContext;
import io.hookwright.server.auth.RequiresScope;
import io.hookwright.server.auth.Scope;
import io.hookwright.server.auth.WebPage;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The runs page, newest first and filtered by webhook and outcome; a run's detail (the request as logged, secrets
 * masked; the response; every attempt of its message) with a button to send it again.
 */
@Path("/ui/runs")
@Produces(MediaType.TEXT_HTML)
@WebPage
@RequiresScope(Scope.RUNS_READ)
public final class RunPages {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    @Inject
    private ServerContext context;
    @Inject
    private WebhookCatalog catalog;
    @Context
    private ContainerRequestContext request;

    @GET
    public Response list(@QueryParam("webhook") String webhook, @QueryParam("outcome") String outcome,
                         @QueryParam("limit") String limit) {
        String code = blankToNull(webhook);
        Set<Outcome> outcomes = blankToNull(outcome) == null ? Set.of() : Set.of(outcome(outcome.strip()));
        int max = limit(limit);
        List<Run> runs = context.engine().runs(new RunQuery(code, outcomes, null, max));
        Set<String> codes = new TreeSet<>(catalog.list(WebhookQuery.all()).stream().map(WebhookView::code).toList());
        if (code != null) {
            codes.add(code);
        }
        Map<String, Object> model = Pages.model(request, "runs", "Runs");
        model.put("runs", runs.stream().map(RunPages::row).toList());
        model.put("webhook", code);
        model.put("outcome", outcomes.isEmpty() ? null : outcomes.iterator().next().word());
        model.put("limit", max);
        model.put("webhooks", List.copyOf(codes));
        model.put("outcomes", outcomeWords());
        return Pages.ok("runs.ftlh", model);
    }

    @GET
    @Path("{id}")
    public Response detail(@PathParam("id") String id) {
        Run run = find(id);
        List<Run> attempts = context.engine().attempts(run.messageId());
        Map<String, Object> model = Pages.model(request, "runs", "Run " + run.id());
        Map<String, Object> shown = row(run);
        shown.put("revision", run.revision());
        shown.put("node", run.node());
        shown.put("eventId", run.eventId());
        shown.put("eventType", run.eventType());
        shown.put("messageId", run.messageId());
        shown.put("error", run.error());
        shown.put("request", request(run.request().masked()));
        shown.put("response", run.response() == null ? null : Map.of(
                "status", run.response().status(),
                "headers", headers(run.response().headers()),
                "body", nonNull(Formats.body(run.response().body()))));
        model.put("run", shown);
        model.put("attempts", attempts.stream().map(RunPages::row).toList());
        return Pages.ok("run.ftlh", model);
    }

    @POST
    @Path("{id}/redeliver")
    @RequiresScope(Scope.RUNS_REDELIVER)
    public Response redeliver(@PathParam("id") String id) {
        find(id);
        Run sent = context.engine().redeliver(id);
        return Pages.seeOther("/ui/runs/" + sent.id());
    }

    private Run find(String id) {
        return context.engine().run(id).orElseThrow(() -> Problem.of(404, "Not found", "no run " + id));
    }

    private static Map<String, Object> row(Run run) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", run.id());
        row.put("created", Formats.time(run.createdAt()));
        row.put("webhook", run.webhook());
        row.put("mode", run.mode());
        row.put("attempt", run.attempt());
        row.put("outcome", run.outcome().word());
        row.put("captured", run.captured());
        row.put("status", run.response() == null ? null : run.response().status());
        row.put("duration", Formats.duration(run.duration()));
        return row;
    }

    private static Map<String, Object> request(RenderedRequest masked) {
        return Map.of("method", masked.method(), "url", masked.url(),
                "headers", masked.headers().stream().map(h -> Map.of("name", h.name(), "value", h.value())).toList(),
                "body", nonNull(Formats.body(masked.body())));
    }

    private static List<Map<String, String>> headers(Map<String, String> headers) {
        return headers.entrySet().stream().sorted(Map.Entry.comparingByKey(String.CASE_INSENSITIVE_ORDER))
                .map(h -> Map.of("name", h.getKey(), "value", h.getValue())).toList();
    }

    private static Outcome outcome(String word) {
        return Outcome.fromWord(word).orElseThrow(() -> new IllegalArgumentException(
                "outcome '" + word + "' is not one of " + String.join(", ", outcomeWords())));
    }

    private static int limit(String limit) {
        if (blankToNull(limit) == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(limit.strip());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("limit '" + limit + "' is not a number from 1 to " + MAX_LIMIT);
    }

    private static List<String> outcomeWords() {
        return Arrays.stream(Outcome.values()).map(Outcome::word).toList();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
