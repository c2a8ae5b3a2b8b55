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
import io.hookwright.render.NameUuids;
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
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

    /** The seed's payload examples (reference 002), by event type, as PPM Express documents them. */
    private static final Map<String, String> PPM_SEEDS = Map.of(
            "Project:Created", """
                    { "WebhookId":"b4475520-5537-4c17-ad46-fb60a59fc5d1", "MessageId":"6879a8fe-59e7-49c5-af91-fd9c3b4bfad8",
                      "Data":{ "Id":"a9211e5f-7565-4647-9ff8-a13952992398", "Attributes":{ "Name":"Artificial Intelligence" },
                      "Initiator":{ "UserId":"d56ca5f1-6f8f-4aff-877e-db257b87ba6b", "FullName":"Anna Doe",
                      "LogonAccount":"anna.doe@company.com" }, "TimeStamp":"2022-02-10T14:49:18.8781961Z" } }""",
            "Idea:Updated", """
                    { "WebhookId":"059d4f57-ba17-4789-8721-d2f87af1a0fc", "MessageId":"e379774d-eecd-46db-883e-94fc88a87974",
                      "Data":{ "Id":"9e854862-1506-4c36-961f-85c44b5f2b8f", "Attributes":{ "Stage":1 },
                      "BeforeAttributes":{ "Stage":0 }, "Initiator":{ "UserId":"2158fcf3-d93d-4436-bff5-869f1d686d61",
                      "FullName":"Anna Doe", "LogonAccount":"anna.doe@company.com" },
                      "TimeStamp":"2022-02-21T13:30:57.5164308Z" } }""",
            "KeyDate:Updated", """
                    { "WebhookId":"2b9ecfc3-ec2c-4e33-8207-520b47aac4ef", "MessageId":"dfa73971-cebc-47e0-8997-d56ea3c9fe52",
                      "Data":{ "ParentEntityId":"28e92b4c-3b0c-4100-83c8-80231b62efcb", "ParentEntityType":"Project",
                      "Id":"776ec637-0e72-402f-8bdf-9e5f60bfbd3b", "Attributes":{ "IsComplete":true, "Status":10 },
                      "BeforeAttributes":{ "IsComplete":false, "Status":1 }, "Initiator":{
                      "UserId":"2158fcf3-d93d-4436-bff5-869f1d686d61", "FullName":"Anna Doe",
                      "LogonAccount":"anna.doe@company.com" }, "TimeStamp":"2022-02-14T08:20:46.4767404Z" } }""",
            "Task:Deleted", """
                    { "WebhookId":"dd3576d1-d705-4419-a248-73694074e373", "MessageId":"f22f95a9-6e83-449f-bc6f-84a76300275a",
                      "Data":{ "ParentEntityId":"28e92b4c-3b0c-4100-83c8-80231b62efcb", "ParentEntityType":"Project",
                      "Id":"99cbbe21-58f5-4987-b0fc-2640009b779c", "Attributes":{ "Progress":50 },
                      "Initiator":{ "UserId":"2158fcf3-d93d-4436-bff5-869f1d686d61", "FullName":"Anna Doe",
                      "LogonAccount":"anna.doe@company.com" }, "TimeStamp":"2022-02-14T08:19:07.6883595Z" } }""");

    /** A GUID as PPM Express writes one: 8-4-4-4-12 lowercase hex digits. */
    private static final Pattern GUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** A time as PPM Express (.NET) writes one: seven digits of fractions of a second, in UTC. */
    private static final Pattern DOTNET_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{7}Z");

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
        Map<String, Object> seed = Samples.jsonObject(PPM_SEEDS.get(type));
        assertEquals(seed.keySet(), body.keySet(), "top-level keys, as in the seed");
        assertTypesAsInSeed(seed, body, "", Set.of("Attributes", "BeforeAttributes"));
        String webhookId = (String) body.get("WebhookId");
        assertTrue(GUID.matcher(webhookId).matches(), "WebhookId is a GUID: " + webhookId);
        assertEquals(NameUuids.ofWebhook(code).toString(), webhookId, "the webhook's own GUID");
        String messageId = (String) body.get("MessageId");
        assertTrue(GUID.matcher(messageId).matches(), "MessageId is a GUID: " + messageId);
        assertEquals(NameUuids.ofMessage(MessageIds.of(event.id(), code)).toString(), messageId,
                "MessageId is the message id's GUID");

        Map<String, Object> data = Samples.object(body.get("Data"), "Data");
        Map<String, Object> seedData = Samples.object(seed.get("Data"), "the seed's Data");
        assertEquals(new TreeSet<>(seedData.keySet()), new TreeSet<>(data.keySet()), "keys of Data, as in the seed");
        boolean updated = type.endsWith(":Updated");
        boolean child = subject.type().equals("KeyDate") || subject.type().equals("Task");
        assertEquals(subject.id(), data.get("Id"));
        assertFieldByField(event.entity().attributes(), Samples.object(data.get("Attributes"), "Attributes"),
                "Attributes");
        if (updated) {
            assertFieldByField(event.before(), Samples.object(data.get("BeforeAttributes"), "BeforeAttributes"),
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
            assertTypesAsInSeed(seedData.get("BeforeAttributes"), data.get("BeforeAttributes"), "Data.BeforeAttributes",
                    Set.of());
        }
        assertTypesAsInSeed(seedData.get("Attributes"), data.get("Attributes"), "Data.Attributes", Set.of());
        if (child) {
            assertNotNull(subject.parent());
            assertEquals(subject.parent().id(), data.get("ParentEntityId"));
            assertEquals(subject.parent().type(), data.get("ParentEntityType"));
            assertEquals("Project", data.get("ParentEntityType"));
        }
        Map<String, Object> initiator = Samples.object(data.get("Initiator"), "Initiator");
        assertEquals(Map.of("UserId", anna.id(), "FullName", "Anna Doe", "LogonAccount", ANNA), initiator);
        String timeStamp = (String) data.get("TimeStamp");
        assertTrue(DOTNET_TIME.matcher(timeStamp).matches(), "TimeStamp with seven fractional digits: " + timeStamp);
        assertEquals("2026-03-02T09:30:00.1230000Z", timeStamp);
        assertEquals(event.timestamp(), Instant.parse(timeStamp), "TimeStamp is the event's");
        assertEquals(Samples.NOW, event.timestamp());
    }

    @Test
    void ppmExpressIdsAreOnePerWebhookAndOnePerMessage() {
        Event first = Samples.eventAs(ANNA, "Idea:IDEA-12", "Idea:Updated", "Stage=1");
        Event second = Samples.eventAs(ANNA, "Idea:IDEA-12", "Idea:Updated", "Stage=2");
        Map<String, Object> one = ppmBody(first, "ppm_idea_updated");
        Map<String, Object> again = ppmBody(first, "ppm_idea_updated");
        Map<String, Object> other = ppmBody(second, "ppm_idea_updated");
        assertEquals(one.get("WebhookId"), other.get("WebhookId"), "one GUID per webhook, whatever the event");
        assertEquals(one.get("MessageId"), again.get("MessageId"), "the same message keeps its GUID (a retry)");
        assertNotEquals(one.get("MessageId"), other.get("MessageId"), "another event, another message");
        Map<String, Object> created = ppmBody(Samples.eventAs(ANNA, "Project:AI", "Project:Created"),
                "ppm_project_created");
        assertNotEquals(one.get("WebhookId"), created.get("WebhookId"), "another webhook, another GUID");
    }

    @Test
    void ppmExpressTimeStampHasSevenFractionalDigitsWhateverTheEventsPrecision() {
        Event event = Samples.eventAs(ANNA, "Project:AI", "Project:Created");
        Map<String, String> written = Map.of(
                "2026-03-02T09:30:00Z", "2026-03-02T09:30:00.0000000Z",
                "2026-03-02T09:30:00.5Z", "2026-03-02T09:30:00.5000000Z",
                "2026-03-02T09:30:00.123456Z", "2026-03-02T09:30:00.1234560Z",
                "2026-03-02T09:30:00.123456789Z", "2026-03-02T09:30:00.1234567Z");
        written.forEach((at, expected) -> {
            Event timed = event.toBuilder().timestamp(Instant.parse(at)).build();
            Map<String, Object> data = Samples.object(ppmBody(timed, "ppm_project_created").get("Data"), "Data");
            assertEquals(expected, data.get("TimeStamp"), "the event at " + at);
        });
    }

    private static Map<String, Object> ppmBody(Event event, String code) {
        return Samples.jsonObject(Samples.matched(Samples.dryRun(event), code).request().body());
    }

    @Test
    void ppmExpressWebhooksListenToOneEventTypeEach() {
        assertEquals(List.of(EventPattern.parse("Project:Created")), Samples.webhook("ppm_project_created").events());
        assertEquals(List.of(EventPattern.parse("Idea:Updated")), Samples.webhook("ppm_idea_updated").events());
        assertEquals(List.of(EventPattern.parse("KeyDate:Updated")), Samples.webhook("ppm_keydate_updated").events());
        assertEquals(List.of(EventPattern.parse("Task:Deleted")), Samples.webhook("ppm_task_deleted").events());
    }

    // ---------------------------------------------------------------- Projectrak

    /** The seed's request body (reference 001), written as JSON. */
    private static final String PROJECTRAK_SEED = """
            { "data": { "event": "updated", "user": "DUMMY-ACCOUNT-ID-4c44-b436-73155f48d985", "timestamp": 1675182117615,
              "project": { "id": 13647, "key": "DEMO", "name": "Demo project" },
              "fields": [
                { "id": 12345, "name": "Budget", "type": "number", "value": { "current": "23.000", "previous": "25.000" } },
                { "id": 54321, "name": "Status", "type": "status", "value": { "current": "Done", "previous": "On track" } }
              ] } }""";

    @Test
    void projectrakPayloadIsTheSeedsFieldByFieldWithItsTypes() {
        Event event = Samples.eventAs(ANNA, "Project:DEMO", "Project:Updated", "Status=Done", "Budget=23000");
        WebhookOutcome outcome = Samples.matched(Samples.dryRun(event), "projectrak_fields_updated");
        assertTrue(outcome.request().url().startsWith("https://"), "Projectrak sends to https only");
        assertEquals("POST", outcome.request().method());

        Map<String, Object> body = Samples.jsonObject(outcome.request().body());
        Map<String, Object> seed = Samples.jsonObject(PROJECTRAK_SEED);
        assertEquals(seed.keySet(), body.keySet());
        Map<String, Object> data = Samples.object(body.get("data"), "data");
        Map<String, Object> seedData = Samples.object(seed.get("data"), "the seed's data");
        assertEquals(seedData.keySet(), data.keySet());
        assertTypesAsInSeed(seed, body, "", Set.of());
        assertEquals("updated", data.get("event"));
        assertEquals(event.initiator().userId(), data.get("user"));
        assertEquals(event.timestamp().toEpochMilli(), ((Number) data.get("timestamp")).longValue(), "epoch ms");
        assertEquals(Map.of("id", 13647, "key", "DEMO", "name", "Demo project"), data.get("project"),
                "the project by its Jira id, a number, as in the seed");

        List<Map<String, Object>> fields = fields(data);
        assertEquals(List.of("Status", "Budget"), event.changes().stream().map(Change::field).toList());
        assertEquals(List.of(
                Map.of("id", 54321, "name", "Status", "type", "status",
                        "value", Map.of("current", "Done", "previous", "On track")),
                Map.of("id", 12345, "name", "Budget", "type", "number",
                        "value", Map.of("current", "23.000", "previous", "5.000"))), fields,
                "one field per change, in their order, its value as Projectrak shows it");
    }

    @Test
    void projectrakShowsEachKindOfValueAsText() {
        Event event = Samples.event("Project:DEMO", "Project:Updated", "Budget=1234567.5", "Progress=100",
                "StartDate=2026-02-02T12:00:00Z",
                "Portfolio=[{\"Id\": \"p-1\", \"Name\": \"Digital\"}, {\"Id\": \"p-2\", \"Name\": \"Innovation\"}]",
                "Manager=[{\"Id\": \"u-9\", \"FullName\": \"Ann Lee\"}]");
        Map<String, Map<String, Object>> values = new java.util.HashMap<>();
        for (Map<String, Object> field : fields(Samples.object(Samples.jsonObject(Samples.matched(Samples.dryRun(event),
                "projectrak_fields_updated").request().body()).get("data"), "data"))) {
            assertInstanceOf(Integer.class, field.get("id"), "a field id is a number: " + field);
            values.put((String) field.get("name"), Samples.object(field.get("value"), "value"));
        }
        assertEquals(Map.of("current", "1.234.567,5", "previous", "5.000"), values.get("Budget"));
        assertEquals(Map.of("current", "100", "previous", "35"), values.get("Progress"));
        assertEquals(Map.of("current", "2026-02-02", "previous", "2026-01-05"), values.get("StartDate"));
        assertEquals(Map.of("current", "Digital, Innovation", "previous", "Digital"), values.get("Portfolio"));
        assertEquals(Map.of("current", "Ann Lee", "previous", "John Doe"), values.get("Manager"));
    }

    @Test
    void projectrakListsAFieldTheProjectLackedWithPreviousNull() {
        WorkspaceEntity demo = Samples.workspace().entity("Project:DEMO");
        assertFalse(demo.attributes().containsKey("Category"), "the workspace's DEMO has no Category");
        Event event = Samples.event("Project:DEMO", "Project:Updated", "Category=Internal");
        assertEquals(List.of(new Change("Category", null, "Internal")), event.changes(), "--set made a change");
        WebhookOutcome outcome = Samples.matched(Samples.dryRun(event), "projectrak_fields_updated");
        assertTrue(outcome.reasons().contains("any of: Category changed from null to 'Internal'"), outcome.reasons().toString());
        List<Map<String, Object>> fields = fields(Samples.object(Samples.jsonObject(outcome.request().body()).get("data"),
                "data"));
        Map<String, Object> value = new java.util.HashMap<>();
        value.put("current", "Internal");
        value.put("previous", null);
        assertEquals(List.of(Map.of("id", 10042, "name", "Category", "type", "select", "value", value)), fields);
    }

    @Test
    void projectrakLeavesOutFieldsItDoesNotKnowAndSendsNothingForThemAlone() {
        Event event = Samples.event("Project:DEMO", "Project:Updated", "ScheduleStatus=3", "Budget=6000");
        List<Map<String, Object>> fields = fields(Samples.object(Samples.jsonObject(
                Samples.matched(Samples.dryRun(event), "projectrak_fields_updated").request().body()).get("data"), "data"));
        assertEquals(List.of("Budget"), fields.stream().map(f -> f.get("name")).toList(),
                "ScheduleStatus is not one of Projectrak's fields");

        WebhookOutcome alone = Samples.outcome(Samples.dryRun(Samples.event("Project:DEMO", "Project:Updated",
                "ScheduleStatus=3")), "projectrak_fields_updated");
        assertFalse(alone.matched(), "no Projectrak field changed: " + alone.reasons());
        assertTrue(alone.reasons().stream().anyMatch(r -> r.startsWith("none of: Name did not change;")),
                alone.reasons().toString());
    }

    @Test
    void projectrakSendsNothingWhenNoFieldChangedOrForAProjectNotInJira() {
        WebhookOutcome unchanged = Samples.outcome(Samples.dryRun(Samples.event("Project:DEMO", "Project:Updated")),
                "projectrak_fields_updated");
        assertFalse(unchanged.matched(), "an update that changed nothing: " + unchanged.reasons());
        WebhookOutcome notInJira = Samples.outcome(Samples.dryRun(Samples.event("Project:AI", "Project:Updated",
                "Status=Done")), "projectrak_fields_updated");
        assertFalse(notInJira.matched(), "AI has no Jira project: " + notInJira.reasons());
        assertTrue(notInJira.reasons().contains("JiraProjectId is missing"), notInJira.reasons().toString());
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

    /**
     * Each value of {@code actual} has the JSON type of the seed's value at the same place (text, number, boolean,
     * object, array), objects key by key and every element of an array against the seed's first; {@code skip} names
     * keys whose contents are the workspace's, not the seed's. A null in the seed says nothing of the type.
     */
    private static void assertTypesAsInSeed(Object seed, Object actual, String path, Set<String> skip) {
        if (seed == null) {
            return;
        }
        assertEquals(jsonType(seed), jsonType(actual), (path.isEmpty() ? "the payload" : path) + " is a "
                + jsonType(seed) + " as in the seed: " + actual);
        if (seed instanceof Map<?, ?> seedObject) {
            Map<?, ?> object = (Map<?, ?>) actual;
            for (Map.Entry<?, ?> entry : seedObject.entrySet()) {
                String key = String.valueOf(entry.getKey());
                if (!skip.contains(key) && object.containsKey(key)) {
                    assertTypesAsInSeed(entry.getValue(), object.get(key), path.isEmpty() ? key : path + "." + key, skip);
                }
            }
        } else if (seed instanceof List<?> seedList && !seedList.isEmpty()) {
            List<?> list = (List<?>) actual;
            for (int i = 0; i < list.size(); i++) {
                assertTypesAsInSeed(seedList.get(0), list.get(i), path + "[" + i + "]", skip);
            }
        }
    }

    private static String jsonType(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> "text";
            case Number n -> "number";
            case Boolean b -> "boolean";
            case Map<?, ?> m -> "object";
            case List<?> l -> "array";
            default -> value.getClass().getSimpleName();
        };
    }

    private static void assertFieldByField(Map<String, Object> expected, Map<String, Object> actual, String what) {
        assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(actual.keySet()), "fields of " + what);
        for (Map.Entry<String, Object> field : expected.entrySet()) {
            assertEquals(Samples.viaJson(field.getValue()), actual.get(field.getKey()), what + "." + field.getKey());
        }
    }
}
