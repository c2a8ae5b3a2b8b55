package io.hookwright.server.page;

import io.hookwright.server.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;

import java.lang.reflect.Method;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * How the page's routes (resource methods producing {@code text/html}) answer where the API answers with a JSON
 * problem: without a login the browser goes to the login form, and comes back to the page it asked for after it;
 * any other problem (a 403 naming the missing scope, a 404, a 400 for a bad filter) is a page that says what is
 * wrong. Every page is kept out of caches and frames, and runs no script but the page's own ({@link PageScript}).
 */
@Priority(Priorities.USER)
public final class PageResponses implements ContainerResponseFilter {
    private static final MediaType PROBLEM = MediaType.valueOf(Problem.MEDIA_TYPE);
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Context
    private ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!producesHtml()) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        headers.putSingle("Content-Security-Policy", POLICY);
        headers.putSingle("X-Content-Type-Options", "nosniff");
        headers.putSingle("Referrer-Policy", "same-origin");
        if (!(response.getEntity() instanceof Map<?, ?> problem) || !PROBLEM.isCompatible(response.getMediaType())) {
            return;
        }
        if (response.getStatus() == 401) {
            toLogin(request, response);
            return;
        }
        String title = String.valueOf(problem.get("title"));
        Map<String, Object> model = Pages.model(request, "error", title);
        model.put("status", response.getStatus());
        model.put("detail", String.valueOf(problem.get("detail")));
        model.put("scope", problem.get("scope") == null ? null : String.valueOf(problem.get("scope")));
        response.setEntity(PageTemplates.render("error.ftlh", model), response.getEntityAnnotations(),
                MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }

    /** 303 to the login form; a page asked for with GET is where the login leads back to. */
    private static void toLogin(ContainerRequestContext request, ContainerResponseContext response) {
        URI asked = request.getUriInfo().getRequestUri();
        String next = asked.getRawPath() + (asked.getRawQuery() == null ? "" : "?" + asked.getRawQuery());
        String query = HttpMethod.GET.equals(request.getMethod()) && Pages.localPath(next, null) != null
                ? "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8) : "";
        response.setStatus(303);
        response.setEntity(null);
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.remove(HttpHeaders.CONTENT_TYPE);
        headers.remove(HttpHeaders.WWW_AUTHENTICATE);
        // A path, like every redirect of the page (Pages.seeOther), not a URI made from the request's Host.
        headers.putSingle(HttpHeaders.LOCATION, URI.create("/login" + query));
    }

    private boolean producesHtml() {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return false;
        }
        Produces produces = method.getAnnotation(Produces.class);
        if (produces == null) {
            produces = resource.getResourceClass().getAnnotation(Produces.class);
        }
        return produces != null && Arrays.stream(produces.value())
                .anyMatch(type -> MediaType.valueOf(type).isCompatible(MediaType.TEXT_HTML_TYPE));
    }
}
