package io.hookwright.cli;

import io.hookwright.dryrun.TerminalText;
import io.hookwright.execution.Engine;
import io.hookwright.state.WebhookState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "deactivate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Deactivate a webhook: from now on its events are not sent, and queued messages are logged as "
                + "skipped. The reason is kept and shown by 'webhooks'. A running engine sees the change within its "
                + "poll interval.")
final class DeactivateCommand implements Callable<Integer> {
    static final String DEFAULT_REASON = "deactivated by an operator";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CODE", description = "the webhook to deactivate")
    String code;

    @Option(names = "--reason", paramLabel = "TEXT", description = "why, for whoever reads 'webhooks' later "
            + "(default: " + DEFAULT_REASON + ")")
    String reason;

    @Mixin
    DefinitionsOption definitions;

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Engine engine = CommandEngine.of(store.openOrCreate(), definitions.load())) {
            KnownCodes.require(code, engine, definitions.folder());
            WebhookState state = engine.deactivate(code,
                    reason == null || reason.isBlank() ? DEFAULT_REASON : reason.strip(), Operator.name());
            out.println(code + " deactivated: " + TerminalText.line(state.deactivationReason()));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
