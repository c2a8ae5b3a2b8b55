package io.hookwright.server.page;

import io.hookwright.authoring.Authoring;
import io.hookwright.catalog.WebhookCatalog;
import io.hookwright.catalog.WebhookView;
import io.hookwright.dsl.load.UnknownEventTypes;
import io.hookwright.event.Event;
import io.hookwright.runlog.Run;
import io.hookwright.runlog.RunQuery;
import io.hookwright.server.Problem;
import io.hookwright.state.StateChange;
import io.hookwright.server.ServerContext;
import io.hookwright.server.auth.RequiresScope;
import io.hookwright.server.auth.Scope;
import io.hookwright.server.auth.WebPage;
import io.hookwright.workspace.Workspace;
import io.hookwright.workspace.WorkspaceEntity;
import io.hookwright.workspace.WorkspaceEvents;
import io.hookwright.workspace.WorkspaceException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A webhook's own page, {@code /ui/webhooks/CODE}: what it does, its health and deactivation, its Groovy, a test
 * send against an entity of the workspace, its latest runs, and the commits that changed it with their diffs.
 */
@Path("/ui/webhooks")
@Produces(MediaType.TEXT_HTML)
@WebPage
@RequiresScope(Scope.WEBHOOKS_READ)
public final class WebhookDetailPage {
    static final int RUNS = 20;
    static final int HISTORY = 20;
    static final int TRAIL = 20;

    @Inject
    private Authoring authoring;
    @Inject
    private WebhookCatalog catalog;
    @Inject
    private ServerContext context;
    @Context
    private ContainerRequestContext request;

    @GET
    @Path("{code}")
    public Response show(@PathParam("code") String code, @QueryParam("saved") String saved) {
        WebhookView view = catalog.get(code).filter(WebhookView::defined)
                .orElseThrow(() -> Problem.of(404, "Not found", "no webhook " + code + " in the definitions"));
        Authoring.Answer answer = authoring.read(code);
        Map<String, Object> doc = answer.body();
        Map<String, Object> model = Pages.model(request, "webhooks", "Webhook " + code);
        model.put("code", code);
        model.put("doc", doc);
        model.put("label", WebhookEditPages.labelText(doc.get("label")));
        model.put("form", WebhookForm.of(doc).model());
        model.put("status", view.status());
        model.put("deactivated", view.deactivatedAt() != null || WebhookView.DEACTIVATED.equals(view.status()));
        model.put("deactivatedAt", Formats.time(view.deactivatedAt()));
        model.put("reason", view.deactivationReason());
        model.put("failures", view.consecutiveFailures());
        model.put("lastFailure", view.lastFailure());
        model.put("editable", Boolean.TRUE.equals(doc.get("editable")));
        model.put("authoringOff", authoring.refusal().orElse(null));
        model.put("notEditable", doc.get("reason"));
        model.put("source", source(code));
        model.put("saved", saved);
        model.put("back", "/ui/webhooks/" + code);
        model.put("runs", context.engine().runs(new RunQuery(code, Set.of(), null, RUNS)).stream()
                .map(WebhookDetailPage::run).toList());
        model.put("trail", context.engine().trail(code, TRAIL).stream().map(WebhookDetailPage::change).toList());
        model.put("commits", authoring.history(code, true, HISTORY).stream().map(WebhookDetailPage::commit).toList());
        List<String> types = testTypes(view.events());
        model.put("testTypes", types);
        model.put("testEntities", testEntities(types));
        model.put("workspace", String.valueOf(context.workspace()));
        return Pages.ok("webhook.ftlh", model);
    }

    /** Test: the chosen workspace entity as the event says, sent once to the webhook; the browser opens the run. */
    @POST
    @Path("{code}/test")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RequiresScope(Scope.WEBHOOKS_WRITE)
    public Response test(@PathParam("code") String code, @FormParam("entity") String entity,
                         @FormParam("event") String type) {
        catalog.get(code).filter(WebhookView::defined)
                .orElseThrow(() -> Problem.of(404, "Not found", "no webhook " + code + " in the definitions"));
        if (entity == null || entity.isBlank() || type == null || type.isBlank()) {
            throw Problem.of(400, "Bad request", "choose an entity of the workspace and an event type to test with");
        }
        Event event;
        try {
            Workspace space = Workspace.load(context.workspace());
            event = new WorkspaceEvents(space, context.clock()).build(space.entity(entity), type, List.of(), null);
        } catch (WorkspaceException e) {
            throw Problem.of(400, "Bad request", e.getMessage());
        }
        Run run = context.engine().testSend(code, event);
        return Pages.seeOther("/ui/runs/" + run.id());
    }

    /** The webhook's block as its file has it, or why it cannot be shown (a webhook its file makes by code). */
    private String source(String code) {
        try {
            return authoring.source(code);
        } catch (WebApplicationException e) {
            return e.getResponse().getEntity() instanceof Map<?, ?> problem ? "// " + problem.get("detail") : "";
        }
    }

    /** The types a test may send: those the webhook names, its wildcards as the known types they stand for. */
    private static List<String> testTypes(List<String> patterns) {
        List<String> types = new ArrayList<>();
        for (String pattern : patterns) {
            if (!pattern.contains("*")) {
                types.add(pattern);
                continue;
            }
            Pattern matching = Pattern.compile(Pattern.quote(pattern).replace("*", "\\E.*\\Q"));
            UnknownEventTypes.knownTypes().stream().filter(t -> matching.matcher(t).matches())
                    .filter(t -> !t.startsWith("Hookwright:")).forEach(types::add);
        }
        return types.stream().distinct().toList();
    }

    /** The workspace's entities of the types' entities, {@code Project:p-1} with a readable name; none without one. */
    private List<Map<String, String>> testEntities(List<String> types) {
        Set<String> entities = new java.util.HashSet<>();
        types.forEach(t -> entities.add(t.substring(0, t.indexOf(':'))));
        try {
            return Workspace.load(context.workspace()).entities().stream().filter(e -> entities.contains(e.type()))
                    .map(WebhookDetailPage::entity).toList();
        } catch (WorkspaceException | IllegalArgumentException e) {
            return List.of();
        }
    }

    private static Map<String, String> entity(WorkspaceEntity e) {
        String name = e.attributes().get("Name") instanceof String n ? " — " + n : "";
        return Map.of("value", e.type() + ":" + e.id(), "text", e.describe() + name);
    }

    private static Map<String, Object> change(StateChange c) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("at", Formats.time(c.at()));
        row.put("action", c.active() ? "activated" : "deactivated");
        row.put("by", c.by() == null ? "the engine" : c.by());
        row.put("reason", c.reason() == null ? "" : c.reason());
        return row;
    }

    private static Map<String, Object> run(Run r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", r.id());
        row.put("created", Formats.time(r.createdAt()));
        row.put("eventType", r.eventType());
        row.put("mode", r.mode());
        row.put("outcome", r.outcome().word());
        row.put("status", r.response() == null ? null : r.response().status());
        row.put("error", r.error());
        return row;
    }

    private static Map<String, Object> commit(Map<String, Object> c) {
        Map<String, Object> commit = new LinkedHashMap<>(c);
        String id = String.valueOf(c.get("commit"));
        commit.put("shortId", id.substring(0, Math.min(12, id.length())));
        commit.put("date", Formats.time(java.time.Instant.parse(String.valueOf(c.get("date")))));
        commit.putIfAbsent("diff", "");
        commit.putIfAbsent("email", "");
        return commit;
    }
}
