package io.hookwright.cli;

import io.hookwright.dryrun.TerminalText;
import io.hookwright.execution.Engine;
import io.hookwright.execution.Recovered;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "redeliver", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Send a logged run's request again, as it was rendered, with the same message id and today's "
                + "secrets; or, with --failed --since TIME, every message whose latest run since then failed, gave up "
                + "or was skipped (test runs are left out). Each new run is logged and printed.%n"
                + "Today's definitions give each webhook's timeout; without a definitions folder the default applies.%n"
                + "Exit 0 when every redelivery succeeded, 1 when any failed.")
final class RedeliverCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN_ID", description = "the run to send again")
    String runId;

    @Option(names = "--failed", description = "redeliver every undelivered message (needs --since)")
    boolean failed;

    @Option(names = "--since", paramLabel = "TIME", converter = SinceConverter.class,
            description = "with --failed: runs since TIME, " + SinceConverter.HELP)
    Instant since;

    @Option(names = "--webhook", paramLabel = "CODE", description = "with --failed: only this webhook's messages")
    String webhook;

    @Option(names = "--include-deactivated", description = "with --failed: also the messages of webhooks that are "
            + "deactivated, or disabled by their definition (left out by default, and counted)")
    boolean includeDeactivated;

    @Option(names = "--jump", description = "with RUN_ID of an ordered webhook (orderedBy): send it now, ahead of "
            + "the messages queued for its key (by default it is queued behind them, and shown held)")
    boolean jump;

    @Option(names = "--skip", description = "with RUN_ID: do not send it; skip its message, given up with onFailure "
            + "'block', so the next message of its key goes")
    boolean skip;

    @Mixin
    DefinitionsOption definitions;

    @Mixin
    SendOptions send;

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() {
        checkUsage();
        Recovered recovered;
        try (Engine engine = CommandEngine.sending(store.openExisting(), definitions.loadIfPresent(), send)) {
            recovered = runId != null ? new Recovered(List.of(skip ? engine.skip(runId) : engine.redeliver(runId, jump)),
                    List.of())
                    : engine.redeliverFailed(since, webhook, includeDeactivated);
        } catch (IllegalArgumentException e) {
            throw CommandFailure.usage(e.getMessage());
        }
        List<Run> runs = recovered.runs();
        PrintWriter out = spec.commandLine().getOut();
        for (Recovered.Skipped skipped : recovered.skipped()) {
            out.println("left out " + skipped.messages() + " message" + (skipped.messages() == 1 ? "" : "s") + " of "
                    + skipped.webhook() + ": it is " + (skipped.why() == Recovered.Off.DEACTIVATED ? "deactivated"
                    : "disabled by its definition") + " (--include-deactivated sends them too)");
        }
        if (runs.isEmpty()) {
            out.println("nothing to redeliver: no message " + (webhook == null ? "" : "of " + webhook + " ")
                    + "was left undelivered since " + since.truncatedTo(ChronoUnit.SECONDS));
            out.flush();
            return ExitCodes.OK;
        }
        out.print(RunTable.format(runs));
        runs.stream().filter(r -> r.error() != null).forEach(r -> out.println(r.id() + ": " + TerminalText.line(r.error())));
        if (skip) {
            out.println("skipped: the next message of its key goes");
            out.flush();
            return ExitCodes.OK;
        }
        // Held: queued behind earlier messages of its key, sent in its turn by a running engine.
        long held = runs.stream().filter(r -> r.outcome() == Outcome.HELD).count();
        long failures = runs.stream().filter(r -> r.outcome() != Outcome.SUCCEEDED && r.outcome() != Outcome.HELD).count();
        out.println(runs.size() + " redelivered, " + (runs.size() - failures - held) + " succeeded, " + failures + " failed"
                + (held == 0 ? "" : ", " + held + " queued behind earlier messages of their key"));
        out.flush();
        return failures == 0 ? ExitCodes.OK : ExitCodes.INVALID;
    }

    private void checkUsage() {
        if ((jump || skip) && runId == null || jump && skip) {
            throw new ParameterException(spec.commandLine(), "--jump and --skip each take a RUN_ID, and not together");
        }
        if (runId != null && (failed || since != null || webhook != null || includeDeactivated)) {
            throw new ParameterException(spec.commandLine(),
                    "give a RUN_ID or --failed --since TIME [--webhook CODE], not both");
        }
        if (runId == null && !(failed && since != null)) {
            throw new ParameterException(spec.commandLine(), failed ? "--failed needs --since TIME"
                    : "give a RUN_ID, or --failed --since TIME [--webhook CODE]");
        }
    }
}
