package io.hookwright.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hookwright validate [DIR] [--json]}: exit 0 valid, 1 invalid, 2 usage; errors as {@code file:line:col: message}. */
class ValidateCommandTest {
    private static final String ERP = """
            webhook('erp_budget') {
                on 'Project:Updated'
                filter { field('Budget') > 10_000 }
                request {
                    post 'https://erp.example.com/p/${entity.key}'
                    header 'Authorization', 'Bearer ${secrets.ERP_TOKEN}'
                    header 'Content-Type', 'application/json'
                    body template('budget.ftl')
                }
            }
            """;
    private static final String STATUS = """
            webhook('status_done') {
                on 'Project:Updated'
                filter { changed('Status').to('Done') }
                request {
                    post 'https://chat.example.com/hooks'
                    body '''{"text": ${json(entity.key)}}'''
                }
            }

            webhook('task_created') {
                on 'Task:Created'
                request {
                    post 'https://tasks.example.com/hooks'
                }
            }
            """;
    /** Two mistakes in one file, both found while compiling: templates in double quotes. */
    private static final String BROKEN = """
            webhook('broken') {
                on 'Project:Updated'
                request {
                    post "https://example.com/${entity.key}"
                    header 'X-Id', "id-${entity.id}"
                }
            }
            """;

    @TempDir
    Path root;

    private Path valid() {
        Path folder = root.resolve("webhooks");
        Cli.write(folder.resolve("erp.groovy"), ERP);
        Cli.write(folder.resolve("status.groovy"), STATUS);
        Cli.write(folder.resolve("templates/budget.ftl"), "{\"budget\": ${json(entity.attributes.Budget)}}\n");
        return folder;
    }

    private Path invalid() {
        Path folder = valid();
        Cli.write(folder.resolve("broken.groovy"), BROKEN);
        return folder;
    }

    @Test
    void aValidFolderExitsZeroCountingWebhooksAndFiles() {
        Path folder = valid();
        Cli.Run run = Cli.run("validate", folder).exits(0);
        assertTrue(run.out().contains("3 webhooks in 2 files"), run.out());
        assertTrue(run.out().startsWith(folder.toString()), run.out());
        assertEquals("", run.err());
    }

    @Test
    void oneWebhookInOneFileIsSingular() {
        Path folder = root.resolve("one");
        Cli.write(folder.resolve("status.groovy"), """
                webhook('only') {
                    on 'Project:Created'
                    request { post 'https://example.com/hook' }
                }
                """);
        Cli.Run run = Cli.run("validate", folder).exits(0);
        assertTrue(run.out().contains("1 webhook in 1 file"), run.out());
    }

    @Test
    void aBrokenFileExitsOneNamingEveryErrorAsFileLineColumn() {
        Path folder = invalid();
        Cli.Run run = Cli.run("validate", folder).exits(1);
        List<String> lines = run.err().lines().toList();
        String file = folder.resolve("broken.groovy").toString();
        List<String> errors = lines.stream().filter(l -> l.startsWith(file + ":")).toList();
        List<String> quotes = errors.stream().filter(l -> l.contains("use single quotes")).toList();
        assertEquals(2, quotes.size(), run.err());
        assertEquals(file + ":4:14: ", quotes.get(0).substring(0, (file + ":4:14: ").length()), run.err());
        assertEquals(file + ":5:24: ", quotes.get(1).substring(0, (file + ":5:24: ").length()), run.err());
        for (String error : errors) {
            assertTrue(error.matches(java.util.regex.Pattern.quote(file) + ":\\d+:\\d+: \\S.*"), error);
        }
        assertEquals(errors.size() + " errors in " + folder, lines.getLast(), run.err());
        assertFalse(run.out().contains("valid"), "stdout says nothing valid: " + run.out());
    }

