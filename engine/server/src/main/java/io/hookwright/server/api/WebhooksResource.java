package io.hookwright.server.api;

import io.hookwright.catalog.WebhookCatalog;
import io.hookwright.catalog.WebhookJson;
import io.hookwright.catalog.WebhookQuery;
import io.hookwright.catalog.WebhookView;
import io.hookwright.dsl.model.WebhookDefinition;
import io.hookwright.event.Event;
import io.hookwright.runlog.RunJson;
import io.hookwright.server.Problem;
import io.hookwright.server.ServerContext;
import io.hookwright.server.auth.RequiresScope;
import io.hookwright.server.auth.Scope;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Map;

/**
 * The webhooks with their health: list (filter by event, status, text; sort), one, activate, deactivate, and a test
 * send. Their definitions, as documents, and their history are {@code io.hookwright.authoring}'s.
 */
@Path("/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public final class WebhooksResource {
    @Inject
    private ServerContext context;
    @Inject
    private WebhookCatalog catalog;

    @GET
    @RequiresScope(Scope.WEBHOOKS_READ)
    public List<WebhookJson> list(@QueryParam("event") String event, @QueryParam("status") String status,
                                  @QueryParam("q") String text, @QueryParam("sort") String sort) {
        if (status != null && !List.of(WebhookView.ACTIVE, WebhookView.DISABLED, WebhookView.DEACTIVATED).contains(status)) {
            throw Problem.of(400, "Bad request", "unknown status '" + status + "': use active, disabled or deactivated");
        }
        WebhookQuery.Sort order = sort == null || sort.isBlank() ? WebhookQuery.Sort.CODE
                : WebhookQuery.Sort.fromWord(sort).orElseThrow(() -> Problem.of(400, "Bad request",
                "unknown sort '" + sort + "': use code, url, owner, created or status"));
        return catalog.list(new WebhookQuery(blankToNull(event), blankToNull(status), blankToNull(text), order)).stream()
                .map(WebhookJson::of).toList();
    }

    @GET
    @Path("/{code}")
    @RequiresScope(Scope.WEBHOOKS_READ)
    public WebhookJson get(@PathParam("code") String code) {
        return WebhookJson.of(view(code));
    }

    @POST
    @Path("/{code}/activate")
    @RequiresScope(Scope.WEBHOOKS_WRITE)
    public WebhookJson activate(@PathParam("code") String code,
                                @jakarta.ws.rs.core.Context jakarta.ws.rs.core.SecurityContext caller) {
        view(code);
        context.engine().activate(code, caller.getUserPrincipal() == null ? null : caller.getUserPrincipal().getName());
        return WebhookJson.of(view(code));
    }

    @POST
    @Path("/{code}/deactivate")
    @RequiresScope(Scope.WEBHOOKS_WRITE)
    public WebhookJson deactivate(@PathParam("code") String code, @QueryParam("reason") String reason,
                                  @jakarta.ws.rs.core.Context jakarta.ws.rs.core.SecurityContext caller) {
        view(code);
        String by = caller.getUserPrincipal() == null ? "an operator" : "token '" + caller.getUserPrincipal().getName() + "'";
        context.engine().deactivate(code, reason == null || reason.isBlank() ? "deactivated by " + by
                : reason + " (deactivated by " + by + ")",
                caller.getUserPrincipal() == null ? null : caller.getUserPrincipal().getName());
        return WebhookJson.of(view(code));
    }

    @POST
    @Path("/{code}/test")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresScope(Scope.WEBHOOKS_WRITE)
    public RunJson test(@PathParam("code") String code, Map<String, Object> body) {
        WebhookDefinition webhook = context.engine().definitions().definitions().webhook(code)
                .orElseThrow(() -> Problem.of(404, "Not Found", "no webhook " + code + " in the definitions"))
                .definition();
        String defaultType = webhook.events().stream().map(Object::toString).filter(t -> !t.contains("*"))
                .findFirst().orElse(null);
        Event event = WorkspaceRequest.event(body, context.workspace(), context.clock(), defaultType);
        return RunJson.of(context.engine().testSend(code, event));
    }

    private WebhookView view(String code) {
        return catalog.get(code).orElseThrow(() -> Problem.of(404, "Not Found", "no webhook " + code));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
