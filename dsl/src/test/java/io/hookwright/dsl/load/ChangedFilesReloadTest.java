package io.hookwright.dsl.load;

import io.hookwright.dsl.model.WebhookDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.hookwright.dsl.load.Definitions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading a folder again compiles the files that changed, or whose templates changed, and only those. */
class ChangedFilesReloadTest {
    @TempDir
    Path dir;

    private final DefinitionLoader loader = new DefinitionLoader(Duration.ofSeconds(10), Duration.ofSeconds(30));

    private static String hook(String code, String url) {
        return "webhook('" + code + "') {\n    on 'Project:Created'\n    request {\n        post '" + url + "'\n"
                + "        body template('" + code + ".ftl')\n    }\n}\n";
    }

    private Definitions threeFiles() {
        Definitions folder = new Definitions(dir.resolve("webhooks"));
        for (String code : List.of("erp", "crm", "sharepoint")) {
            folder.file(code + ".groovy", hook(code, "https://" + code + ".example.com/in"));
            folder.template(code + ".ftl", "{\"system\": \"" + code + "\"}");
        }
        return folder;
    }

    private static Map<String, WebhookDefinition> byCode(LoadResult result) {
        assertTrue(result.valid(), () -> Definitions.format(result.errors()));
        return result.ruleSet().webhooks().stream().collect(Collectors.toMap(WebhookDefinition::code, w -> w));
    }

    @Test
    void aReloadAfterOneChangedFileCompilesThatFileAlone() {
        Definitions folder = threeFiles();
        LoadResult first = folder.load(loader);
        assertEquals(3, first.compiledFiles(), "a first load compiles every file");

        folder.file("crm.groovy", hook("crm", "https://crm.example.com/v2/in"));
        LoadResult second = folder.load(loader);

        assertEquals(1, second.compiledFiles(), "only crm.groovy changed");
        assertEquals(3, second.files());
        Map<String, WebhookDefinition> before = byCode(first);
        Map<String, WebhookDefinition> after = byCode(second);
        assertEquals("https://crm.example.com/v2/in", after.get("crm").request().url().source(), "the change is live");
        assertSame(before.get("erp"), after.get("erp"), "an unchanged file gives what it gave");
        assertEquals(List.of("crm", "erp", "sharepoint"),
                second.ruleSet().webhooks().stream().map(WebhookDefinition::code).toList(), "files keep their order");
    }

    @Test
    void anUnchangedFolderCompilesNothingAndAChangedTemplateRecompilesTheFileThatReadsIt() {
        Definitions folder = threeFiles();
        folder.load(loader);
        assertEquals(0, folder.load(loader).compiledFiles());

        folder.template("erp.ftl", "{\"system\": \"erp\", \"version\": 2}");
        LoadResult changed = folder.load(loader);

        assertEquals(1, changed.compiledFiles(), "erp.groovy reads the template that changed");
        assertTrue(byCode(changed).get("erp").request().body().orElseThrow().source().contains("version"));
    }

    @Test
    void aFileWithErrorsIsCompiledEveryTimeUntilFixed() {
        Definitions folder = threeFiles();
        folder.file("broken.groovy", "webhook('broken') {\n    on 'Project:Created'\n    request {\n        post 42\n"
                + "    }\n}\n");
        assertEquals(4, folder.load(loader).compiledFiles());
        LoadResult again = folder.load(loader);
        assertEquals(1, again.compiledFiles(), "the broken file is not kept");
        assertError(again, "broken.groovy", 4, 14, "");

        folder.file("broken.groovy", hook("broken", "https://fixed.example.com/in"));
        folder.template("broken.ftl", "{}");
        LoadResult fixed = folder.load(loader);
        assertEquals(1, fixed.compiledFiles());
        assertEquals(4, byCode(fixed).size());
    }

    @Test
    void aTemplateRemovedOrReplacedByALinkIsSeenOnTheNextLoad() throws IOException {
        Definitions folder = threeFiles();
        folder.load(loader);
        Path secret = Files.writeString(dir.resolve("secret.txt"), "not for definitions");
        Path template = folder.folder().resolve("templates/erp.ftl");
        Files.delete(template);
        Files.createSymbolicLink(template, secret);
        LoadResult linked = folder.load(loader);
        assertError(linked, "erp.groovy", 5, 24, "symbolic link");

        Files.delete(template);
        LoadResult removed = folder.load(loader);
        assertError(removed, "erp.groovy", 5, 24, "not found");
    }

    @Test
    void aRemovedFileIsForgottenAndARestoredOneCompiledAgain() throws IOException {
        Definitions folder = threeFiles();
        folder.load(loader);
        Path sharepoint = folder.folder().resolve("sharepoint.groovy");
        String text = Files.readString(sharepoint);
        Files.delete(sharepoint);
        LoadResult without = folder.load(loader);
        assertEquals(2, without.ruleSet().webhooks().size());
        assertEquals(0, without.compiledFiles());

        Files.writeString(sharepoint, text);
        assertEquals(1, folder.load(loader).compiledFiles());
    }

    @Test
    void theSameFilesInAnotherFolderAreNotCompiledAgainButReadTheirTemplatesThere() throws IOException {
        Definitions folder = threeFiles();
        folder.load(loader);
        Definitions copy = new Definitions(dir.resolve("published"));
        for (String code : List.of("erp", "crm", "sharepoint")) {
            copy.file(code + ".groovy", Files.readString(folder.folder().resolve(code + ".groovy")));
            copy.template(code + ".ftl", Files.readString(folder.folder().resolve("templates/" + code + ".ftl")));
        }
        copy.template("crm.ftl", "{\"system\": \"crm\", \"copy\": true}");
        LoadResult loaded = copy.load(loader);
        assertEquals(1, loaded.compiledFiles(), "crm's template differs in the copy");
        assertTrue(byCode(loaded).get("crm").request().body().orElseThrow().source().contains("copy"));
    }
}
