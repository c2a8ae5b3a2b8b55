package io.hookwright.server.page;

import io.hookwright.server.auth.AuthFilter;
import io.hookwright.server.auth.CsrfFilter;
import io.hookwright.server.auth.Scope;
import io.hookwright.server.auth.Session;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

/** What every page has around its content, and the responses pages answer with. */
final class Pages {
    static final String HOME = "/ui/webhooks";

    private Pages() {
    }

    /**
     * The model every page template starts from: who is signed in, which section is shown, what the caller may do
     * there, so that a page offers only the buttons that would work, and the session's CSRF token its forms carry.
     */
    static Map<String, Object> model(ContainerRequestContext request, String section, String title) {
        Map<String, Object> model = new LinkedHashMap<>();
        SecurityContext caller = request == null ? null : request.getSecurityContext();
        Principal principal = caller == null ? null : caller.getUserPrincipal();
        model.put("user", principal == null ? null : principal.getName());
        model.put("section", section);
        model.put("title", title);
        model.put("mayWriteWebhooks", principal != null && caller.isUserInRole(Scope.WEBHOOKS_WRITE.word()));
        model.put("mayCreateWebhooks", principal != null && caller.isUserInRole(Scope.WEBHOOKS_CREATE.word()));
        model.put("mayDeleteWebhooks", principal != null && caller.isUserInRole(Scope.WEBHOOKS_DELETE.word()));
        model.put("mayRedeliver", principal != null && caller.isUserInRole(Scope.RUNS_REDELIVER.word()));
        model.put(CsrfFilter.FIELD, request == null ? null : AuthFilter.session(request).map(Session::csrf).orElse(null));
        return model;
    }

    static Response html(int status, String template, Map<String, ?> model) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(PageTemplates.render(template, model)).build();
    }

    static Response ok(String template, Map<String, ?> model) {
        return html(200, template, model);
    }

    /** 303: the browser follows with a GET, so reloading the page after an action does not repeat it. */
    static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }

    /**
     * A path on the page to go back to after an action or a login; only paths under {@code /ui/} are followed, so a
     * link cannot send a signed-in operator to another site.
     */
    static String localPath(String path, String fallback) {
        if (path == null || !path.startsWith("/ui/") || path.chars().anyMatch(Character::isISOControl)) {
            return fallback;
        }
        try {
            URI uri = new URI(path);
            return uri.getScheme() == null && uri.getRawAuthority() == null ? path : fallback;
        } catch (URISyntaxException e) {
            return fallback;
        }
    }
}
