package io.hookwright.samples;

import io.hookwright.event.Event;
import io.hookwright.workspace.WorkspaceEntity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The dry-runs the samples README lists (one per webhook at least), and a few more, each with the exact set of
 * webhooks it matches and why key others do not.
 */
final class SampleScenarios {
    private SampleScenarios() {
    }

    static List<Scenario> all() {
        return List.of(
                // The tour
                dryRun("--project DEMO --event Project:Updated --set Status=Done")
                        .matches("erp_project_done", "projectrak_fields_updated")
                        .because("budget_approval", "Budget 5000 is not > 10000")
                        .because("project_at_risk", "none of: Status changed from 'On track' to 'Done', not to 'At risk'; "
                                + "Status changed from 'On track' to 'Done', not to 'Off track'; ScheduleStatus 1 is not >= 2")
                        .because("budget_increase", "tenant acme is not globex"),
                // PPM Express
                dryRun("--project AI --event Project:Created")
                        .matches("ppm_project_created", "sharepoint_space", "budget_approval"),
                dryRun("--entity Idea:IDEA-12 --event Idea:Updated --set Stage=1")
                        .matches("ppm_idea_updated"),
                dryRun("--entity KeyDate:DEMO-KD1 --event KeyDate:Updated --set IsComplete=true --set Status=10")
                        .matches("ppm_keydate_updated"),
                dryRun("--entity Task:DEMO-1 --event Task:Deleted")
                        .matches("ppm_task_deleted", "audit_deletions")
                        .because("wo_update", "parent.type 'Project' is not == 'TaskGroup'"),
                // Projectrak
                dryRun("--project DEMO --event Project:Updated --set Status=Done --set Budget=23000")
                        .matches("erp_project_done", "budget_approval", "projectrak_fields_updated")
                        .because("budget_increase", "tenant acme is not globex"),
                dryRun("--project DEMO --event Project:Updated")
                        .matches()
                        .becauseOf("projectrak_fields_updated", "none of: Name did not change")
                        .becauseOf("erp_project_done", "Status did not change")
                        .because("budget_approval", "Budget 5000 is not > 10000"),
                // Project Monitor
                dryRun("--project DEMO --event Project:Created")
                        .matches("ppm_project_created", "sharepoint_space")
                        .because("budget_approval", "Budget 5000 is not > 10000"),
                dryRun("--project FLEET --event Project:Created")
                        .matches("ppm_project_created", "budget_approval")
                        .because("sharepoint_space", "tenant globex is not acme"),
                dryRun("--project ERP --event Project:Created")
                        .matches("ppm_project_created", "budget_approval")
                        .becauseOf("sharepoint_space", "does not contain 'Digital'"),
                // Lifecycle
                dryRun("--project DEMO --event Project:Updated --set Budget=20000")
                        .matches("budget_approval", "projectrak_fields_updated")
                        .because("erp_project_done", "Status did not change")
                        .because("budget_increase", "tenant acme is not globex"),
                dryRun("--project ERP --event Project:Updated --set 'Status=Off track'")
                        .matches("budget_approval", "project_at_risk", "projectrak_fields_updated")
                        .because("erp_project_done", "Status changed from 'At risk' to 'Off track', not from 'On track'")
                        .because("budget_increase", "tenant acme is not globex"),
                dryRun("--project FLEET --event Project:Updated --set Budget=15000")
                        .matches("budget_approval", "budget_increase", "projectrak_fields_updated")
                        .because("erp_project_done", "Status did not change"),
                dryRun("--project FLEET --event Project:Updated --set Budget=9000")
                        .matches("projectrak_fields_updated")
                        .because("budget_approval", "Budget 9000 is not > 10000")
                        .becauseOf("budget_increase", "where { } at project_lifecycle.groovy:")
                        .becauseOf("budget_increase", " is false"),
                // Cotalker
                dryRun("--entity Task:WO-1041 --event Task:Updated --set Progress=100")
                        .matches("wo_update"),
                dryRun("--entity Task:MAINT-77 --event Task:Updated --set Progress=100")
                        .matches()
                        .because("wo_update", "parent.id '6261612a8f1e99002e5c8cd3' is not == '6261612a8f1e99002e5c8cce'"),
                dryRun("--entity User:carla.mendez@globex.example.com --event User:LoggedOut")
                        .matches("user_logout")
                        .because("admin_users", "not { } fails: event.type 'User:LoggedOut' is == 'User:LoggedOut'"),
                // Admin console
                dryRun("--entity User:brian.adams@acme.example.com --event User:Updated --set Status=Active")
                        .matches("admin_users"),
                dryRun("--entity Invite:lena.fischer@acme.example.com --event Invite:Deleted")
                        .matches("admin_invites", "audit_deletions"),
                dryRun("--entity Group:pmo --event Group:Updated --set 'Name=Project office'")
                        .matches()
                        .because("admin_groups", "webhook admin_groups is inactive (active false)"),
                dryRun("--entity Role:dispatcher --event Role:Created")
                        .matches("admin_roles"),
                dryRun("--entity ApiKey:erp-sync --event ApiKey:Deleted")
                        .matches("admin_api_keys", "audit_deletions"),
                // Operations: the engine's own events
                dryRun("--entity Webhook:erp_project_done --event Hookwright:WebhookDeactivated")
                        .matches("ops_chat_alerts"),
                dryRun("--entity Webhook:erp_project_done --event Hookwright:FailuresRising --set failures=14 "
                        + "--set 'reason=14 failures in a row: 70 % of the 20 that deactivate it'")
                        .matches("ops_chat_alerts"),
                dryRun("--entity Webhook:erp_project_done --event Hookwright:EndpointRecovered")
                        .matches());
    }

