package io.hookwright.cli;

import io.hookwright.dryrun.TerminalText;
import io.hookwright.dsl.model.EventPattern;
import io.hookwright.dsl.model.WebhookDefinition;
import io.hookwright.event.Event;
import io.hookwright.execution.Engine;
import io.hookwright.execution.LoadedDefinitions;
import io.hookwright.render.RenderException;
import io.hookwright.render.RenderedRequest;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import io.hookwright.workspace.Workspace;
import io.hookwright.workspace.WorkspaceEntity;
import io.hookwright.workspace.WorkspaceEvents;
import io.hookwright.workspace.WorkspaceException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "test-send", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Send one webhook's request for an event on a workspace entity, now, whatever its filter, "
                + "mode or state says. The run is logged as a test run and does not count for the webhook's health.%n"
                + "Exit 0 when the target answered 2xx, 1 when the send failed.")
final class TestSendCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CODE", description = "the webhook to send")
    String code;

    @Mixin
    DefinitionsOption definitions;

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

    @Option(names = "--event", paramLabel = "TYPE", description = "event type, e.g. Project:Updated (default: the "
            + "first event the webhook listens to that names an action on the entity's type)")
    String event;

    @Option(names = "--set", paramLabel = "FIELD=VALUE", description = "change a field; the original values become before (repeatable)")
    List<String> sets = new ArrayList<>();

    @Option(names = "--as", paramLabel = "LOGIN", description = "the initiator (default: a demo user)")
    String as;

    @Mixin
    SendOptions send;

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() {
        LoadedDefinitions loaded = definitions.load();
        WebhookDefinition webhook = loaded.definitions().rules().find(code).orElseThrow(() -> CommandFailure.usage(
                "no webhook " + code + " in " + definitions.folder() + "; webhooks: " + loaded.definitions().rules()
                        .webhooks().stream().map(WebhookDefinition::code).collect(Collectors.joining(", "))));
        Event built;
        try {
            Workspace space = Workspace.load(workspace);
            WorkspaceEntity entity = target.project != null ? space.project(target.project) : space.entity(target.entity);
            String type = event != null ? event : defaultEvent(webhook, entity);
            built = testEvent(new WorkspaceEvents(space, Clock.systemUTC()).build(entity, type, sets, as));
        } catch (WorkspaceException e) {
            throw CommandFailure.usage(e.getMessage());
        }
        Run run;
        try (Engine engine = CommandEngine.sending(store.openOrCreate(), loaded, send)) {
            run = engine.testSend(code, built);
        } catch (RenderException e) {
            throw new CommandFailure(ExitCodes.INVALID, e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("test-send " + code + ": " + TerminalText.line(built.type() + " on " + built.entity().type() + " "
                + (built.entity().key() != null ? built.entity().key() : built.entity().id())));
        RenderedRequest shown = run.request().masked();
        out.println(TerminalText.line(shown.method() + " " + shown.url()));
        out.println(run.outcome().word() + (run.response() == null ? "" : ", HTTP " + run.response().status())
                + ", " + run.duration().toMillis() + " ms");
        if (run.error() != null) {
            out.println("error: " + TerminalText.line(run.error()));
        }
        out.println("run " + run.id() + " (logged as a test run)");
        out.flush();
        return run.outcome() == Outcome.SUCCEEDED ? ExitCodes.OK : ExitCodes.INVALID;
    }

    /** The first event the webhook listens to that names an action on the entity's type, e.g. Project:Updated. */
    private static String defaultEvent(WebhookDefinition webhook, WorkspaceEntity entity) {
        return webhook.events().stream()
                .filter(p -> !p.action().equals(EventPattern.ANY))
                .filter(p -> p.entity().equals(entity.type()) || p.entity().equals(EventPattern.ANY))
                .findFirst()
                .map(p -> entity.type() + ":" + p.action())
                .orElseThrow(() -> CommandFailure.usage("webhook " + webhook.code() + " listens to "
                        + webhook.events().stream().map(EventPattern::toString).collect(Collectors.joining(", "))
                        + ", none of them a named action on a " + entity.type() + ": --event TYPE is needed"));
    }

    /** The workspace's event with an id that says, in the run log, that it came from a test-send. */
    private static Event testEvent(Event e) {
        return e.toBuilder().id("test_" + UUID.randomUUID()).build();
    }
}
