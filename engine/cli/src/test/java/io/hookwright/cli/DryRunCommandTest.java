package io.hookwright.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookwright.event.EventJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hookwright dry-run}: which webhooks match, why the others don't, the exact requests with secrets masked. */
class DryRunCommandTest {
    private static final String ERP_TOKEN = "erp-SECRET-value-123";
    private static final String CHAT_TOKEN = "chat-SECRET-value-456";

    @TempDir
    Path root;
    private Path definitions;
    private Path workspace;
    private Path secrets;

    @BeforeEach
    void write() {
        definitions = root.resolve("webhooks");
        Cli.write(definitions.resolve("erp.groovy"), """
                webhook('erp_budget') {
                    label 'ERP budget sync'
                    on 'Project:Updated'
                    filter { field('Budget') > 10_000 }
                    request {
                        post 'https://erp.example.com/p/${entity.key}'
                        header 'Authorization', 'Bearer ${secrets.ERP_TOKEN}'
                        header 'Content-Type', 'application/json'
                        body template('budget.ftl')
                    }
                }
                """);
        Cli.write(definitions.resolve("templates/budget.ftl"), """
                {"project": ${json(entity.key)}, "budget": ${json(entity.attributes.Budget)}}
                """);
        // CHECKSTYLE.OFF: LineLength
        Cli.write(definitions.resolve("status.groovy"), """
                webhook('status_done') {
                    on 'Project:Updated'
                    filter { changed('Status').to('Done') }
                    request {
                        post 'https://chat.example.com/hooks/${entity.key}?token=${secrets.CHAT_TOKEN}'
                        header 'Content-Type', 'application/json'
                        body '''{"text": ${json(entity.key + " is " + entity.attributes.Status)}, "by": ${json(initiator.name)}, "login": ${json(initiator.login)}}'''
                    }
                }

                webhook('task_done') {
                    on 'Task:Updated'
                    filter { field('Status') == 'Done' }
                    request {
                        put 'https://tasks.example.com/t/${entity.id}?project=${parent.key}'
                    }
                }

                webhook('project_created') {
                    on 'Project:Created'
                    request {
                        post 'https://example.com/created'
                    }
                }
                """);
        // CHECKSTYLE.ON: LineLength
        workspace = Cli.write(root.resolve("workspace.json"), """
                {"entities": [
                  {"type": "Project", "id": "p-1", "key": "DEMO", "tenant": "acme",
                   "attributes": {"Status": "On track", "Budget": 5000}},
                  {"type": "Project", "id": "p-2", "key": "OTHER", "tenant": "acme",
                   "attributes": {"Status": "Late", "Budget": 50000}},
                  {"type": "Task", "id": "t-9", "key": "DEMO-9", "tenant": "acme",
                   "parent": {"type": "Project", "id": "p-1", "key": "DEMO"},
                   "attributes": {"Status": "In progress"}},
                  {"type": "User", "id": "u-7", "key": "bob@acme.example.com", "attributes": {"FullName": "Bob Builder"}}
                ]}
                """);
        secrets = Cli.write(root.resolve("secrets.properties"), "ERP_TOKEN=" + ERP_TOKEN + "\nCHAT_TOKEN=" + CHAT_TOKEN + "\n");
    }

    /** dry-run with the test's definitions, workspace and secrets, then {@code args}. */
    private Cli.Run dryRun(Object... args) {
        List<Object> all = new ArrayList<>(List.of("dry-run", "--definitions", definitions, "--workspace", workspace,
                "--secrets", secrets));
        all.addAll(List.of(args));
        Cli.Run run = Cli.run(all.toArray());
        assertFalse(run.all().contains(ERP_TOKEN), "a secret value was shown:\n" + run.all());
        assertFalse(run.all().contains(CHAT_TOKEN), "a secret value was shown:\n" + run.all());
        return run;
    }

    private static JsonNode webhook(JsonNode json, String code) {
        for (JsonNode webhook : json.get("webhooks")) {
            if (webhook.get("code").textValue().equals(code)) {
                return webhook;
            }
        }
        throw new AssertionError("no " + code + " in " + json.toPrettyString());
    }