    @Test
    void aTemplateErrorIsReportedAtTheTemplatesLine() {
        Path folder = valid();
        Cli.write(folder.resolve("templates/budget.ftl"), "{\n  \"budget\": ${json(entity.attributes.Budget}\n}\n");
        Cli.Run run = Cli.run("validate", folder).exits(1);
        String prefix = folder.resolve("templates/budget.ftl") + ":2:";
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith(prefix) && l.contains("template syntax")), run.err());
    }

    @Test
    void orderedByIsRefusedOnASynchronousWebhookAndWhenItsTemplateDoesNotCompile() {
        Path folder = root.resolve("ordered");
        Cli.write(folder.resolve("ordered.groovy"), """
                webhook('sync_ordered') {
                    on 'Project:Created'
                    request { post 'https://example.com/hook' }
                    execution { synchronous true; orderedBy '${entity.id}' }
                }
                """);
        Cli.Run run = Cli.run("validate", folder).exits(1);
        String file = folder.resolve("ordered.groovy").toString();
        assertTrue(run.err().contains(file + ":4:35: orderedBy applies to async webhooks (synchronous false)"), run.err());

        Cli.write(folder.resolve("ordered.groovy"), """
                webhook('broken_key') {
                    on 'Project:Created'
                    request { post 'https://example.com/hook' }
                    execution { orderedBy '${entity.id' }
                }
                """);
        run = Cli.run("validate", folder).exits(1);
        assertTrue(run.err().lines().anyMatch(l -> l.startsWith(file + ":4:") && l.contains("template syntax")),
                run.err());
    }

    @Test
    void aLinkAnywhereInTheFolderExitsOneNamingItInTextAndJson() throws Exception {
        Path folder = valid();
        java.nio.file.Files.createDirectories(root.resolve("elsewhere"));
        java.nio.file.Files.createSymbolicLink(folder.resolve("templates/shared"), root.resolve("elsewhere"));
        java.nio.file.Files.createSymbolicLink(folder.resolve("linked.groovy"), folder.resolve("erp.groovy"));
        Cli.Run run = Cli.run("validate", folder).exits(1);
        assertTrue(run.err().contains(folder.resolve("templates/shared") + ":1:1: this is a symbolic link"), run.err());
        assertTrue(run.err().contains(folder.resolve("linked.groovy") + ":1:1: this is a symbolic link"), run.err());

        JsonNode json = Cli.run("validate", folder, "--json").exits(1).json();
        assertFalse(json.get("valid").booleanValue());
        List<String> files = new ArrayList<>();
        json.get("errors").forEach(e -> files.add(e.get("file").textValue()));
        assertEquals(List.of(folder.resolve("linked.groovy").toString(), folder.resolve("templates/shared").toString()),
                files);
    }

    @Test
    void aLinkedDefinitionsFolderExitsOneNamingIt() throws Exception {
        Path link = java.nio.file.Files.createSymbolicLink(root.resolve("link"), valid());
        Cli.Run run = Cli.run("validate", link).exits(1);
        assertTrue(run.err().contains(link + " is a symbolic link"), run.err());
    }

    @Test
    void aFileBeyondTheCompilerLimitsExitsOneWithItsPlace() {
        Path folder = valid();
        Cli.write(folder.resolve("deep.groovy"), "def x = 1\ndef y = " + "[".repeat(3_000) + "]".repeat(3_000) + "\n");
        Cli.write(folder.resolve("long.groovy"), "def x = 1" + "+1".repeat(19_500) + "\n");
        Cli.Run run = Cli.run("validate", folder).exits(1);
        assertTrue(run.err().contains(folder.resolve("deep.groovy") + ":2:73: brackets and blocks are nested more "
                + "than 64 deep"), run.err());
        assertTrue(run.err().contains(folder.resolve("long.groovy") + ":1:1006: this expression is too long"),
                run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void aMissingFolderIsAUsageError() {
        Path missing = root.resolve("nowhere");
        Cli.Run run = Cli.run("validate", missing).exits(2);
        assertTrue(run.err().contains(missing.toString()), run.err());
    }

    @Test
    void withJsonEveryAnswerIsJsonErrorsIncluded() {
        Path missing = root.resolve("nowhere");
        JsonNode absent = Cli.run("validate", missing, "--json").exits(2).json();
        assertEquals("no definitions folder at " + missing, absent.get("error").textValue());
        assertEquals(2, absent.get("exitCode").intValue());

        JsonNode unknown = Cli.run("validate", valid(), "--json", "--bogus").exits(2).json();
        assertTrue(unknown.get("error").textValue().contains("--bogus"), unknown.toString());
        JsonNode runs = Cli.run("runs", "--json", "--db", missing.resolve("x.db"), "--limit", "many").exits(2).json();
        assertTrue(runs.get("error").textValue().contains("many"), runs.toString());
    }

    @Test
    void withSecretsEverySecretNamedMustBeSetAndEachUnsetOneIsAnError() {
        Path folder = valid();
        Path secrets = Cli.write(root.resolve("secrets.properties"), "OTHER_TOKEN=t0ken-value-1\n");
        Cli.run("validate", folder).exits(0);
        Cli.Run run = Cli.run("validate", folder, "--secrets", secrets).exits(1);
        assertTrue(run.err().contains("erp.groovy:6:43: webhook 'erp_budget' uses secret ERP_TOKEN, which is not set"), run.err());
        assertFalse(run.all().contains("t0ken-value-1"), "no secret value is shown");
        JsonNode json = Cli.run("validate", folder, "--secrets", secrets, "--json").exits(1).json();
        assertFalse(json.get("valid").booleanValue());
        assertEquals(6, json.get("errors").get(0).get("line").intValue());
        Cli.write(secrets, "ERP_TOKEN=t0ken-value-1\n");
        Cli.run("validate", folder, "--secrets", secrets).exits(0);
    }

    @Test
    void anEventTypeTheEngineDoesNotKnowIsAWarningWithItsPlaceAndTheTypeMeant() {
        Path folder = valid();
        Cli.write(folder.resolve("typo.groovy"), """
                webhook('typo') {
                    on 'Project:Created', 'Project:Udpated'
                    request { post 'https://x.example.com/' }
                }
                """);
        Cli.Run run = Cli.run("validate", folder).exits(0);
        assertEquals(folder + ": 4 webhooks in 3 files, all valid; 1 warning", run.out().strip());
        assertEquals("warning: " + folder.resolve("typo.groovy") + ":2:28: webhook 'typo' listens to 'Project:Udpated', "
                + "an event type the engine does not know: did you mean 'Project:Updated'? (fine if the host publishes "
                + "a type of its own by that name)", run.err().strip());

        JsonNode json = Cli.run("validate", folder, "--json").exits(0).json();
        assertTrue(json.get("valid").booleanValue());
        assertEquals(0, json.get("errors").size());
        JsonNode warning = json.get("warnings").get(0);
        assertEquals(List.of("file", "line", "column", "message"), fieldNames(warning));
        assertEquals(folder.resolve("typo.groovy").toString(), warning.get("file").textValue());
        assertEquals(List.of(2, 28), List.of(warning.get("line").intValue(), warning.get("column").intValue()));
        assertTrue(warning.get("message").textValue().contains("did you mean 'Project:Updated'?"), warning.toString());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Cli.Run run = Cli.run("validate", valid(), "--bogus").exits(2);
        assertTrue(run.err().contains("--bogus"), run.err());
    }

    @Test
    void jsonForAValidFolder() {
        Cli.Run run = Cli.run("validate", valid(), "--json").exits(0);
        JsonNode json = run.json();
        assertEquals(List.of("valid", "webhooks", "errors", "warnings"), fieldNames(json));
        assertTrue(json.get("valid").isBoolean());
        assertTrue(json.get("valid").booleanValue());
        assertTrue(json.get("webhooks").isInt());
        assertEquals(3, json.get("webhooks").intValue());
        assertTrue(json.get("errors").isArray());
        assertEquals(0, json.get("errors").size());
    }

    @Test
    void jsonForAnInvalidFolder() {
        Path folder = invalid();
        Cli.Run run = Cli.run("validate", folder, "--json").exits(1);
        JsonNode json = run.json();
        assertEquals(List.of("valid", "webhooks", "errors", "warnings"), fieldNames(json));
        assertFalse(json.get("valid").booleanValue());
        assertEquals(0, json.get("webhooks").intValue());
        assertTrue(json.get("errors").size() >= 2, json.toPrettyString());
        JsonNode first = json.get("errors").get(0);
        assertEquals(List.of("file", "line", "column", "message"), fieldNames(first));
        assertEquals(folder.resolve("broken.groovy").toString(), first.get("file").textValue());
        assertEquals(4, first.get("line").intValue());
        assertEquals(14, first.get("column").intValue());
        assertTrue(first.get("message").textValue().contains("single quotes"), first.toString());
        List<Integer> lines = new ArrayList<>();
        json.get("errors").forEach(e -> {
            assertEquals(List.of("file", "line", "column", "message"), fieldNames(e));
            lines.add(e.get("line").intValue());
        });
        assertTrue(lines.contains(5), "the second mistake is reported too: " + lines);
    }

    @Test
    void jsonErrorsMatchTheTextErrors() {
        Path folder = invalid();
        List<String> text = Cli.run("validate", folder).err().lines().filter(l -> l.contains(".groovy:")).toList();
        List<String> fromJson = new ArrayList<>();
        Cli.run("validate", folder, "--json").json().get("errors").forEach(e -> fromJson.add(e.get("file").textValue()
                + ":" + e.get("line").intValue() + ":" + e.get("column").intValue() + ": " + e.get("message").textValue()));
        assertEquals(text, fromJson);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
