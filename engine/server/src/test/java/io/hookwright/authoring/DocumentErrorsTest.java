package io.hookwright.authoring;

import io.hookwright.dsl.load.DefinitionLoader;
import io.hookwright.dsl.load.LoadResult;
import io.hookwright.event.EventJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A document that cannot be a definition is refused naming its field; what it says is written as text, never run. */
class DocumentErrorsTest {
    private static final String BASE = "\"code\": \"erp\", \"eventTypes\": [\"Project:Updated\"], "
            + "\"url\": \"https://erp.example.com/\"";

    @TempDir
    Path dir;

    private static BadDocument refused(String fields) throws Exception {
        var json = EventJson.INPUT.readTree("{" + BASE + ", " + fields + "}");
        return assertThrows(BadDocument.class, () -> DocumentGroovy.block(DocumentJson.read(json), "erp.groovy"));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "\"filter\": [{\"field\": \"Budget\", \"op\": \"~\", \"value\": 1}]                 | 422 | filter[0].op",
            "\"filter\": [{\"anyOf\": [{\"field\": \"\", \"op\": \"present\"}]}]                  | 422 | filter[0].anyOf[0].field",
            "\"filter\": [{\"field\": \"Stage\", \"op\": \"in\", \"value\": \"Active\"}]          | 422 | filter[0].value",
            "\"filter\": [{\"field\": \"Stage\", \"op\": \"==\", \"value\": {\"a\": 1}}]          | 422 | filter[0].value",
            "\"filter\": [{\"changed\": \"Status\", \"since\": \"x\"}]                            | 400 | filter[0].since",
            "\"filter\": [{\"where\": {\"line\": 3}}]                                             | 422 | filter[0].where",
            "\"filter\": {\"field\": \"Budget\"}                                                  | 400 | filter",
            "\"headers\": [{\"name\": 1, \"value\": \"x\"}]                                       | 400 | headers[0].name",
            "\"headers\": [{\"name\": \"X\"}]                                                     | 422 | headers[0].value",
            "\"httpVerb\": \"SEND\"                                                               | 422 | httpVerb",
            "\"label\": 12                                                                        | 400 | label",
            "\"active\": \"yes\"                                                                  | 400 | active",
            "\"signingSecret\": [\"A\", \"B\", \"C\"]                                             | 422 | signingSecret",
            "\"body\": \"x\", \"bodyTemplate\": \"x.ftl\"                                         | 422 | bodyTemplate",
            "\"bodyTemplate\": \"../x.ftl\"                                                       | 422 | bodyTemplate",
            "\"bodyTemplateText\": \"x\"                                                          | 422 | bodyTemplateText",
            "\"execution\": {\"transaction\": \"insde\"}                                          | 422 | execution.transaction",
            "\"execution\": {\"timeout\": \"10m\"}                                                | 422 | execution.timeout",
            "\"execution\": {\"timeout\": \"soon\"}                                               | 422 | execution.timeout",
            "\"execution\": {\"retry\": [\"5s\", \"2d\"]}                                         | 422 | execution.retry[1]",
            "\"execution\": {\"retry\": {\"attempts\": 99}}                                       | 422 | execution.retry.attempts",
            "\"execution\": {\"synchronous\": true, \"retry\": [\"5s\"]}                          | 422 | execution.retry",
            "\"execution\": {\"synchronous\": true, \"orderedBy\": \"${entity.id}\"}             | 422 | execution.orderedBy",
            "\"execution\": {\"orderedBy\": \"${entity.id}\", \"onFailure\": \"stop\"}           | 422 | execution.onFailure",
            "\"execution\": {\"onFailure\": \"block\"}                                          | 422 | execution.onFailure",
            "\"colour\": \"red\"                                                                  | 400 | colour"})
    void aMistakeIsNamedWhereItIs(String fields, int status, String field) throws Exception {
        BadDocument bad = refused(fields);
        assertEquals(field, bad.field(), bad.getMessage());
        assertEquals(status, bad.status(), bad.getMessage());
        assertTrue(bad.getMessage().startsWith(field + ": "), bad.getMessage());
    }

    @Test
    void aBadCodeAndABadEventTypeAreNamed() throws Exception {
        var json = EventJson.INPUT.readTree("{\"code\": \"ERP budget\", \"eventTypes\": [\"Project:Updated\", "
                + "\"Project\"], \"url\": \"https://x.example.com/\"}");
        BadDocument code = assertThrows(BadDocument.class, () -> DocumentGroovy.block(DocumentJson.read(json), "x"));
        assertEquals("code", code.field());
        var event = EventJson.INPUT.readTree("{" + BASE.replace("\"Project:Updated\"", "\"Project:Updated\", \"P\"")
                + "}");
        assertEquals("eventTypes[1]", assertThrows(BadDocument.class,
                () -> DocumentGroovy.block(DocumentJson.read(event), "x")).field());
    }

    @Test
    void whatADocumentSaysIsWrittenAsTextNeverRunAsGroovy() throws Exception {
        String tricky = "it's ${System.exit(1)} \\ ''' \" \n \"\"\" done";
        Map<String, Object> sent = new java.util.LinkedHashMap<>();
        sent.put("code", "erp");
        sent.put("eventTypes", java.util.List.of("Project:Updated"));
        sent.put("url", "https://erp.example.com/" + tricky);
        sent.put("description", tricky);
        sent.put("label", Map.of("en", "a'b"));
        sent.put("headers", java.util.List.of(Map.of("name", "X-It's", "value", tricky)));
        sent.put("body", tricky + "\n" + tricky);
        var json = EventJson.INPUT.readTree(EventJson.MAPPER.writeValueAsString(sent));
        WebhookDocument doc = DocumentJson.read(json);
        Path folder = Files.createDirectories(dir.resolve("webhooks"));
        Files.writeString(folder.resolve("erp.groovy"), DocumentGroovy.block(doc, "erp.groovy"));
        LoadResult loaded = new DefinitionLoader().load(folder);
        assertTrue(loaded.valid(), loaded.errors().toString());
        WebhookDocument again = DocumentModel.document(loaded.ruleSet().webhooks().get(0));
        assertEquals(doc.description(), again.description());
        assertEquals(doc.headers(), again.headers());
        assertEquals(Map.of("en", "a'b"), again.label());
        assertEquals(doc.url(), again.url());
        assertEquals(doc.body(), again.body());
    }
}
