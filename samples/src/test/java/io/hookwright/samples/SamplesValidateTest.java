package io.hookwright.samples;

import io.hookwright.definitions.DefinitionCompiler;
import io.hookwright.dsl.model.Template;
import io.hookwright.dsl.model.WebhookDefinition;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What CI's {@code hookwright validate samples/webhooks} checks, and that nothing in the folder is dead. */
class SamplesValidateTest {
    @Test
    void samplesCompileWithoutErrors() {
        DefinitionCompiler.Compilation compilation = Samples.compilation();
        assertEquals(List.of(), compilation.errors(), "errors validating samples/webhooks");
        assertTrue(compilation.valid());
        assertEquals(8, compilation.files(), "definition files");
        assertEquals(19, compilation.definitions().size(), "webhooks");
        assertEquals(19, Samples.webhooks().stream().map(WebhookDefinition::code).distinct().count(), "distinct codes");
    }

    @Test
    void everyGroovyFileDefinesWebhooks() throws IOException {
        Set<String> files;
        try (Stream<Path> listing = Files.list(Samples.webhooksFolder())) {
            files = listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".groovy"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(8, files.size(), "sample .groovy files: " + files);
        Set<String> defining = Samples.webhooks().stream().map(w -> w.origin().file())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(files, defining, "files that define at least one webhook");
    }

    @Test
    void everyTemplateFileIsUsed() throws IOException {
        Set<String> files;
        try (Stream<Path> listing = Files.walk(Samples.webhooksFolder().resolve("templates"))) {
            files = listing.filter(Files::isRegularFile)
                    .map(p -> "templates/" + Samples.webhooksFolder().resolve("templates").relativize(p).toString()
                            .replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertFalse(files.isEmpty());
        Set<String> used = Samples.webhooks().stream().flatMap(w -> Samples.templates(w).stream())
                .filter(t -> !t.inline()).map(Template::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(files, used, "template files used by some webhook");
    }

    /** The README's secret list is exactly the secrets the definitions read or sign with. */
    @Test
    void secretsNamedByTheDefinitionsAreTheReadmeList() {
        Set<String> named = Samples.webhooks().stream().flatMap(w -> Samples.secretNames(w).stream())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Samples.SECRETS.keySet()), named);
    }

    /** The README's table of definitions: same webhooks, in the files and modes it says. */
    @Test
    void readmeTableDescribesEveryWebhook() throws IOException {
        Map<String, String> modes = new LinkedHashMap<>();
        Map<String, String> files = new LinkedHashMap<>();
        String file = null;
        for (String line : Files.readAllLines(Samples.home().resolve("README.md"))) {
            if (!line.startsWith("| ") && !line.startsWith("| |")) {
                continue;
            }
            String[] cells = line.split("\\|", -1);
            if (cells.length < 6 || !cells[2].strip().startsWith("`")) {
                continue;
            }
            String fileCell = cells[1].strip().replace("`", "");
            if (!fileCell.isEmpty()) {
                file = fileCell;
            }
            String code = cells[2].strip().replace("`", "");
            modes.put(code, cells[4].replace("*", "").replaceAll("\\(.*\\)", "").strip().replace(", ", "-"));
            files.put(code, file);
        }
        Map<String, String> actualModes = new LinkedHashMap<>();
        Map<String, String> actualFiles = new LinkedHashMap<>();
        for (WebhookDefinition w : Samples.webhooks()) {
            actualModes.put(w.code(), w.execution().mode());
            actualFiles.put(w.code(), w.origin().file());
        }
        assertEquals(new TreeSet<>(actualModes.keySet()), new TreeSet<>(modes.keySet()), "webhooks in the README table");
        assertEquals(Map.copyOf(actualModes), Map.copyOf(modes), "modes in the README table");
        assertEquals(Map.copyOf(actualFiles), Map.copyOf(files), "files in the README table");
    }

    @Test
    void everyWebhookIsDescribedAndOwned() {
        for (WebhookDefinition w : Samples.webhooks()) {
            assertFalse(w.label().text().isBlank(), w.code() + " has no label");
            assertFalse(w.description() == null || w.description().isBlank(), w.code() + " has no description");
            assertTrue(w.owner().isPresent(), w.code() + " has no owner");
            assertFalse(w.events().isEmpty(), w.code() + " listens to nothing");
        }
    }
}
