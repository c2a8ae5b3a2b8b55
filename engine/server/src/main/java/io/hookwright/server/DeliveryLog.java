package io.hookwright.server;

import io.hookwright.execution.EngineObserver;
import io.hookwright.render.SecretRefs;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One log line per delivery attempt, on the logger {@value #LOGGER}: its message for people, and its fields as the
 * record's one parameter (a map) for a structured formatter. Secrets are masked, as in the run log.
 */
public final class DeliveryLog implements EngineObserver {
    public static final String LOGGER = "io.hookwright.deliveries";
    private static final Logger LOG = Logger.getLogger(LOGGER);

    /** Which attempts are logged. */
    public enum Scope {
        ALL, FAILED, NONE
    }

    private final Scope scope;
    private final Consumer<LogRecord> sink;

    /** Logs to the logger {@value #LOGGER}. */
    public DeliveryLog(Scope scope) {
        this(scope, LOG::log);
    }

    /**
     * Gives each line to {@code sink}: a process that writes its own log lines keeps them while it stops, when the
     * JVM's logging has already shut down and the last deliveries in flight end.
     */
    public DeliveryLog(Scope scope, Consumer<LogRecord> sink) {
        this.scope = scope;
        this.sink = sink;
    }

    @Override
    public void attempted(Run run) {
        boolean failed = run.outcome() != Outcome.SUCCEEDED;
        if (scope == Scope.NONE || scope == Scope.FAILED && !failed) {
            return;
        }
        Map<String, Object> fields = fields(run);
        LogRecord record = new LogRecord(failed ? Level.WARNING : Level.INFO, message(run, fields));
        record.setLoggerName(LOGGER);
        record.setParameters(new Object[] {fields});
        sink.accept(record);
    }

    private static Map<String, Object> fields(Run run) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event", "delivery");
        fields.put("webhook", run.webhook());
        fields.put("runId", run.id());
        fields.put("messageId", run.messageId());
        fields.put("eventId", run.eventId());
        fields.put("eventType", run.eventType());
        fields.put("mode", run.mode());
        fields.put("attempt", run.attempt());
        fields.put("outcome", run.outcome().word());
        fields.put("status", run.response() == null ? null : run.response().status());
        fields.put("durationMs", run.duration() == null ? null : run.duration().toMillis());
        fields.put("method", run.request() == null ? null : run.request().method());
        fields.put("url", run.request() == null ? null : SecretRefs.mask(run.request().url()));
        fields.put("error", run.error());
        fields.put("node", run.node());
        return fields;
    }

    private static String message(Run run, Map<String, Object> fields) {
        StringBuilder line = new StringBuilder("delivery ").append(run.webhook()).append(' ').append(run.id())
                .append(" attempt ").append(run.attempt()).append(' ').append(run.outcome().word());
        if (fields.get("status") != null) {
            line.append(' ').append(fields.get("status"));
        }
        if (fields.get("durationMs") != null) {
            line.append(" in ").append(fields.get("durationMs")).append(" ms");
        }
        if (fields.get("url") != null) {
            line.append(" (").append(fields.get("method")).append(' ').append(fields.get("url")).append(')');
        }
        if (run.error() != null) {
            line.append(": ").append(run.error());
        }
        return line.toString();
    }
}
