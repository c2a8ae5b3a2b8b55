package io.hookwright.server.page;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code GET /ui/page.js}: the page's one script (copy buttons), the only script its pages may run. */
@Path("/ui/page.js")
public final class PageScript {
    private static final byte[] SCRIPT = read();

    @GET
    @Produces("text/javascript")
    public Response script() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        return Response.ok(SCRIPT).type("text/javascript; charset=UTF-8").cacheControl(cache).build();
    }

    private static byte[] read() {
        try (InputStream in = PageScript.class.getResourceAsStream("page.js")) {
            if (in == null) {
                throw new IllegalStateException("page.js is missing from the classpath beside " + PageScript.class);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