    private static List<String> codes(JsonNode json) {
        List<String> codes = new ArrayList<>();
        json.get("webhooks").forEach(w -> codes.add(w.get("code").textValue()));
        return codes;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.textValue()));
        return texts;
    }

    @Test
    void textShowsMatchesNonMatchesWithReasonsAndMaskedRequests() {
        Cli.Run run = dryRun("--project", "DEMO", "--event", "Project:Updated", "--set", "Status=Done").exits(0);
        String out = run.out();
        assertTrue(out.contains("Event Project:Updated on Project DEMO (p-1)"), out);
        assertTrue(out.contains("changed Status: 'On track' -> 'Done'"), out);
        assertTrue(out.contains("MATCH     status_done"), out);
        assertTrue(out.contains("NO MATCH  erp_budget"), out);
        assertTrue(out.contains("- Budget 5000 is not > 10000"), out);
        assertTrue(out.contains("POST https://chat.example.com/hooks/DEMO?token=••••"), out);
        assertTrue(out.contains("Content-Type: application/json"), out);
        assertTrue(out.contains("\"text\": \"DEMO is Done\""), out);
        assertFalse(out.contains("erp.example.com"), "no request is shown for a webhook that did not match:\n" + out);
        assertFalse(out.contains("task_done") || out.contains("project_created"), "only webhooks listening to the event:\n" + out);
        assertTrue(out.contains("1 matched, 1 did not. Nothing was sent."), out);
        assertEquals("", run.err());
    }

    @Test
    void textMasksTheAuthorizationHeader() {
        Cli.Run run = dryRun("--project", "DEMO", "--event", "Project:Updated", "--set", "Budget=20000").exits(0);
        assertTrue(run.out().contains("MATCH     erp_budget"), run.out());
        assertTrue(run.out().contains("+ Budget 20000 is > 10000"), run.out());
        assertTrue(run.out().contains("POST https://erp.example.com/p/DEMO"), run.out());
        assertTrue(run.out().contains("Authorization: Bearer ••••"), run.out());
    }

    @Test
    void jsonShape() throws Exception {
        JsonNode json = dryRun("--project", "DEMO", "--event", "Project:Updated", "--set", "Status=Done", "--json")
                .exits(0).json();
        List<String> top = new ArrayList<>();
        json.fieldNames().forEachRemaining(top::add);
        assertEquals(List.of("event", "webhooks"), top);

        JsonNode event = json.get("event");
        assertFalse(event.get("id").textValue().isBlank());
        assertNotNull(Instant.parse(event.get("timestamp").textValue()));
        assertEquals("Project:Updated", event.get("type").textValue());
        assertEquals("acme", event.get("tenant").textValue());
        assertEquals("Project", event.get("entity").get("type").textValue());
        assertEquals("p-1", event.get("entity").get("id").textValue());
        assertEquals("DEMO", event.get("entity").get("key").textValue());
        assertEquals("Done", event.get("entity").get("attributes").get("Status").textValue());
        assertEquals(5000, event.get("entity").get("attributes").get("Budget").intValue());
        assertEquals("On track", event.get("before").get("Status").textValue());
        assertEquals(1, event.get("changes").size(), event.toPrettyString());
        assertEquals(Map.of("field", "Status", "previous", "On track", "current", "Done"),
                EventJson.MAPPER.treeToValue(event.get("changes").get(0), Map.class));
        assertEquals("demo@hookwright.local", event.get("initiator").get("login").textValue());
        // The event part is an event: it reads back with the engine's own event parser.
        assertEquals("Project:Updated", EventJson.parse(event.toString()).type());

        assertEquals(List.of("erp_budget", "status_done"), codes(json).stream().sorted().toList());
        JsonNode erp = webhook(json, "erp_budget");
        assertFalse(erp.get("matched").booleanValue());
        assertTrue(erp.get("matched").isBoolean());
        assertEquals(List.of("Budget 5000 is not > 10000"), texts(erp.get("reasons")));
        assertFalse(erp.has("request"), "no request for a webhook that did not match: " + erp);

        JsonNode status = webhook(json, "status_done");
        assertTrue(status.get("matched").booleanValue());
        assertTrue(status.get("reasons").isArray() && !status.get("reasons").isEmpty(), status.toString());
        JsonNode request = status.get("request");
        List<String> fields = new ArrayList<>();
        request.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("method", "url", "headers", "body"), fields);
        assertEquals("POST", request.get("method").textValue());
        assertEquals("https://chat.example.com/hooks/DEMO?token=••••", request.get("url").textValue());
        assertEquals(Map.of("Content-Type", "application/json"), EventJson.MAPPER.treeToValue(request.get("headers"), Map.class));
        assertEquals(Map.of("text", "DEMO is Done", "by", "Demo User", "login", "demo@hookwright.local"),
                EventJson.MAPPER.readValue(request.get("body").textValue(), Map.class));
        assertFalse(status.has("missingSecrets"), "every secret is set: " + status);
    }

    @Test
    void jsonMasksHeadersAndSaysWhichSecretsAreNotSet() {
        Path partial = Cli.write(root.resolve("partial.properties"), "ERP_TOKEN=" + ERP_TOKEN + "\n");
        Cli.Run run = Cli.run("dry-run", "--definitions", definitions, "--workspace", workspace, "--secrets", partial,
                "--project", "DEMO", "--event", "Project:Updated", "--set", "Budget=20000", "--set", "Status=Done", "--json").exits(0);
        assertFalse(run.all().contains(ERP_TOKEN), run.all());
        JsonNode json = run.json();
        JsonNode erp = webhook(json, "erp_budget");
        assertEquals("Bearer ••••", erp.get("request").get("headers").get("Authorization").textValue());
        assertFalse(erp.has("missingSecrets"), erp.toString());
        assertEquals(List.of("CHAT_TOKEN"), texts(webhook(json, "status_done").get("missingSecrets")));
    }

    @Test
    void setParsesNumbersAndTheEventCarriesBeforeAndChanges() throws Exception {
        JsonNode json = dryRun("--project", "DEMO", "--event", "Project:Updated", "--set", "Budget=20000", "--json")
                .exits(0).json();
        JsonNode event = json.get("event");
        JsonNode budget = event.get("entity").get("attributes").get("Budget");
        assertTrue(budget.isNumber(), "20000 is a number, not text: " + budget);
        assertEquals(20000, budget.intValue());
        assertEquals("On track", event.get("entity").get("attributes").get("Status").textValue(), "other fields stay");
        assertEquals(Map.of("Status", "On track", "Budget", 5000), EventJson.MAPPER.treeToValue(event.get("before"), Map.class));
        assertEquals(List.of(Map.of("field", "Budget", "previous", 5000, "current", 20000)),
                EventJson.MAPPER.treeToValue(event.get("changes"), List.class));

        JsonNode erp = webhook(json, "erp_budget");
        assertTrue(erp.get("matched").booleanValue());
        assertEquals(List.of("Budget 20000 is > 10000"), texts(erp.get("reasons")));
        assertEquals("https://erp.example.com/p/DEMO", erp.get("request").get("url").textValue());
        assertEquals(Map.of("project", "DEMO", "budget", 20000),
                EventJson.MAPPER.readValue(erp.get("request").get("body").textValue(), Map.class));
        assertFalse(webhook(json, "status_done").get("matched").booleanValue());
    }

    @Test
    void setOnAFieldTheProjectLacksIsAChangeFromNull() throws Exception {
        Cli.Run text = dryRun("--project", "DEMO", "--event", "Project:Updated", "--set", "Owner=Ann", "--set",
                "Status=Done");
        assertTrue(text.exits(0).out().contains("changed Owner: null -> 'Ann'"), text.out());
        JsonNode event = dryRun("--project", "DEMO", "--event", "Project:Updated", "--set", "Owner=Ann", "--json")
                .exits(0).json().get("event");
        Map<String, Object> change = new java.util.LinkedHashMap<>();
        change.put("field", "Owner");
        change.put("previous", null);
        change.put("current", "Ann");
        assertEquals(List.of(change), EventJson.MAPPER.treeToValue(event.get("changes"), List.class));
        assertTrue(event.get("before").has("Owner") && event.get("before").get("Owner").isNull(),
                "before says the project had no Owner: " + event.get("before"));
    }

    @Test
    void setReadsJsonValuesAndOtherwiseText() {
        JsonNode attributes = dryRun("--project", "DEMO", "--event", "Project:Updated", "--set", "Flag=true",
                "--set", "Rate=1.5", "--set", "Note=hello world", "--set", "Code=\"42\"", "--set", "Manager=null", "--json")
                .exits(0).json().get("event").get("entity").get("attributes");
        assertTrue(attributes.get("Flag").isBoolean(), attributes.toString());
        assertEquals("1.5", attributes.get("Rate").decimalValue().toPlainString());
        assertEquals("hello world", attributes.get("Note").textValue());
        assertEquals("42", attributes.get("Code").textValue());
        assertTrue(attributes.get("Manager").isNull(), attributes.toString());
    }

    @Test
    void withoutSetThereIsNoBefore() {
        JsonNode event = dryRun("--project", "DEMO", "--event", "Project:Updated", "--json").exits(0).json().get("event");
        assertFalse(event.has("before"), event.toString());
        assertFalse(event.has("changes"), event.toString());
    }

    @Test
    void asNamesTheInitiatorFromTheWorkspacesUsers() throws Exception {
        JsonNode json = dryRun("--project", "DEMO", "--event", "Project:Updated", "--set", "Status=Done",
                "--as", "bob@acme.example.com", "--json").exits(0).json();
        assertEquals(Map.of("userId", "u-7", "name", "Bob Builder", "login", "bob@acme.example.com"),
                EventJson.MAPPER.treeToValue(json.get("event").get("initiator"), Map.class));
        Map<?, ?> body = EventJson.MAPPER.readValue(webhook(json, "status_done").get("request").get("body").textValue(), Map.class);
        assertEquals("Bob Builder", body.get("by"));
        assertEquals("bob@acme.example.com", body.get("login"));
    }

    @Test
    void asAnUnknownLoginStillNamesThatInitiator() {
        Cli.Run run = dryRun("--project", "DEMO", "--event", "Project:Updated", "--as", "carol@acme.example.com").exits(0);
        assertTrue(run.out().contains("by carol@acme.example.com"), run.out());
    }

    @Test
    void entityPicksATaskByKeyOrIdWithItsParent() throws Exception {
        for (String target : List.of("Task:DEMO-9", "Task:t-9")) {
            JsonNode json = dryRun("--entity", target, "--event", "Task:Updated", "--set", "Status=Done", "--json")
                    .exits(0).json();
            JsonNode event = json.get("event");
            assertEquals("Task:Updated", event.get("type").textValue());
            assertEquals("t-9", event.get("entity").get("id").textValue());
            assertEquals("DEMO-9", event.get("entity").get("key").textValue());
            assertEquals(Map.of("type", "Project", "id", "p-1", "key", "DEMO"),
                    EventJson.MAPPER.treeToValue(event.get("parent"), Map.class));
            assertEquals(List.of("task_done"), codes(json));
            JsonNode task = webhook(json, "task_done");
            assertTrue(task.get("matched").booleanValue(), task.toString());
            assertEquals("PUT", task.get("request").get("method").textValue());
            assertEquals("https://tasks.example.com/t/t-9?project=DEMO", task.get("request").get("url").textValue());
            assertTrue(task.get("request").get("body").isNull(), task.toString());
        }
    }

    @Test
    void noWebhookListening() {
        Cli.Run run = dryRun("--project", "DEMO", "--event", "Project:Deleted").exits(0);
        assertTrue(run.out().contains("No webhook listens to Project:Deleted."), run.out());
        JsonNode json = dryRun("--project", "DEMO", "--event", "Project:Deleted", "--json").exits(0).json();
        assertEquals(0, json.get("webhooks").size());
    }

    @Test
    void anUnknownProjectIsAUsageErrorListingTheProjects() {
        Cli.Run run = dryRun("--project", "NOPE", "--event", "Project:Updated").exits(2);
        assertTrue(run.err().contains("NOPE"), run.err());
        assertTrue(run.err().contains("DEMO, OTHER"), "the message lists the projects: " + run.err());
        assertEquals("", run.out());
    }

    @Test
    void anUnknownEntityIsAUsageError() {
        Cli.Run run = dryRun("--entity", "Task:NOPE-1", "--event", "Task:Updated").exits(2);
        assertTrue(run.err().contains("NOPE-1") && run.err().contains("DEMO-9"), run.err());
    }

    @Test
    void anEventAboutAnotherEntityTypeIsAUsageError() {
        Cli.Run run = dryRun("--project", "DEMO", "--event", "Task:Updated").exits(2);
        assertTrue(run.err().contains("Task:Updated"), run.err());
        assertTrue(run.err().contains("Project DEMO"), run.err());
        assertEquals("", run.out());
        dryRun("--entity", "Task:DEMO-9", "--event", "Project:Updated").exits(2);
    }

    @Test
    void malformedArgumentsAreUsageErrors() {
        dryRun("--project", "DEMO").exits(2);                                                  // no --event
        dryRun("--event", "Project:Updated").exits(2);                                         // no target
        dryRun("--project", "DEMO", "--entity", "Task:t-9", "--event", "Project:Updated").exits(2);
        dryRun("--project", "DEMO", "--event", "Updated").exits(2);
        dryRun("--entity", "t-9", "--event", "Task:Updated").exits(2);
        dryRun("--project", "DEMO", "--event", "Project:Updated", "--set", "no-equals-sign").exits(2);
    }

    @Test
    void missingFilesAreUsageErrors() {
        Cli.Run noDefinitions = Cli.run("dry-run", "--definitions", root.resolve("nowhere"), "--workspace", workspace,
                "--project", "DEMO", "--event", "Project:Updated").exits(2);
        assertTrue(noDefinitions.err().contains("nowhere"), noDefinitions.err());
        Cli.Run noWorkspace = Cli.run("dry-run", "--definitions", definitions, "--workspace", root.resolve("none.json"),
                "--project", "DEMO", "--event", "Project:Updated").exits(2);
        assertTrue(noWorkspace.err().contains("none.json"), noWorkspace.err());
        Cli.Run noSecrets = Cli.run("dry-run", "--definitions", definitions, "--workspace", workspace,
                "--secrets", root.resolve("none.properties"), "--project", "DEMO", "--event", "Project:Updated").exits(2);
        assertTrue(noSecrets.err().contains("none.properties"), noSecrets.err());
    }

    @Test
    void invalidDefinitionsExitOneAndDryRunNothing() {
        Cli.write(definitions.resolve("broken.groovy"), """
                webhook('broken') {
                    on 'Project:Updated'
                    request {
                        post "https://example.com/${entity.key}"
                    }
                }
                """);
        Cli.Run run = dryRun("--project", "DEMO", "--event", "Project:Updated").exits(1);
        assertTrue(run.err().contains(definitions.resolve("broken.groovy") + ":4:"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void aTemplateThatFailsForThisEventExitsOneShowingTheError() {
        Cli.write(definitions.resolve("templates/budget.ftl"), "{\"budget\": ${entity.attributes.Nope}}\n");
        Cli.Run run = dryRun("--project", "DEMO", "--event", "Project:Updated", "--set", "Budget=20000").exits(1);
        assertTrue(run.out().contains("ERROR templates/budget.ftl:1:"), run.out());
        JsonNode erp = webhook(dryRun("--project", "DEMO", "--event", "Project:Updated", "--set", "Budget=20000", "--json")
                .exits(1).json(), "erp_budget");
        assertTrue(erp.get("matched").booleanValue());
        assertFalse(erp.has("request"), erp.toString());
        assertTrue(erp.get("error").textValue().contains("entity.attributes.Nope"), erp.toString());
    }
}
