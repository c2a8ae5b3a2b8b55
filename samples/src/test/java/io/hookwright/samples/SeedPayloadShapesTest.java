package io.hookwright.samples;

import io.hookwright.dryrun.DryRunReport;
import io.hookwright.dryrun.WebhookOutcome;
import io.hookwright.dsl.model.EventPattern;
import io.hookwright.dsl.model.TransactionMode;
import io.hookwright.dsl.model.WebhookDefinition;
import io.hookwright.event.Change;
import io.hookwright.event.Event;
import io.hookwright.event.Initiator;
import io.hookwright.render.MessageIds;
import io.hookwright.render.SecretRefs;
import io.hookwright.workspace.WorkspaceEntity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The requests the samples render have the payload shapes of the platforms they reproduce (as each platform
 * documents its webhooks), compared field by field with the event they were rendered from.
 */
class SeedPayloadShapesTest {
    private static final String ANNA = "anna.doe@acme.example.com";
    private static final String WORK_ORDERS = "6261612a8f1e99002e5c8cce";

    // ---------------------------------------------------------------- PPM Express

    @ParameterizedTest(name = "{1} on {0} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "Project:AI        | Project:Created |                              | ppm_project_created",
            "Idea:IDEA-12      | Idea:Updated    | Stage=1                      | ppm_idea_updated",
            "KeyDate:DEMO-KD1  | KeyDate:Updated | IsComplete=true;Status=10    | ppm_keydate_updated",
            "Task:DEMO-1       | Task:Deleted    |                              | ppm_task_deleted",
    })
    void ppmExpressPayload(String entity, String type, String sets, String code) {
        WorkspaceEntity subject = Samples.workspace().entity(entity);
        Event event = Samples.event(subject, type, sets == null ? List.of() : List.of(sets.split(";")), ANNA);
        WorkspaceEntity anna = Samples.workspace().entity("User:" + ANNA);
        assertEquals(new Initiator(anna.id(), "Anna Doe", ANNA), event.initiator(), "--as makes Anna the initiator");

        WebhookOutcome outcome = Samples.matched(Samples.dryRun(event), code);
        Map<String, String> headers = outcome.request().headerMap();
        assertEquals("Bearer " + SecretRefs.MASK, headers.get("Authorization"), "Authorization, masked");
        assertEquals("ppm-" + subject.tenant(), headers.get("custom_header"), "PPM Express's custom header");
        assertEquals("POST", outcome.request().method());

        Map<String, Object> body = Samples.jsonObject(outcome.request().body());
        assertEquals(Set.of("WebhookId", "MessageId", "Data"), body.keySet(), "top-level keys");
        assertEquals(code, body.get("WebhookId"));
        assertEquals(MessageIds.of(event.id(), code), body.get("MessageId"), "MessageId is the message id");

        Map<String, Object> data = Samples.object(body.get("Data"), "Data");
        boolean updated = type.endsWith(":Updated");
        boolean child = subject.type().equals("KeyDate") || subject.type().equals("Task");
        Set<String> keys = new TreeSet<>(List.of("Id", "Attributes", "Initiator", "TimeStamp"));
        if (updated) {
            keys.add("BeforeAttributes");
        }
        if (child) {
            keys.add("ParentEntityId");
            keys.add("ParentEntityType");
        }
        assertEquals(keys, new TreeSet<>(data.keySet()), "keys of Data");
        assertEquals(subject.id(), data.get("Id"));
        assertFieldByField(event.entity().attributes(), Samples.object(data.get("Attributes"), "Attributes"),
                "Attributes");
        if (updated) {
            assertFieldByField(subject.attributes(), Samples.object(data.get("BeforeAttributes"), "BeforeAttributes"),
                    "BeforeAttributes");
            assertFalse(event.changes().isEmpty(), "the --set changed something");
            for (Change change : event.changes()) {
                assertEquals(Samples.viaJson(change.current()),
                        Samples.object(data.get("Attributes"), "Attributes").get(change.field()),
                        "Attributes hold the new " + change.field());
                assertEquals(Samples.viaJson(change.previous()),
                        Samples.object(data.get("BeforeAttributes"), "BeforeAttributes").get(change.field()),
                        "BeforeAttributes hold the old " + change.field());
            }
        }
        if (child) {
            assertNotNull(subject.parent());
            assertEquals(subject.parent().id(), data.get("ParentEntityId"));
            assertEquals(subject.parent().type(), data.get("ParentEntityType"));
            assertEquals("Project", data.get("ParentEntityType"));
        }
        Map<String, Object> initiator = Samples.object(data.get("Initiator"), "Initiator");
        assertEquals(Map.of("UserId", anna.id(), "FullName", "Anna Doe", "LogonAccount", ANNA), initiator);
        assertEquals(event.timestamp(), Instant.parse((String) data.get("TimeStamp")), "TimeStamp");
        assertEquals(Samples.NOW, event.timestamp());
    }

    @Test
    void ppmExpressWebhooksListenToOneEventTypeEach() {
        assertEquals(List.of(EventPattern.parse("Project:Created")), Samples.webhook("ppm_project_created").events());
        assertEquals(List.of(EventPattern.parse("Idea:Updated")), Samples.webhook("ppm_idea_updated").events());
        assertEquals(List.of(EventPattern.parse("KeyDate:Updated")), Samples.webhook("ppm_keydate_updated").events());
        assertEquals(List.of(EventPattern.parse("Task:Deleted")), Samples.webhook("ppm_task_deleted").events());
    }

    // ---------------------------------------------------------------- Projectrak

    @Test
    void projectrakPayloadListsEveryChangedField() {
        Event event = Samples.eventAs(ANNA, "Project:DEMO", "Project:Updated", "Status=Done", "Budget=23000");
        WebhookOutcome outcome = Samples.matched(Samples.dryRun(event), "projectrak_fields_updated");
        assertTrue(outcome.request().url().startsWith("https://"), "Projectrak sends to https only");
        assertEquals("POST", outcome.request().method());

        Map<String, Object> body = Samples.jsonObject(outcome.request().body());
        assertEquals(Set.of("data"), body.keySet());
        Map<String, Object> data = Samples.object(body.get("data"), "data");
        assertEquals(Set.of("event", "user", "timestamp", "project", "fields"), data.keySet());
        assertEquals("updated", data.get("event"));
        assertEquals(event.initiator().userId(), data.get("user"));
        Number timestamp = assertInstanceOf(Number.class, data.get("timestamp"), "timestamp is a number");
        assertEquals(event.timestamp().toEpochMilli(), timestamp.longValue(), "timestamp is epoch ms");
        assertEquals(Map.of("id", event.entity().id(), "key", "DEMO", "name", "Demo project"), data.get("project"));

        List<Map<String, Object>> fields = fields(data);
        assertEquals(2, event.changes().size());
        assertEquals(event.changes().size(), fields.size(), "one field per change");
        for (int i = 0; i < fields.size(); i++) {
            Change change = event.changes().get(i);
            Map<String, Object> field = fields.get(i);
            assertEquals(Set.of("id", "name", "type", "value"), field.keySet());
            assertEquals(change.field(), field.get("name"), "field " + i + " in the order of the changes");
            assertEquals(Map.of("current", Samples.viaJson(change.current()), "previous", Samples.viaJson(change.previous())),
                    field.get("value"), "value of " + change.field());
        }
        Map<String, Map<String, Object>> byName = new java.util.HashMap<>();
        fields.forEach(f -> byName.put((String) f.get("name"), f));
        assertEquals(12345, ((Number) byName.get("Budget").get("id")).intValue());
        assertEquals("number", byName.get("Budget").get("type"));
        assertEquals(54321, ((Number) byName.get("Status").get("id")).intValue());
        assertEquals("status", byName.get("Status").get("type"));
        assertEquals(Map.of("current", "Done", "previous", "On track"), byName.get("Status").get("value"));
        assertEquals(Map.of("current", 23000, "previous", 5000), byName.get("Budget").get("value"));
    }

    @Test
    void projectrakUnknownFieldsKeepTheirNameAndGuessTheirType() {
        Event event = Samples.event("Project:DEMO", "Project:Updated", "ScheduleStatus=3",
                "LastModifiedDate=2026-03-02T09:30:00Z", "HighLevelScope=Pilot in two regions");
        List<Map<String, Object>> fields = fields(Samples.object(Samples.jsonObject(
                Samples.matched(Samples.dryRun(event), "projectrak_fields_updated").request().body()).get("data"), "data"));
        assertEquals(3, fields.size(), "fields: " + fields);
        for (Map<String, Object> field : fields) {
            assertEquals(field.get("name"), field.get("id"), "an unknown field keeps its name as id");
        }
        Map<String, Object> types = new java.util.HashMap<>();
        fields.forEach(f -> types.put((String) f.get("name"), f.get("type")));
        assertEquals(Map.of("ScheduleStatus", "number", "LastModifiedDate", "date", "HighLevelScope", "text"), types);
    }

    @Test
    void projectrakSendsNothingWhenNoFieldChanged() {
        DryRunReport report = Samples.dryRun(Samples.event("Project:DEMO", "Project:Updated"));
        WebhookOutcome outcome = Samples.outcome(report, "projectrak_fields_updated");
        assertFalse(outcome.matched(), "an update that changed nothing: " + outcome.reasons());
        assertTrue(outcome.reasons().stream().anyMatch(r -> r.startsWith("where { } at projectrak.groovy:")
                && r.endsWith(" is false")), "its where { } is false: " + outcome.reasons());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> fields(Map<String, Object> data) {
        List<Object> list = assertInstanceOf(List.class, data.get("fields"), "fields is a list");
        List<Map<String, Object>> fields = new ArrayList<>();
        list.forEach(f -> fields.add(Samples.object(f, "a field")));
        return fields;
    }

    // ---------------------------------------------------------------- Project Monitor

    @Test
    void sharepointSpaceIsASynchronousInsideWebhookInTwoLanguages() {
        WebhookDefinition w = Samples.webhook("sharepoint_space");
        assertTrue(w.execution().synchronous(), "synchronous");
        assertEquals(TransactionMode.INSIDE, w.execution().transaction(), "inside the host's transaction");
        assertEquals("sync-inside", w.execution().mode());
        assertEquals(Set.of("en", "fr"), w.label().byLanguage().keySet(), "labels");
        assertEquals("Create SharePoint space", w.label().text("en"));
        assertEquals("Créer un espace SharePoint", w.label().text("fr"));
        assertFalse(w.description().isBlank());
        assertTrue(w.owner().isPresent());
        assertTrue(w.active());
        assertEquals(List.of(EventPattern.parse("Project:Created")), w.events());
        assertEquals(java.util.Optional.of("acme"), w.tenant());
    }

    @Test
    void sharepointSpaceBodyNamesTheProject() {
        Event event = Samples.eventAs(ANNA, "Project:AI", "Project:Created");
        WebhookOutcome outcome = Samples.matched(Samples.dryRun(event), "sharepoint_space");
        assertEquals("sync-inside", outcome.mode());
        assertEquals("POST", outcome.request().method());
        assertEquals("Bearer " + SecretRefs.MASK, outcome.request().headerMap().get("Authorization"));
        Map<String, Object> site = Samples.object(Samples.jsonObject(outcome.request().body()).get("request"), "request");
        assertEquals("Artificial Intelligence", site.get("Title"));
        assertEquals("https://acme.sharepoint.example.com/sites/AI", site.get("Url"));
        assertEquals(event.entity().id(), site.get("ProjectId"));
        assertEquals(ANNA, site.get("Owner"));
        assertEquals(Samples.viaJson(event.entity().attributes().get("Manager")), site.get("Managers"));
    }

    // ---------------------------------------------------------------- Cotalker

    @Test
    void woUpdateIsTheSeedsWebhookObject() {
        WebhookDefinition w = Samples.webhook("wo_update");
        assertEquals("Work Orders Update", w.label().text());
        assertTrue(w.description().startsWith("Sends updates on Work Orders"));
        assertTrue(w.active(), "isActive");
        assertEquals(List.of(EventPattern.parse("Task:*")), w.events(), "create-edit-delete-task");
        assertEquals(List.of(EventPattern.parse("User:LoggedOut")), Samples.webhook("user_logout").events(), "logout-user");
    }

    @Test
    void woUpdateFiresOnlyForTasksOfTheWorkOrdersTaskGroup() {
        List<WorkspaceEntity> tasks = Samples.workspace().entities().stream().filter(e -> e.type().equals("Task")).toList();
        int inGroup = 0;
        for (WorkspaceEntity task : tasks) {
            boolean expected = task.parent() != null && task.parent().type().equals("TaskGroup")
                    && task.parent().id().equals(WORK_ORDERS);
            inGroup += expected ? 1 : 0;
            for (String action : List.of("Created", "Updated", "Deleted")) {
                List<String> sets = action.equals("Updated") ? List.of("Progress=100") : List.of();
                Event event = Samples.event(task, "Task:" + action, sets, null);
                DryRunReport report = Samples.dryRun(event);
                WebhookOutcome outcome = Samples.outcome(report, "wo_update");
                assertEquals(expected, outcome.matched(), "wo_update on Task:" + action + " of " + task.describe()
                        + ": " + outcome.reasons());
                if (expected) {
                    outcome = Samples.matched(report, "wo_update");
                    Map<String, Object> body = Samples.jsonObject(outcome.request().body());
                    assertEquals(Map.of("code", "wo_update", "trigger", "create-edit-delete-task",
                            "context", Map.of("taskGroup", WORK_ORDERS)), body.get("webhook"));
                    assertEquals(Map.of("Created", "create", "Updated", "edit", "Deleted", "delete").get(action),
                            body.get("operation"));
                    Map<String, Object> sent = Samples.object(body.get("task"), "task");
                    assertEquals(task.id(), sent.get("_id"));
                    assertEquals(WORK_ORDERS, sent.get("taskGroup"));
                    assertEquals(Samples.viaJson(event.entity().attributes()), sent.get("data"));
                    assertEquals(MessageIds.of(event.id(), "wo_update"), body.get("messageId"));
                }
            }
        }
        assertEquals(2, inGroup, "tasks of the Work Orders group in the workspace");
        assertTrue(tasks.size() > inGroup, "the workspace has tasks outside the group too");
    }

    @Test
    void userLogoutFiresOnLogOutOnly() {
        List<WorkspaceEntity> users = Samples.workspace().entities().stream().filter(e -> e.type().equals("User")).toList();
        assertFalse(users.isEmpty());
        for (WorkspaceEntity user : users) {
            DryRunReport report = Samples.dryRun(Samples.event(user, "User:LoggedOut", List.of(), null));
            WebhookOutcome outcome = Samples.matched(report, "user_logout");
            assertFalse(Samples.outcome(report, "admin_users").matched(), "admin_users leaves log-outs to user_logout");
            Map<String, Object> body = Samples.jsonObject(outcome.request().body());
            assertEquals(Map.of("code", "user_logout", "trigger", "logout-user"), body.get("webhook"));
            assertEquals(user.id(), Samples.object(body.get("user"), "user").get("_id"));
            assertEquals(user.key(), Samples.object(body.get("user"), "user").get("login"));

            DryRunReport updated = Samples.dryRun(Samples.event(user, "User:Updated", List.of("Status=Suspended"), null));
            assertTrue(updated.webhooks().stream().noneMatch(w -> w.code().equals("user_logout")),
                    "user_logout listens to User:LoggedOut only");
        }
    }

    // ---------------------------------------------------------------- Admin console

    @Test
    void adminConsoleHasAnOwnedWebhookPerGroupOfActions() {
        Map<String, List<String>> events = Map.of(
                "admin_users", List.of("User:*"),
                "admin_invites", List.of("Invite:Created", "Invite:Deleted"),
                "admin_groups", List.of("Group:*"),
                "admin_roles", List.of("Role:*"),
                "admin_api_keys", List.of("ApiKey:*"));
        events.forEach((code, types) -> {
            WebhookDefinition w = Samples.webhook(code);
            assertEquals(types.stream().map(EventPattern::parse).toList(), w.events(), code + " events");
            assertTrue(w.owner().isPresent() && !w.owner().get().isBlank(), code + " has an owner");
            assertFalse(w.request().signingSecrets().isEmpty(), code + " is signed");
            assertEquals(!code.equals("admin_groups"), w.active(), code + " active");
        });
        assertEquals(List.of("ADMIN_SIGNING", "ADMIN_SIGNING_NEXT"), Samples.webhook("admin_api_keys").request().signingSecrets(),
                "two signing secrets while rotating");
    }

    @Test
    void adminGroupsIsInactiveAndSaysWhy() {
        WebhookDefinition w = Samples.webhook("admin_groups");
        assertFalse(w.active());
        assertTrue(w.description().contains("Paused while"), "the reason for the status: " + w.description());
        for (String action : List.of("Created", "Updated", "Deleted")) {
            List<String> sets = action.equals("Updated") ? List.of("Name=Project office") : List.of();
            DryRunReport report = Samples.dryRun(Samples.event(Samples.workspace().entity("Group:pmo"), "Group:" + action,
                    sets, null));
            WebhookOutcome outcome = Samples.outcome(report, "admin_groups");
            assertFalse(outcome.matched());
            assertTrue(outcome.reasons().contains("webhook admin_groups is inactive (active false)"), outcome.reasons().toString());
        }
    }

    @Test
    void apiKeyEventsCarryThePrefixNeverASecret() {
        Event event = Samples.eventAs(ANNA, "ApiKey:erp-sync", "ApiKey:Updated", "Status=Revoked");
        WebhookOutcome outcome = Samples.matched(Samples.dryRun(event), "admin_api_keys");
        Map<String, Object> body = Samples.jsonObject(outcome.request().body());
        Map<String, Object> object = Samples.object(body.get("object"), "object");
        assertEquals("ApiKey", object.get("type"));
        Map<String, Object> attributes = Samples.object(object.get("attributes"), "attributes");
        assertEquals("hwk_live_91ab", attributes.get("Prefix"));
        assertEquals("Revoked", attributes.get("Status"));
        assertTrue(attributes.keySet().stream().noneMatch(k -> k.toLowerCase().contains("secret")
                || k.equalsIgnoreCase("key") || k.equalsIgnoreCase("token")), "attributes: " + attributes.keySet());
        assertEquals(Map.of("id", Samples.workspace().entity("User:" + ANNA).id(), "name", "Anna Doe", "login", ANNA),
                body.get("actor"));
        assertEquals(MessageIds.of(event.id(), "admin_api_keys"), body.get("id"));
        assertEquals("acme", body.get("workspace"));
    }

    // ---------------------------------------------------------------- helpers

    private static void assertFieldByField(Map<String, Object> expected, Map<String, Object> actual, String what) {
        assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(actual.keySet()), "fields of " + what);
        for (Map.Entry<String, Object> field : expected.entrySet()) {
            assertEquals(Samples.viaJson(field.getValue()), actual.get(field.getKey()), what + "." + field.getKey());
        }
    }
}
