package io.hookwright.server.page;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code GET /ui/page.css}: the page's one style sheet, open like the login form that uses it. */
@Path("/ui/page.css")
public final class StyleSheet {
    private static final byte[] CSS = read();

    @GET
    @Produces("text/css")
    public Response css() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        return Response.ok(CSS).type("text/css; charset=UTF-8").cacheControl(cache).build();
    }

    private static byte[] read() {
        try (InputStream in = StyleSheet.class.getResourceAsStream("page.css")) {
            if (in == null) {
                throw new IllegalStateException("page.css is missing from the classpath beside " + StyleSheet.class);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
