package io.hookwright.server.page;

import io.hookwright.catalog.WebhookCatalog;
import io.hookwright.catalog.WebhookQuery;
import io.hookwright.catalog.WebhookView;
import io.hookwright.delivery.SentHeaders;
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
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The runs page, newest first: searched by webhook, event type, outcome, an id or text, and a time span, read a page
 * at a time from where the last one ended; failed runs redelivered in bulk. A run's detail shows the request as it
 * was sent (secrets masked), the response, and every attempt of its message, with a button to send it again.
 */
@Path("/ui/runs")
@Produces(MediaType.TEXT_HTML)
@WebPage
@RequiresScope(Scope.RUNS_READ)
public final class RunPages {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;
    /** Messages one bulk redelivery sends at most: each is sent, and waited for, within the operator's one request. */
    static final int MAX_BULK = 100;
    /** The outcomes a redelivery is for. */
    static final Set<Outcome> UNDELIVERED = Set.of(Outcome.FAILED, Outcome.GAVE_UP, Outcome.SKIPPED);

    @Inject
    private ServerContext context;
    @Inject
    private WebhookCatalog catalog;
    @Context
    private ContainerRequestContext request;

    @GET
    public Response list(@Context UriInfo uri, @QueryParam("limit") String limit,
                         @QueryParam("after") String after, @QueryParam("redelivered") Integer redelivered,
                         @QueryParam("passed") Integer passed) {
        RunFilter filter = RunFilter.of(uri.getQueryParameters());
        int max = limit(limit);
        RunQuery query = filter.query(context.clock()).page(cursor(after), max + 1);
        List<Run> found = context.engine().runs(query);
        List<Run> runs = found.subList(0, Math.min(max, found.size()));
        Set<String> codes = new TreeSet<>(catalog.list(WebhookQuery.all()).stream().map(WebhookView::code).toList());
        if (filter.webhook() != null) {
            codes.add(filter.webhook());
        }
        Map<String, Object> model = Pages.model(request, "runs", "Runs");
        model.put("runs", rows(runs));
        model.put("filter", filter.shown());
        model.put("filterQuery", filter.queryString());
        model.put("limit", max);
        model.put("first", after == null || after.isBlank());
        model.put("next", found.size() > max ? runs.get(runs.size() - 1).id() : null);
        model.put("webhooks", List.copyOf(codes));
        model.put("outcomes", outcomeWords());
        model.put("redelivered", redelivered);
        model.put("passed", passed);
        model.put("maxBulk", MAX_BULK);
        return Pages.ok("runs.ftlh", model);
    }

