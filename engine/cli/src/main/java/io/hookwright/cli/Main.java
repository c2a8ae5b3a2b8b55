package io.hookwright.cli;

import io.hookwright.dryrun.TerminalText;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hookwright} command. */
@Command(name = "hookwright", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Webhooks as code: validate definitions, dry-run and test-send them against a workspace, "
                + "read the run log, redeliver, activate and deactivate webhooks.",
        subcommands = {ValidateCommand.class, DryRunCommand.class, TestSendCommand.class, RunsCommand.class,
                RedeliverCommand.class, WebhooksCommand.class, ActivateCommand.class, DeactivateCommand.class,
                ServeCommand.class, TokenCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with Hookwright's exit codes: 0 fine, 1 the input is wrong, 2 usage. */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new Main());
        line.setExitCodeExceptionMapper(e -> 2);
        line.setExecutionExceptionHandler((e, command, parsed) -> {
            if (!(e instanceof CommandFailure failure)) {
                throw e;
            }
            command.getErr().println("hookwright " + command.getCommandName() + ": " + TerminalText.block(failure.getMessage()));
            command.getErr().flush();
            return failure.exitCode();
        });
        return line;
    }
}
