package io.hookwright.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.hookwright.event.EventFormatException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every error leaves as a problem body: what the client did wrong, or a plain 500 that leaks nothing. */
final class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    /** Jersey's own errors (404, 405, 415…) and ours, problem bodies kept and plain ones turned into problems. */
    static final class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response r = e.getResponse();
            if (r.hasEntity()) {
                return r;
            }
            Response.StatusType status = r.getStatusInfo();
            return Problem.response(status.getStatusCode(), status.getReasonPhrase(), switch (status.getStatusCode()) {
                case 404 -> "no such resource";
                case 405 -> "this method is not allowed here";
                case 406 -> "this resource answers in JSON";
                case 415 -> "send the body as application/json";
                default -> status.getReasonPhrase();
            });
        }
    }

    static final class BadJson implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            var at = e.getLocation();
            return Problem.response(400, "Malformed JSON", e.getOriginalMessage()
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        }
    }

    static final class BadEvent implements ExceptionMapper<EventFormatException> {
        @Override
        public Response toResponse(EventFormatException e) {
            return Problem.response(400, "Invalid event", e.getMessage(), Map.of("field", e.field()));
        }
    }

    /** A webhook's template failed for the event given (a test send): the definition or the event needs a change. */
    static final class RenderFailed implements ExceptionMapper<io.hookwright.render.RenderException> {
        @Override
        public Response toResponse(io.hookwright.render.RenderException e) {
            return Problem.response(422, "Render failed", e.getMessage());
        }
    }

    static final class BadArgument implements ExceptionMapper<IllegalArgumentException> {
        @Override
        public Response toResponse(IllegalArgumentException e) {
            return Problem.response(400, "Bad request", e.getMessage());
        }
    }

    /**
     * Anything else: a plain 500. A fatal error (out of memory…) is recorded, so health says so and the server stops;
     * the request gets a 503.
     */
    static final class Unexpected implements ExceptionMapper<Throwable> {
        private final FatalErrors fatal;

        Unexpected(FatalErrors fatal) {
            this.fatal = fatal;
        }

        @Override
        public Response toResponse(Throwable e) {
            if (fatal.record(e, "a request")) {
                return StoppingGate.stopping();
            }
            LOG.log(Level.SEVERE, "request failed inside the engine", e);
            return Problem.response(500, "Internal error", "the engine failed to answer this request; its log says why");
        }
    }
}
