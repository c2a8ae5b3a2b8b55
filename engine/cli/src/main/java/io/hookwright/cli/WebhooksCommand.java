package io.hookwright.cli;

import io.hookwright.dryrun.TerminalText;
import io.hookwright.dsl.model.EventPattern;
import io.hookwright.dsl.model.WebhookDefinition;
import io.hookwright.execution.LoadedDefinitions;
import io.hookwright.state.JooqWebhookStateStore;
import io.hookwright.state.WebhookState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

@Command(name = "webhooks", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = {WebhookCreateCommand.class, WebhookEditCommand.class, WebhookDeleteCommand.class},
        description = "List every webhook in the definitions with its mode, events and health: whether it is active "
                + "(its definition says active, and it is not deactivated), its consecutive failures, and why and when "
                + "it was deactivated. Stored states of webhooks no longer defined are listed too, marked as such. "
                + "create, edit and delete change them, each change a commit.")
final class WebhooksCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DefinitionsOption definitions;

    @Mixin
    StoreOptions store;

    @Option(names = "--json", description = "machine output: [{code, defined, mode, events, active, definitionActive, "
            + "deactivated, consecutiveFailures, lastFailure, deactivatedAt, deactivationReason}]")
    boolean json;

    /** One line of the listing; {@code definition} is null for a stored state whose webhook is no longer defined. */
    private record Listed(String code, WebhookDefinition definition, WebhookState state) {
        boolean active() {
            return (definition == null || definition.active()) && state.active();
        }
    }

    @Override
    public Integer call() {
        LoadedDefinitions loaded = definitions.load();
        Map<String, WebhookState> states = new TreeMap<>(new JooqWebhookStateStore(store.openExisting()).all());
        List<Listed> listed = new ArrayList<>();
        for (WebhookDefinition definition : loaded.definitions().rules().webhooks()) {
            WebhookState state = states.remove(definition.code());
            listed.add(new Listed(definition.code(), definition, state != null ? state : WebhookState.fresh(definition.code())));
        }
        states.values().forEach(state -> listed.add(new Listed(state.code(), null, state)));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.pretty(listed.stream().map(WebhooksCommand::toJson).toList()));
        } else {
            out.print(text(listed));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String text(List<Listed> listed) {
        TextTable table = new TextTable("CODE", "MODE", "EVENTS", "ACTIVE", "FAILURES");
        List<String> reasons = new ArrayList<>();
        for (Listed w : listed) {
            table.row(w.code(), w.definition() == null ? "-" : w.definition().execution().mode(),
                    w.definition() == null ? "(no longer defined)" : events(w.definition()), active(w),
                    String.valueOf(w.state().consecutiveFailures()));
            if (!w.state().active()) {
                reasons.add(w.code() + " deactivated " + RunTable.created(w.state().deactivatedAt()) + " UTC: "
                        + TerminalText.line(w.state().deactivationReason()));
            }
        }
        StringBuilder text = new StringBuilder(table.format());
        if (!reasons.isEmpty()) {
            text.append(System.lineSeparator());
            reasons.forEach(r -> text.append(r).append(System.lineSeparator()));
        }
        return text.toString();
    }

    private static String active(Listed w) {
        if (w.active()) {
            return "yes";
        }
        List<String> why = new ArrayList<>();
        if (w.definition() != null && !w.definition().active()) {
            why.add("definition says active false");
        }
        if (!w.state().active()) {
            why.add("deactivated");
        }
        return "no: " + String.join(", ", why);
    }

    private static String events(WebhookDefinition definition) {
        return String.join(", ", definition.events().stream().map(EventPattern::toString).toList());
    }

    private static Map<String, Object> toJson(Listed w) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", w.code());
        json.put("defined", w.definition() != null);
        json.put("mode", w.definition() == null ? null : w.definition().execution().mode());
        json.put("events", w.definition() == null ? List.of()
                : w.definition().events().stream().map(EventPattern::toString).toList());
        json.put("active", w.active());
        json.put("definitionActive", w.definition() == null ? null : w.definition().active());
        json.put("deactivated", !w.state().active());
        json.put("consecutiveFailures", w.state().consecutiveFailures());
        json.put("lastFailure", w.state().lastFailure());
        json.put("deactivatedAt", w.state().deactivatedAt() == null ? null : w.state().deactivatedAt().toString());
        json.put("deactivationReason", w.state().deactivationReason());
        return json;
    }
}