    static Scenario dryRun(String arguments) {
        return new Scenario(arguments(arguments), Set.of(), List.of());
    }

    /** What one reason of a non-matching webhook must say: exactly {@code text}, or contain it. */
    record Reason(String code, String text, boolean exact) {
        boolean accepts(String reason) {
            return exact ? reason.equals(text) : reason.contains(text);
        }

        @Override
        public String toString() {
            return (exact ? "\"" + text + "\"" : "a reason containing \"" + text + "\"");
        }
    }

    /** A dry-run, its matches and the reasons it must give. {@code arguments} are the CLI's, already split. */
    record Scenario(List<String> arguments, Set<String> matched, List<Reason> reasons) {
        Scenario {
            arguments = List.copyOf(arguments);
            matched = Set.copyOf(matched);
            reasons = List.copyOf(reasons);
        }

        Scenario matches(String... codes) {
            return new Scenario(arguments, new TreeSet<>(List.of(codes)), reasons);
        }

        Scenario because(String code, String reason) {
            return withReason(new Reason(code, reason, true));
        }

        Scenario becauseOf(String code, String fragment) {
            return withReason(new Reason(code, fragment, false));
        }

        private Scenario withReason(Reason reason) {
            List<Reason> more = new ArrayList<>(reasons);
            more.add(reason);
            return new Scenario(arguments, matched, more);
        }

        Map<String, List<String>> options() {
            Map<String, List<String>> options = new LinkedHashMap<>();
            for (int i = 0; i < arguments.size(); i++) {
                String option = arguments.get(i);
                if (!option.startsWith("--") || i + 1 >= arguments.size()) {
                    throw new IllegalArgumentException("cannot read '" + String.join(" ", arguments) + "' at " + option);
                }
                options.computeIfAbsent(option, k -> new ArrayList<>()).add(arguments.get(++i));
            }
            return options;
        }

        WorkspaceEntity entity() {
            Map<String, List<String>> options = options();
            if (options.containsKey("--project")) {
                return Samples.workspace().project(options.get("--project").get(0));
            }
            return Samples.workspace().entity(options.get("--entity").get(0));
        }

        Event event() {
            Map<String, List<String>> options = options();
            return Samples.event(entity(), options.get("--event").get(0), options.getOrDefault("--set", List.of()),
                    options.containsKey("--as") ? options.get("--as").get(0) : null);
        }

        @Override
        public String toString() {
            StringBuilder line = new StringBuilder("dry-run");
            for (String argument : arguments) {
                line.append(' ').append(argument.contains(" ") ? "'" + argument + "'" : argument);
            }
            return line.toString();
        }
    }

    /** Splits a command line as a shell would for these samples: on spaces, keeping 'quoted text' together. */
    static List<String> arguments(String line) {
        List<String> arguments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : line.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    arguments.add(current.toString());
                    current.setLength(0);
                    any = false;
                }
            } else {
                current.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unclosed quote in " + line);
        }
        if (any) {
            arguments.add(current.toString());
        }
        return arguments;
    }
}
