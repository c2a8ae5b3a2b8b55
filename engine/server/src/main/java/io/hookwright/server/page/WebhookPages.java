package io.hookwright.server.page;

import io.hookwright.catalog.WebhookCatalog;
import io.hookwright.catalog.WebhookQuery;
import io.hookwright.catalog.WebhookView;
import io.hookwright.git.GitRevisions;
import io.hookwright.server.Problem;
import io.hookwright.server.ServerContext;
import io.hookwright.server.auth.RequiresScope;
import io.hookwright.server.auth.Scope;
import io.hookwright.server.auth.WebPage;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
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
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The webhooks page: every webhook with its health, filtered and sorted as {@code GET /webhooks} does, a button to
 * deactivate or activate each, and a webhook's git history.
 */
@Path("/ui/webhooks")
@Produces(MediaType.TEXT_HTML)
@WebPage
@RequiresScope(Scope.WEBHOOKS_READ)
public final class WebhookPages {
    private static final List<String> STATUSES =
            List.of(WebhookView.ACTIVE, WebhookView.DISABLED, WebhookView.DEACTIVATED);
    private static final int HISTORY = 50;

    @Inject
    private WebhookCatalog catalog;
    @Inject
    private ServerContext context;
    @Context
    private SecurityContext security;
    @Context
    private ContainerRequestContext request;
    @Context
    private UriInfo uri;

    @GET
    public Response list(@QueryParam("event") String event, @QueryParam("status") String status,
                         @QueryParam("q") String text, @QueryParam("sort") String sort) {
        String statusFilter = blankToNull(status);
        if (statusFilter != null && !STATUSES.contains(statusFilter)) {
            throw new IllegalArgumentException("status '" + status + "' is not one of " + String.join(", ", STATUSES));
        }
        WebhookQuery.Sort order = blankToNull(sort) == null ? WebhookQuery.Sort.CODE : WebhookQuery.Sort.fromWord(sort)
                .orElseThrow(() -> new IllegalArgumentException("sort '" + sort + "' is not one of " + String.join(", ",
                        Arrays.stream(WebhookQuery.Sort.values()).map(WebhookQuery.Sort::word).toList())));
        List<WebhookView> webhooks =
                catalog.list(new WebhookQuery(blankToNull(event), statusFilter, blankToNull(text), order));
        Map<String, Object> model = Pages.model(request, "webhooks", "Webhooks");
        model.put("webhooks", webhooks.stream().map(WebhookPages::row).toList());
        model.put("event", event);
        model.put("status", statusFilter);
        model.put("q", text);
        model.put("sort", order.word());
        model.put("statuses", STATUSES);
        model.put("sorts", Arrays.stream(WebhookQuery.Sort.values()).map(WebhookQuery.Sort::word).toList());
        model.put("back", uri.getRequestUri().getRawPath()
                + (uri.getRequestUri().getRawQuery() == null ? "" : "?" + uri.getRequestUri().getRawQuery()));
        return Pages.ok("webhooks.ftlh", model);
    }

    @POST
    @Path("{code}/activate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RequiresScope(Scope.WEBHOOKS_WRITE)
    public Response activate(@PathParam("code") String code, @FormParam("back") String back) {
        known(code);
        context.engine().activate(code, security.getUserPrincipal().getName());
        return Pages.seeOther(Pages.localPath(back, Pages.HOME));
    }

    @POST
    @Path("{code}/deactivate")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RequiresScope(Scope.WEBHOOKS_WRITE)
    public Response deactivate(@PathParam("code") String code, @FormParam("reason") String reason,
                               @FormParam("back") String back) {
        known(code);
        String why = blankToNull(reason) != null ? reason.strip()
                : "deactivated by " + security.getUserPrincipal().getName() + " from the web page";
        context.engine().deactivate(code, why, security.getUserPrincipal().getName());
        return Pages.seeOther(Pages.localPath(back, Pages.HOME));
    }

    @GET
    @Path("{code}/history")
    public Response history(@PathParam("code") String code) {
        WebhookView webhook = known(code);
        java.nio.file.Path file = catalog.file(code).orElseThrow(() -> Problem.of(404, "Not found",
                "webhook " + code + " is no longer in the definitions, so it has no file to show the history of"));
        List<Map<String, Object>> commits =
                GitRevisions.history(file, HISTORY).stream().map(WebhookPages::commit).toList();
        Map<String, Object> model = Pages.model(request, "webhooks", "History of " + code);
        model.put("webhook", row(webhook));
        model.put("commits", commits);
        model.put("limit", HISTORY);
        return Pages.ok("history.ftlh", model);
    }

    private WebhookView known(String code) {
        return catalog.get(code).orElseThrow(() -> Problem.of(404, "Not found", "no webhook " + code));
    }

    private static Map<String, Object> row(WebhookView w) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("code", w.code());
        row.put("label", w.label());
        row.put("description", w.description());
        row.put("events", String.join(", ", w.events()));
        row.put("mode", w.mode());
        row.put("method", w.method());
        row.put("url", w.url());
        row.put("owner", w.owner());
        row.put("file", w.file());
        row.put("created", Formats.time(w.created()));
        row.put("status", w.status());
        row.put("failures", w.consecutiveFailures());
        row.put("lastFailure", w.lastFailure());
        // Deactivated shows even when the definition also says active false: both must change for it to send again.
        row.put("deactivated", w.deactivatedAt() != null || WebhookView.DEACTIVATED.equals(w.status()));
        row.put("deactivatedAt", Formats.time(w.deactivatedAt()));
        row.put("reason", w.deactivationReason());
        row.put("defined", w.defined());
        return row;
    }

    private static Map<String, Object> commit(GitRevisions.Commit c) {
        Map<String, Object> commit = new LinkedHashMap<>();
        commit.put("id", c.id());
        commit.put("shortId", c.id().substring(0, Math.min(12, c.id().length())));
        commit.put("author", c.author());
        commit.put("email", c.email());
        commit.put("date", Formats.time(c.date()));
        commit.put("message", c.message());
        return commit;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
