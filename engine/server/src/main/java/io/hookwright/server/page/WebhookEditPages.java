package io.hookwright.server.page;

import io.hookwright.authoring.Author;
import io.hookwright.authoring.Authoring;
import io.hookwright.authoring.BadDocument;
import io.hookwright.dsl.load.UnknownEventTypes;
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
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * New webhook, Edit and Delete on the page, through the same {@link Authoring} as {@code POST}, {@code PUT} and
 * {@code DELETE /webhooks}: the form makes a webhook document, each save is a commit, and an error is shown at the
 * field it is about. An edit carries the revision it was opened at, so a change made since is refused, not lost.
 */
@Path("/ui/webhooks")
@Produces(MediaType.TEXT_HTML)
@WebPage
@RequiresScope(Scope.WEBHOOKS_READ)
public final class WebhookEditPages {
    static final List<String> VERBS = List.of("POST", "PUT", "PATCH", "GET", "DELETE");
    static final List<String> TRANSACTIONS = List.of("after-commit", "inside");

    @Inject
    private Authoring authoring;
    @Context
    private SecurityContext security;
    @Context
    private ContainerRequestContext request;

    /** What went wrong with a save: messages at form slots ({@code url}, {@code header.1}), and the rest. */
    private record Errors(Map<String, String> at, List<String> top) {
        static Errors none() {
            return new Errors(Map.of(), List.of());
        }
    }

    @GET
    @Path("new")
    @RequiresScope(Scope.WEBHOOKS_CREATE)
    public Response newForm() {
        return form(200, null, null, WebhookForm.blank(), Errors.none(), null, false);
    }

