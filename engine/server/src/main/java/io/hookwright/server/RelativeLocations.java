package io.hookwright.server;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;

import java.net.URI;

/**
 * Every {@code Location} this server answers with is relative ({@code /login?next=…}): one built from the request's
 * URI would carry whatever host its {@code Host} header named, and send a browser or client there. Runs after every
 * other response filter (response filters run from the highest priority down).
 */
@Priority(1)
final class RelativeLocations implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        if (location == null) {
            return;
        }
        URI uri = location instanceof URI u ? u : URI.create(location.toString());
        if (uri.isAbsolute() || uri.getRawAuthority() != null) {
            response.getHeaders().putSingle(HttpHeaders.LOCATION, relative(uri));
        }
    }

    /** The path, query and fragment alone. */
    static String relative(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        // "//evil.example" as a path would still name a host.
        path = "/" + path.replaceFirst("^/+", "");
        return path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
    }
}