    @GET
    @Path("{id}")
    public Response detail(@PathParam("id") String id) {
        Run run = find(id);
        List<Run> attempts = context.engine().attempts(run.messageId());
        Map<String, Object> model = Pages.model(request, "runs", "Run " + run.id());
        Map<String, Object> shown = rows(List.of(run)).get(0);
        shown.put("revision", run.revision());
        shown.put("node", run.node());
        shown.put("eventId", run.eventId());
        shown.put("messageId", run.messageId());
        shown.put("error", run.error());
        shown.put("request", request(run));
        shown.put("response", run.response() == null ? null : Map.of(
                "status", run.response().status(),
                "headers", headers(run.response().headers()),
                "body", nonNull(run.response().body())));
        model.put("run", shown);
        model.put("attempts", rows(attempts));
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

    /**
     * Sends again the selected runs' messages, or with {@code all} every message of a failed run the filter finds
     * (up to {@value #MAX_BULK}); a message whose latest attempt succeeded, or that is still being retried, is passed
     * over. Goes back to the list, which says how many were sent and passed over.
     */
    @POST
    @Path("redeliver")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RequiresScope(Scope.RUNS_REDELIVER)
    public Response redeliverMany(MultivaluedMap<String, String> form) {
        RunFilter filter = RunFilter.of(form);
        List<String> selected = form.get("run");
        String all = form.getFirst("all");
        List<Run> candidates = new ArrayList<>();
        if (all != null && !all.isBlank()) {
            RunQuery query = filter.query(context.clock());
            Set<Outcome> wanted = new LinkedHashSet<>(query.outcomes().isEmpty() ? UNDELIVERED : query.outcomes());
            wanted.retainAll(UNDELIVERED);
            if (!wanted.isEmpty()) {
                candidates.addAll(context.engine().runs(new RunQuery(query.webhook(), wanted, query.since(), MAX_LIMIT,
                        query.eventType(), query.text(), query.until(), null)));
            }
        } else {
            for (String id : selected == null ? List.<String>of() : selected) {
                context.engine().run(id.strip()).ifPresent(candidates::add);
            }
        }
        Set<String> messages = new LinkedHashSet<>();
        int passed = 0;
        int sent = 0;
        for (Run run : candidates) {
            if (!messages.add(run.messageId())) {
                continue;
            }
            if (sent >= MAX_BULK || !stillUndelivered(run)) {
                passed++;
                continue;
            }
            context.engine().redeliver(latest(run).id());
            sent++;
        }
        String back = filter.queryString();
        return Pages.seeOther("/ui/runs?" + (back.isEmpty() ? "" : back + "&") + "redelivered=" + sent + "&passed=" + passed);
    }

    /** True when the message's latest attempt did not deliver it and no retry of it is queued. */
    private boolean stillUndelivered(Run run) {
        Run latest = latest(run);
        return UNDELIVERED.contains(latest.outcome()) && !latest.request().url().isEmpty()
                && context.engine().nextAttempts(List.of(run.messageId())).isEmpty();
    }

    private Run latest(Run run) {
        List<Run> attempts = context.engine().attempts(run.messageId());
        return attempts.isEmpty() ? run : attempts.get(attempts.size() - 1);
    }

    private Run find(String id) {
        return context.engine().run(id).orElseThrow(() -> Problem.of(404, "Not found", "no run " + id));
    }

    private RunQuery.Cursor cursor(String after) {
        if (after == null || after.isBlank()) {
            return null;
        }
        return context.engine().run(after.strip()).map(RunQuery.Cursor::after).orElseThrow(() ->
                new IllegalArgumentException("after '" + after.strip() + "' is no run: open the runs page anew"));
    }

    /** The runs as table rows, with when each message still queued is due next and how many attempts it gets. */
    private List<Map<String, Object>> rows(List<Run> runs) {
        Map<String, java.time.Instant> due = context.engine().nextAttempts(runs.stream()
                .filter(r -> r.outcome() == Outcome.PENDING_RETRY).map(Run::messageId).distinct().toList());
        Map<String, Optional<Integer>> allowed = new LinkedHashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>(runs.size());
        for (Run run : runs) {
            Optional<Integer> of = allowed.computeIfAbsent(run.webhook(), context.engine()::attemptsAllowed);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", run.id());
            row.put("created", Formats.time(run.createdAt()));
            row.put("webhook", run.webhook());
            row.put("eventType", run.eventType());
            row.put("mode", run.mode());
            row.put("attempt", run.attempt() + of.filter(n -> run.attempt() <= n).map(n -> "/" + n).orElse(""));
            row.put("outcome", run.outcome().word());
            row.put("captured", run.captured());
            row.put("status", run.response() == null ? null : run.response().status());
            row.put("duration", Formats.duration(run.duration()));
            row.put("next", run.outcome() == Outcome.PENDING_RETRY ? Formats.time(due.get(run.messageId())) : null);
            row.put("url", run.request().masked().url());
            // The start of it: the run's page has the whole.
            row.put("error", run.error() == null ? "" : run.error().length() <= 160 ? run.error()
                    : run.error().substring(0, 160) + "…");
            row.put("redeliverable", UNDELIVERED.contains(run.outcome()) && !run.request().url().isEmpty());
            rows.add(row);
        }
        return rows;
    }

    /**
     * The request as it went out: the headers it was sent with (secrets and signatures masked; its definition's alone
     * when it was never sent) and its body as signed and sent, not re-indented.
     */
    private static Map<String, Object> request(Run run) {
        RenderedRequest masked = run.request().masked();
        List<RenderedRequest.Header> sent = SentHeaders.of(run);
        return Map.of("method", masked.method(), "url", masked.url(), "sent", !sent.isEmpty(),
                "headers", (sent.isEmpty() ? masked.headers() : sent).stream()
                        .map(h -> Map.of("name", h.name(), "value", h.value())).toList(),
                "body", nonNull(masked.body()));
    }

    private static List<Map<String, String>> headers(Map<String, String> headers) {
        return headers.entrySet().stream().sorted(Map.Entry.comparingByKey(String.CASE_INSENSITIVE_ORDER))
                .map(h -> Map.of("name", h.getKey(), "value", h.getValue())).toList();
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
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

    static List<String> outcomeWords() {
        return Arrays.stream(Outcome.values()).map(Outcome::word).toList();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
