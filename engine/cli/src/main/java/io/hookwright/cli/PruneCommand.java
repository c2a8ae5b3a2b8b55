package io.hookwright.cli;

import io.hookwright.dryrun.TerminalText;
import io.hookwright.errors.StoreUnavailableException;
import io.hookwright.runlog.JooqRunLog;
import io.hookwright.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

@Command(name = "prune", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Delete the runs older than a span now, as serve --retention does every hour: the runs of "
                + "messages whose latest run is older are deleted with their bodies, in small batches, while engines "
                + "use the database; a message still queued keeps its runs. Exit 0 when done, 2 on a usage error, "
                + "3 when the database could not be used.")
final class PruneCommand implements Callable<Integer> {
    /** Runs' messages per batch: each batch is a short transaction of its own. */
    static final int BATCH = 500;

    @Spec
    CommandSpec spec;

    @Option(names = "--older-than", required = true, paramLabel = "SPAN", description = "how old a message's latest "
            + "run must be for its runs to go: 30d, 12h, 90m...")
    String olderThan;

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Duration span = SinceConverter.span(olderThan);
        if (span == null || span.isZero()) {
            throw CommandFailure.usage("--older-than takes a span such as 30d or 12h (more than 0), not '"
                    + TerminalText.line(olderThan) + "'");
        }
        Instant cutoff = Instant.now().minus(span);
        int deleted;
        try (Database database = store.openExisting()) {
            deleted = new JooqRunLog(database).deleteOlderThan(cutoff, BATCH);
        } catch (StoreUnavailableException e) {
            throw new CommandFailure(ExitCodes.UNAVAILABLE, e.getMessage());
        }
        out.println("Deleted " + deleted + " run" + (deleted == 1 ? "" : "s") + " created before " + cutoff
                + " from " + store.describe() + " (the runs of messages still queued stay)");
        out.flush();
        return ExitCodes.OK;
    }
}
