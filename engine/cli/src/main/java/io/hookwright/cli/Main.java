package io.hookwright.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The {@code hookwright} command. */
@Command(name = "hookwright", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Webhooks as code: validate definitions, dry-run and test-send them against a workspace, "
                + "read the run log, redeliver, activate and deactivate webhooks.",
        subcommands = {ValidateCommand.class, DryRunCommand.class, TestSendCommand.class, RunsCommand.class,
                RedeliverCommand.class, WebhooksCommand.class, ActivateCommand.class, DeactivateCommand.class,
                ServeCommand.class, BackupCommand.class, PruneCommand.class, TokenCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    /** The pool tells of every start and stop at INFO; held so the level set on it holds (JUL keeps loggers weakly). */
    private static final Logger POOL_LOG = Logger.getLogger("com.zaxxer.hikari");
    /** jOOQ reports each connection's dialect check at INFO. */
    private static final Logger JOOQ_LOG = Logger.getLogger("org.jooq");
    /**
     * jOOQ's open-source edition warns that any PostgreSQL older than the newest is "older than the dialect
     * supports"; the engine's statements are plain, and its tests run on PostgreSQL 17.
     */
    private static final Logger JOOQ_VERSION_LOG = Logger.getLogger("org.jooq.impl.DefaultExecuteContext.logVersionSupport");

    static {
        // The command's own process: its output is the engine's, without jOOQ's banner, tips and chatter. The
        // library leaves the JVM's settings alone; a host quiets them as it likes.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        JOOQ_LOG.setLevel(Level.WARNING);
        JOOQ_VERSION_LOG.setLevel(Level.SEVERE);
        POOL_LOG.setLevel(Level.WARNING);
    }

    public static void main(String[] args) {
        System.exit(execute(commandLine(), args, System.getenv()));
    }

    /**
     * Runs {@code args} on {@code line} with serve's options also taken from {@code env} and the config file
     * ({@link ServeDefaults}).
     */
    static int execute(CommandLine line, String[] args, Map<String, String> env) {
        ServeDefaults defaults;
        try {
            defaults = ServeDefaults.read(args, env, line.getSubcommands().get(ServeDefaults.COMMAND).getCommandSpec());
        } catch (CommandFailure e) {
            CommandLine serve = line.getSubcommands().get(ServeDefaults.COMMAND);
            return CommandErrors.tell(serve, java.util.Arrays.asList(args).contains("--json"), e.getMessage(),
                    e.exitCode());
        }
        line.setDefaultValueProvider(defaults);
        CommandLine.IParameterExceptionHandler handler = line.getParameterExceptionHandler();
        line.setParameterExceptionHandler((e, given) -> {
            // A bad value from the environment or the file is named by where it was set, not as if typed.
            java.util.Optional<String> origin = e.getArgSpec() == null ? java.util.Optional.empty()
                    : defaults.origin(e.getArgSpec());
            if (origin.isPresent() && !typed((CommandLine.Model.OptionSpec) e.getArgSpec(), given)) {
                return CommandErrors.tell(e.getCommandLine(), java.util.Arrays.asList(given).contains("--json"),
                        e.getMessage() + " (set by " + origin.get() + ")", ExitCodes.USAGE);
            }
            return handler.handleParseException(e, given);
        });
        return line.execute(args);
    }

    private static boolean typed(CommandLine.Model.OptionSpec option, String[] args) {
        for (String arg : args) {
            for (String name : option.names()) {
                if (arg.equals(name) || arg.startsWith(name + "=")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The command line with Hookwright's exit codes: 0 fine, 1 the input is wrong, 2 usage. */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new Main());
        line.setExitCodeExceptionMapper(e -> 2);
        line.setExecutionExceptionHandler((e, command, parsed) -> {
            CommandLine.ParseResult own = parsed;
            while (own.hasSubcommand()) {
                own = own.subcommand();
            }
            boolean json = own.hasMatchedOption("--json");
            if (e instanceof CommandFailure failure) {
                return CommandErrors.tell(command, json, failure.getMessage(), failure.exitCode());
            }
            // Not the user's mistake, but still one line for them; the trace goes to the log for a bug report.
            Logger.getLogger(Main.class.getName()).log(Level.FINE, "command failed", e);
            return CommandErrors.tell(command, json, "failed: " + CommandErrors.describe(e), ExitCodes.FAILED);
        });
        CommandLine.IParameterExceptionHandler usage = line.getParameterExceptionHandler();
        line.setParameterExceptionHandler((e, args) -> java.util.Arrays.asList(args).contains("--json")
                ? CommandErrors.tell(e.getCommandLine(), true, e.getMessage(), ExitCodes.USAGE)
                : usage.handleParseException(e, args));
        return line;
    }
}