    @POST
    @Path("new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RequiresScope(Scope.WEBHOOKS_CREATE)
    public Response create(MultivaluedMap<String, String> posted) {
        WebhookForm form = WebhookForm.posted(posted);
        String action = posted.getFirst("action");
        if (action != null && action.startsWith("add-")) {
            return form(200, null, null, form.withRow(action.substring(4)), Errors.none(), null, false);
        }
        WebhookForm.Made made = form.document();
        try {
            Authoring.Answer answer = authoring.create(made.json(), author());
            return answer.proposed() ? proposed(answer) : saved((String) answer.body().get("code"), answer.revision(), action);
        } catch (BadDocument bad) {
            return form(bad.status(), null, null, form, at(made, bad), null, false);
        } catch (WebApplicationException refused) {
            return form(refused.getResponse().getStatus(), null, null, form, errors(null, made, refused), null, false);
        }
    }

    @GET
    @Path("{code}/edit")
    @RequiresScope(Scope.WEBHOOKS_WRITE)
    public Response editForm(@PathParam("code") String code, @QueryParam("saved") String saved) {
        Authoring.Answer answer = authoring.read(code);
        Map<String, Object> body = answer.body();
        if (!Boolean.TRUE.equals(body.get("editable"))) {
            Map<String, Object> model = Pages.model(request, "webhooks", "Edit " + code);
            model.put("code", code);
            model.put("reason", body.get("reason"));
            model.put("file", body.get("file"));
            model.put("source", authoring.source(code));
            return Pages.ok("webhook-readonly.ftlh", model);
        }
        return form(200, code, answer.revision(), WebhookForm.of(body), Errors.none(), saved, false);
    }

    @POST
    @Path("{code}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RequiresScope(Scope.WEBHOOKS_WRITE)
    public Response edit(@PathParam("code") String code, MultivaluedMap<String, String> posted) {
        WebhookForm form = WebhookForm.posted(posted);
        String revision = posted.getFirst("revision");
        String action = posted.getFirst("action");
        if (action != null && action.startsWith("add-")) {
            return form(200, code, revision, form.withRow(action.substring(4)), Errors.none(), null, false);
        }
        WebhookForm.Made made = form.document();
        try {
            Authoring.Answer answer = authoring.update(code, quoted(revision), made.json(), author());
            return answer.proposed() ? proposed(answer) : saved(code, answer.revision(), action);
        } catch (BadDocument bad) {
            return form(bad.status(), code, revision, form, at(made, bad), null, false);
        } catch (WebApplicationException refused) {
            int status = refused.getResponse().getStatus();
            return form(status, code, revision, form, errors(code, made, refused), null, status == 412);
        }
    }

    @GET
    @Path("{code}/delete")
    @RequiresScope(Scope.WEBHOOKS_DELETE)
    public Response confirmDelete(@PathParam("code") String code) {
        Authoring.Answer answer = authoring.read(code);
        Map<String, Object> model = Pages.model(request, "webhooks", "Delete " + code);
        model.put("code", code);
        model.put("label", labelText(answer.body().get("label")));
        model.put("file", answer.body().get("file"));
        model.put("revision", answer.revision());
        model.put("editable", Boolean.TRUE.equals(answer.body().get("editable")));
        model.put("reason", answer.body().get("reason"));
        model.put("problem", null);
        return Pages.ok("webhook-delete.ftlh", model);
    }

    @POST
    @Path("{code}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RequiresScope(Scope.WEBHOOKS_DELETE)
    public Response delete(@PathParam("code") String code, MultivaluedMap<String, String> posted) {
        String revision = posted.getFirst("revision");
        try {
            Authoring.Answer answer = authoring.delete(code, quoted(revision), author(), posted.getFirst("message"));
            if (answer.proposed()) {
                return proposed(answer);
            }
        } catch (WebApplicationException refused) {
            Map<String, Object> model = Pages.model(request, "webhooks", "Delete " + code);
            model.put("code", code);
            model.put("label", null);
            model.put("file", null);
            model.put("revision", revision);
            model.put("editable", false);
            model.put("reason", null);
            model.put("stale", refused.getResponse().getStatus() == 412);
            model.put("problem", detail(refused));
            return Pages.html(refused.getResponse().getStatus(), "webhook-delete.ftlh", model);
        }
        return Pages.seeOther("/ui/webhooks?deleted=" + code);
    }

    /** A change committed on a branch of its own (serve --authoring branch): the list says where, nothing changed. */
    private static Response proposed(Authoring.Answer answer) {
        return Pages.seeOther("/ui/webhooks?proposed=" + URLEncoder.encode(
                String.valueOf(answer.body().get("branch")), StandardCharsets.UTF_8));
    }

    private Response saved(String code, String revision, String action) {
        String query = "?saved=" + revision;
        return Pages.seeOther("apply".equals(action) ? "/ui/webhooks/" + code + "/edit" + query
                : "/ui/webhooks/" + code + query);
    }

    private Response form(int status, String code, String revision, WebhookForm form, Errors errors, String saved,
                          boolean stale) {
        Map<String, Object> model = Pages.model(request, "webhooks", code == null ? "New webhook" : "Edit " + code);
        model.put("editing", code != null);
        model.put("editCode", code);
        model.put("revision", revision);
        model.put("form", form.model());
        model.put("eventGroups", eventGroups(form.eventTypes()));
        model.put("otherEvents", String.join(", ", form.eventTypes().stream()
                .filter(t -> !UnknownEventTypes.knownTypes().contains(t)).toList()));
        model.put("ops", io.hookwright.authoring.WebhookDocument.FieldCondition.OPS);
        model.put("verbs", VERBS);
        model.put("transactions", TRANSACTIONS);
        model.put("errors", errors.at());
        model.put("topErrors", errors.top());
        model.put("saved", saved);
        model.put("stale", stale);
        model.put("authoringOff", authoring.refusal().orElse(null));
        return Pages.html(status, "webhook-form.ftlh", model);
    }

    /** The engine's event types by entity, as the admin console's checkboxes group them. */
    private static List<Map<String, Object>> eventGroups(List<String> chosen) {
        Map<String, List<Map<String, Object>>> byEntity = new LinkedHashMap<>();
        for (String type : UnknownEventTypes.knownTypes()) {
            String entity = type.substring(0, type.indexOf(':'));
            byEntity.computeIfAbsent(entity, e -> new ArrayList<>()).add(Map.of("type", type,
                    "action", type.substring(type.indexOf(':') + 1), "checked", chosen.contains(type)));
        }
        return byEntity.entrySet().stream().map(e -> Map.<String, Object>of("entity", e.getKey(), "types",
                e.getValue())).toList();
    }

    private static Errors at(WebhookForm.Made made, BadDocument bad) {
        String slot = made.slot(bad.field());
        return slot.isEmpty() ? new Errors(Map.of(), List.of(bad.getMessage()))
                : new Errors(Map.of(slot, bad.getMessage()), List.of());
    }

    /**
     * A refused save's problem: a definition error (422) at the field its line was printed from, or at the top with
     * its file:line:column; a stale revision (412) or a conflict (409) at the top.
     */
    @SuppressWarnings("unchecked")
    private Errors errors(String code, WebhookForm.Made made, WebApplicationException refused) {
        Map<String, String> at = new LinkedHashMap<>();
        List<String> top = new ArrayList<>();
        Object entity = refused.getResponse().getEntity();
        Map<String, Object> problem = entity instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        if (refused.getResponse().getStatus() == 412) {
            top.add(code + " has changed since you opened it (it is at revision " + problem.get("revision")
                    + " now): nothing was saved.");
            return new Errors(at, top);
        }
        if (problem.get("errors") instanceof List<?> list && !list.isEmpty()) {
            for (Object e : list) {
                Map<String, Object> error = (Map<String, Object>) e;
                String file = String.valueOf(error.get("file"));
                int line = error.get("line") instanceof Number n ? n.intValue() : 0;
                String message = String.valueOf(error.get("message"));
                String place = file + ":" + line + ":" + error.get("column");
                String slot = authoring.fieldAt(code, made.json(), file, line).map(made::slot).orElse("");
                if (slot.isEmpty()) {
                    top.add(place + ": " + message);
                } else {
                    at.merge(slot, message + " (" + place + ")", (a, b) -> a + "; " + b);
                }
            }
            return new Errors(at, top);
        }
        top.add(detail(refused));
        return new Errors(at, top);
    }

    private static String detail(WebApplicationException refused) {
        Object entity = refused.getResponse().getEntity();
        return entity instanceof Map<?, ?> m && m.get("detail") != null ? String.valueOf(m.get("detail"))
                : "the change was refused (" + refused.getResponse().getStatus() + ")";
    }

    static String labelText(Object label) {
        return label instanceof Map<?, ?> m ? m.values().stream().findFirst().map(String::valueOf).orElse(null)
                : label == null ? null : String.valueOf(label);
    }

    /** The form's revision as an {@code If-Match} header says it; a form without one is refused (428) by Authoring. */
    private static String quoted(String revision) {
        return revision == null || revision.isBlank() ? null : "\"" + revision.strip() + "\"";
    }

    /** The signed-in token's name, with its e-mail when the tokens file gives one. */
    private String author() {
        return Author.of(security);
    }
}
