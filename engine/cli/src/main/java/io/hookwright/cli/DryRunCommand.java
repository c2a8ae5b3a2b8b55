package io.hookwright.cli;

import io.hookwright.definitions.DefinitionCompiler;
import io.hookwright.dryrun.DryRun;
import io.hookwright.dryrun.DryRunReport;
import io.hookwright.dryrun.TerminalText;
import io.hookwright.dryrun.TextReport;
import io.hookwright.event.Event;
import io.hookwright.render.Secrets;
import io.hookwright.workspace.Workspace;
import io.hookwright.workspace.WorkspaceEntity;
import io.hookwright.workspace.WorkspaceEvents;
import io.hookwright.workspace.WorkspaceException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "dry-run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show what an event on a workspace entity would do: which webhooks match, why the others "
                + "don't, and the exact requests (secrets masked). Nothing is sent.")
final class DryRunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--definitions", paramLabel = "DIR", description = "definitions folder (default: ./webhooks)")
    Path definitions = Path.of("webhooks");

    @Option(names = "--workspace", paramLabel = "FILE", description = "workspace file or folder (default: samples/workspace)")
    Path workspace = Path.of("samples", "workspace");

    @ArgGroup(multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--project", paramLabel = "KEY", required = true, description = "the Project with this key")
        String project;

        @Option(names = "--entity", paramLabel = "TYPE:ID", required = true, description = "an entity by id or key, e.g. Task:DEMO-9")
        String entity;
    }

    @Option(names = "--event", paramLabel = "TYPE", required = true, description = "event type, e.g. Project:Updated")
    String event;

    @Option(names = "--set", paramLabel = "FIELD=VALUE", description = "change a field; the original values become before (repeatable)")
    List<String> sets = new ArrayList<>();

    @Option(names = "--as", paramLabel = "LOGIN", description = "the initiator (default: a demo user)")
    String as;

    @Option(names = "--secrets", paramLabel = "FILE", description = "secrets file (NAME=value lines); "
            + "HOOKWRIGHT_SECRET_<NAME> variables are read too. Used only to say which secrets are missing.")
    Path secretsFile;

    @Option(names = "--json", description = "machine output: {\"event\", \"webhooks\": [{code, matched, reasons, request}]}")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (!Files.isDirectory(definitions)) {
                err.println("hookwright dry-run: no definitions folder at " + definitions + " (use --definitions DIR)");
                return ExitCodes.USAGE;
            }
            DefinitionCompiler.Compilation compilation = new DefinitionCompiler().compile(definitions);
            if (!compilation.valid()) {
                compilation.errors().forEach(e -> err.println(DefinitionErrors.shown(definitions, e)));
                err.println("the definitions are not valid; nothing was dry-run");
                return ExitCodes.INVALID;
            }
            Workspace space = Workspace.load(workspace);
            WorkspaceEntity entity = target.project != null ? space.project(target.project) : space.entity(target.entity);
            Event built = new WorkspaceEvents(space, Clock.systemUTC()).build(entity, event, sets, as);
            Secrets secrets = Secrets.load(System.getenv(), secretsFile);
            DryRunReport report = new DryRun(compilation.definitions(), secrets).run(built);
            out.print(json ? Json.pretty(report.toJson()) + System.lineSeparator() : TextReport.format(report));
            out.flush();
            return report.hasErrors() ? ExitCodes.INVALID : ExitCodes.OK;
        } catch (WorkspaceException e) {
            err.println("hookwright dry-run: " + TerminalText.block(e.getMessage()));
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("hookwright dry-run: cannot read the secrets file: " + TerminalText.block(e.getMessage()));
            return ExitCodes.USAGE;
        } finally {
            err.flush();
        }
    }
}
