package io.hookwright.authoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookwright.dsl.load.DefinitionLoader;
import io.hookwright.dsl.load.LoadResult;
import io.hookwright.dsl.model.DefinitionError;
import io.hookwright.dsl.model.WebhookDefinition;
import io.hookwright.event.EventJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every sample webhook as a document, sent as JSON, printed as Groovy and loaded again gives the same document; the
 * samples with a where closure are not editable, and say why.
 */
class SampleDocumentsTest {
    @TempDir
    Path dir;

    @Test
    void everySampleWebhookMakesTheRoundTripAsTheSameDocument() throws IOException {
        Path samples = Authors.repositoryRoot().resolve("samples/webhooks");
        List<WebhookDefinition> originals = valid(new DefinitionLoader().load(samples)).ruleSet().webhooks();
        Path folder = Files.createDirectories(dir.resolve("webhooks"));
        copyTemplates(samples, folder);
        List<String> expected = new ArrayList<>();
        List<String> notEditable = new ArrayList<>();
        for (WebhookDefinition webhook : originals) {
            Optional<String> reason = DocumentGroovy.notEditable(webhook);
            if (reason.isPresent()) {
                assertTrue(reason.get().matches("the definition uses a where closure \\(line \\d+\\), which only its "
                        + "file can express"), reason.get());
                notEditable.add(webhook.code());
                continue;
            }
            String json = EventJson.MAPPER.writeValueAsString(DocumentJson.write(DocumentModel.document(webhook)));
            expected.add(json);
            JsonNode sent = EventJson.INPUT.readTree(json);
            String block = DocumentGroovy.block(DocumentJson.read(sent), webhook.code() + ".groovy");
            Files.writeString(folder.resolve(webhook.code() + ".groovy"), block);
        }
        assertEquals(List.of("budget_increase"), notEditable.stream()
                .sorted().toList(), "the samples with a where closure");
        List<String> again = new ArrayList<>();
        for (WebhookDefinition loaded : valid(new DefinitionLoader().load(folder)).ruleSet().webhooks()) {
            again.add(EventJson.MAPPER.writeValueAsString(DocumentJson.write(DocumentModel.document(loaded))));
        }
        assertFalse(expected.isEmpty());
        assertEquals(expected.stream().sorted().toList(), again.stream().sorted().toList());
    }

    @Test
    void anOrderedWebhookKeepsItsKeyAndFailureModeThroughTheRoundTrip() throws IOException {
        String json = """
                {"code": "erp_ordered", "eventTypes": ["Project:Updated"], "httpVerb": "POST",
                 "url": "https://erp.example.com/hooks",
                 "execution": {"synchronous": false, "transaction": "inside", "timeout": "5s",
                               "orderedBy": "${entity.id}", "onFailure": "block"}}""";
        String block = DocumentGroovy.block(DocumentJson.read(EventJson.INPUT.readTree(json)), "erp_ordered.groovy");
        assertTrue(block.contains("orderedBy '${entity.id}', onFailure: 'block'"), block);
        Path folder = Files.createDirectories(dir.resolve("ordered"));
        Files.writeString(folder.resolve("erp_ordered.groovy"), block);
        WebhookDefinition loaded = valid(new DefinitionLoader().load(folder)).ruleSet().webhooks().getFirst();
        JsonNode again = EventJson.INPUT.readTree(EventJson.MAPPER.writeValueAsString(
                DocumentJson.write(DocumentModel.document(loaded))));
        assertEquals("${entity.id}", again.get("execution").get("orderedBy").asText());
        assertEquals("block", again.get("execution").get("onFailure").asText());
    }

    private static LoadResult valid(LoadResult result) {
        assertTrue(result.valid(), () -> result.errors().stream().map(DefinitionError::format)
                .collect(Collectors.joining("\n")));
        return result;
    }

    private static void copyTemplates(Path from, Path to) throws IOException {
        Path templates = Files.createDirectories(to.resolve("templates"));
        try (Stream<Path> files = Files.list(from.resolve("templates"))) {
            for (Path file : files.toList()) {
                Files.copy(file, templates.resolve(file.getFileName()));
            }
        }
    }
}
