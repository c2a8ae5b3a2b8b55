package io.hookwright.cli;

import io.hookwright.runlog.JooqRunLog;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import io.hookwright.runlog.RunJson;
import io.hookwright.runlog.RunQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "runs", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List logged runs, newest first: every attempt to deliver, with its outcome, status, "
                + "duration and error. Requests are shown with their secrets masked.")
final class RunsCommand implements Callable<Integer> {
    /** What {@code --failed} selects: every run that did not deliver, including one still to be retried. */
    static final Set<Outcome> FAILED = EnumSet.of(Outcome.FAILED, Outcome.VETOED, Outcome.GAVE_UP, Outcome.PENDING_RETRY);

    @Spec
    CommandSpec spec;

    @Mixin
    StoreOptions store;

    @Option(names = "--webhook", paramLabel = "CODE", description = "only this webhook's runs")
    String webhook;

    @Option(names = "--failed", description = "only runs that did not deliver: outcomes failed, vetoed, gave-up "
            + "and pending-retry")
    boolean failed;

    @Option(names = "--outcome", paramLabel = "WORD", converter = OutcomeConverter.class,
            description = "only runs with this outcome (repeatable): succeeded, failed, vetoed, pending-retry, "
                    + "gave-up, skipped")
    List<Outcome> outcomes = new ArrayList<>();

    @Option(names = "--since", paramLabel = "TIME", converter = SinceConverter.class,
            description = "only runs created since TIME: " + SinceConverter.HELP)
    Instant since;

    @Option(names = "--limit", paramLabel = "N", description = "at most N runs (default: 20)")
    int limit = 20;

    @Option(names = "--json", description = "machine output: [{id, webhook, eventId, eventType, messageId, mode, "
            + "attempt, outcome, durationMs, request, response, error, createdAt}]")
    boolean json;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1, not " + limit);
        }
        Set<Outcome> selected = EnumSet.noneOf(Outcome.class);
        selected.addAll(outcomes);
        if (failed) {
            selected.addAll(FAILED);
        }
        List<Run> runs = new JooqRunLog(store.openExisting()).list(new RunQuery(webhook, selected, since, limit));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.pretty(runs.stream().map(RunJson::of).toList()));
        } else if (runs.isEmpty()) {
            out.println(filtered() ? "no runs match" : "no runs yet");
        } else {
            out.print(RunTable.format(runs));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private boolean filtered() {
        return webhook != null || failed || !outcomes.isEmpty() || since != null;
    }

    static final class OutcomeConverter implements ITypeConverter<Outcome> {
        @Override
        public Outcome convert(String value) {
            return Outcome.fromWord(value).orElseThrow(() -> new TypeConversionException("'" + value
                    + "' is not an outcome: give one of " + Arrays.stream(Outcome.values()).map(Outcome::word)
                    .collect(Collectors.joining(", "))));
        }
    }
}
