package io.hookwright.server;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * After a fatal error every request but {@code GET /health} is answered 503 at once: the engine is stopping, and a
 * client or load balancer should go to another node rather than get a 500 from a half-dead one.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
final class StoppingGate implements ContainerRequestFilter {
    private final FatalErrors fatal;

    StoppingGate(FatalErrors fatal) {
        this.fatal = fatal;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (fatal.first().isPresent() && !request.getUriInfo().getPath().equals("health")) {
            request.abortWith(stopping());
        }
    }

    static Response stopping() {
        return Response.fromResponse(Problem.response(503, "Service Unavailable", "the engine hit a fatal error and "
                + "is stopping; try another node, or again once it has been restarted"))
                .header(HttpHeaders.RETRY_AFTER, "10").build();
    }
}
