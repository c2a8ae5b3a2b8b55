package io.hookwright.server.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A log line for every change an operator makes over the REST API or the page (activate, deactivate, reload,
 * redeliver, test sends, webhook edits), naming who made it and how it ended, on the logger {@value #LOGGER}. Events
 * and transactions are the host's traffic, not operator actions; signing in is not a change.
 */
public final class OperatorLog implements ContainerResponseFilter {
    public static final String LOGGER = "io.hookwright.operators";
    private static final Logger LOG = Logger.getLogger(LOGGER);
    private static final List<String> NOT_ACTIONS = List.of("events", "transactions", "login", "logout", "dry-run");

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return;
        }
        String path = "/" + request.getUriInfo().getPath();
        String first = path.replaceFirst("^/(ui/)?", "").split("/", 2)[0];
        if (NOT_ACTIONS.contains(first)) {
            return;
        }
        String who = request.getSecurityContext().getUserPrincipal() != null
                ? request.getSecurityContext().getUserPrincipal().getName()
                : request.getProperty(Caller.class.getName()) instanceof Caller refused ? refused.name() : null;
        int status = response.getStatus();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event", "operator-action");
        fields.put("who", who);
        fields.put("method", method);
        fields.put("path", path);
        fields.put("status", status);
        LogRecord record = new LogRecord(status < 400 ? Level.INFO : Level.WARNING, "operator "
                + (who == null ? "(not signed in)" : who) + ": " + method + " " + path + " -> " + status);
        record.setLoggerName(LOGGER);
        record.setParameters(new Object[] {fields});
        LOG.log(record);
    }
}
