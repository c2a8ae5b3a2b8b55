package io.hookwright.cli;

import io.hookwright.dryrun.TerminalText;
import io.hookwright.runlog.Run;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Runs as a table to read: one line each, the error cut short (the whole run is in {@code runs --json}). A run that
 * {@code serve --capture} sent to its local receiver says so beside its outcome.
 */
final class RunTable {
    private static final int ERROR_WIDTH = 60;
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private RunTable() {
    }

    static String format(List<Run> runs) {
        TextTable table = new TextTable("ID", "CREATED (UTC)", "WEBHOOK", "MODE", "ATTEMPT", "OUTCOME", "STATUS",
                "DURATION", "ERROR");
        for (Run run : runs) {
            table.row(run.id(), created(run.createdAt()), run.webhook(), run.mode(), String.valueOf(run.attempt()),
                    outcome(run), run.response() == null ? "-" : String.valueOf(run.response().status()),
                    run.duration().toMillis() + " ms", cut(run.error()));
        }
        return table.format();
    }

    /** The outcome, with {@code (captured)} when the request went to the capturing receiver, not its target. */
    static String outcome(Run run) {
        return run.outcome().word() + (run.captured() ? " (captured)" : "");
    }

    static String created(Instant at) {
        return CREATED.format(at);
    }

    /** One line of at most {@value ERROR_WIDTH} characters, with nothing a terminal would act on. */
    static String cut(String error) {
        if (error == null) {
            return "";
        }
        String line = TerminalText.line(error.strip().replaceAll("\\s+", " "));
        return line.length() <= ERROR_WIDTH ? line : line.substring(0, ERROR_WIDTH - 1) + "…";
    }
}
