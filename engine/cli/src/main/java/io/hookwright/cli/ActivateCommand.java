package io.hookwright.cli;

import io.hookwright.execution.Engine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "activate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Reactivate a webhook that was deactivated, by an operator or after repeated failures; its "
                + "failure count starts again. A running engine sees the change within its poll interval.")
final class ActivateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CODE", description = "the webhook to activate")
    String code;

    @Mixin
    DefinitionsOption definitions;

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Engine engine = CommandEngine.of(store.openOrCreate(), definitions.load())) {
            KnownCodes.require(code, engine, definitions.folder());
            engine.activate(code, Operator.name());
            out.println(code + " activated; its failure count starts again at 0");
            engine.definitions().definitions().webhook(code).filter(w -> !w.definition().active()).ifPresent(w ->
                    out.println("note: its definition says active false, so it still does not fire"));
            if (engine.definitions().definitions().webhook(code).isEmpty()) {
                out.println("note: " + code + " is no longer defined in " + definitions.folder());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
