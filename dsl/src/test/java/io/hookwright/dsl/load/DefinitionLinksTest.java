package io.hookwright.dsl.load;

import io.hookwright.dsl.model.DefinitionError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.hookwright.dsl.load.Definitions.assertError;
import static io.hookwright.dsl.load.Definitions.format;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A definitions folder reads nothing outside itself: no symbolic link anywhere in it is followed or allowed, only
 * regular files are read, and template names stay under templates/. Every refusal names the path, never what the
 * file reached holds.
 */
class DefinitionLinksTest {
    private static final String SECRET = "the-secret-value-42";
    private static final Duration ANSWER = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private Path definitions;
    private Path outside;

    @BeforeEach
    void folders() throws IOException {
        definitions = Files.createDirectories(dir.resolve("webhooks"));
        outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("body.ftl"), SECRET);
        Files.createDirectories(outside.resolve("sub"));
        Files.writeString(outside.resolve("sub/x.ftl"), SECRET);
    }

    private static String hook(String template) {
        return """
                webhook('hook') {
                    on 'Project:Created'
                    request {
                        post 'https://example.com/hook'
                        body template('%s')
                    }
                }
                """.formatted(template);
    }

    private void write(String relative, String text) throws IOException {
        Path path = definitions.resolve(relative);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    private LoadResult load() {
        return load(definitions);
    }

    private static LoadResult load(Path folder) {
        LoadResult result = assertTimeoutPreemptively(ANSWER, () -> Definitions.LOADER.load(folder));
        assertFalse(result.valid(), "expected a refusal");
        assertTrue(result.ruleSet().webhooks().isEmpty() || result.errors().stream()
                .noneMatch(e -> e.file().equals("hook.groovy")), "the refused file gives no webhook");
        assertFalse(format(result.errors()).contains(SECRET), () -> "an error shows the content:\n"
                + format(result.errors()));
        assertFalse(format(result.errors()).contains("PATH="), () -> format(result.errors()));
        return result;
    }

    @Test
    void theDefinitionsFolderItselfALinkIsRefused() throws IOException {
        Files.writeString(outside.resolve("hook.groovy"), hook("body.ftl"));
        Path link = Files.createSymbolicLink(dir.resolve("linked"), outside);
        LoadResult result = load(link);
        DefinitionError error = Definitions.single(result);
        assertEquals(".", error.file());
        assertTrue(error.message().contains(link + " is a symbolic link"), error.message());
    }

    @Test
    void templatesLinkedToTheRootCannotReadTheEnvironment() throws IOException {
        Files.createSymbolicLink(definitions.resolve("templates"), Path.of("/"));
        write("hook.groovy", hook("proc/self/environ"));
        LoadResult result = load();
        assertError(result, "templates", 1, 1, "this is a symbolic link", "copy the file or folder itself in");
        assertError(result, "hook.groovy", 5, 24, "template 'proc/self/environ' cannot be used",
                "templates is a symbolic link");
        assertTrue(result.ruleSet().webhooks().isEmpty());
    }

    @Test
    void templatesLinkedToASiblingFolderIsRefused() throws IOException {
        Files.createSymbolicLink(definitions.resolve("templates"), outside);
        write("hook.groovy", hook("body.ftl"));
        LoadResult result = load();
        assertError(result, "templates", 1, 1, "symbolic link");
        assertError(result, "hook.groovy", 5, 24, "templates is a symbolic link");
    }

    @Test
    void aRelativeLinkOutIsRefusedLikeAnAbsoluteOne() throws IOException {
        Files.createSymbolicLink(definitions.resolve("templates"), Path.of("../outside"));
        write("hook.groovy", hook("body.ftl"));
        assertError(load(), "hook.groovy", 5, 24, "templates is a symbolic link");
    }

    @Test
    void aLinkInAParentPartOfTheTemplateNameIsRefused() throws IOException {
        Files.createDirectories(definitions.resolve("templates"));
        Files.createSymbolicLink(definitions.resolve("templates/sub"), outside.resolve("sub"));
        write("hook.groovy", hook("sub/x.ftl"));
        LoadResult result = load();
        assertError(result, "templates/sub", 1, 1, "symbolic link");
        assertError(result, "hook.groovy", 5, 24, "templates/sub is a symbolic link");
    }

    @Test
    void aLinkToAFileInsideTheFolderIsRefusedToo() throws IOException {
        write("templates/real.ftl", "{}");
        Files.createSymbolicLink(definitions.resolve("templates/alias.ftl"), definitions.resolve("templates/real.ftl"));
        write("hook.groovy", hook("alias.ftl"));
        LoadResult result = load();
        assertError(result, "templates/alias.ftl", 1, 1, "symbolic link");
        assertError(result, "hook.groovy", 5, 24, "templates/alias.ftl is a symbolic link");
    }

    @Test
    void aLinkedSubfolderOfTheDefinitionsIsRefusedEvenWhenNothingNamesIt() throws IOException {
        write("hook.groovy", hook("body.ftl"));
        write("templates/body.ftl", "{}");
        Files.createSymbolicLink(definitions.resolve("docs"), Path.of("/"));
        LoadResult result = load();
        DefinitionError error = Definitions.single(result);
        assertEquals("docs", error.file());
        assertTrue(error.message().contains("symbolic link"), error.message());
    }

    @Test
    void aDefinitionFileThatIsALinkIsRefusedWhereverItPoints() throws IOException {
        Files.writeString(outside.resolve("real.groovy"), hook("body.ftl"));
        write("inside.txt", hook("body.ftl"));
        Files.createSymbolicLink(definitions.resolve("out.groovy"), outside.resolve("real.groovy"));
        Files.createSymbolicLink(definitions.resolve("in.groovy"), definitions.resolve("inside.txt"));
        LoadResult result = load();
        assertError(result, "out.groovy", 1, 1, "symbolic link");
        assertError(result, "in.groovy", 1, 1, "symbolic link");
        assertEquals(2, result.errors().size(), () -> format(result.errors()));
        assertEquals(2, result.files(), "refused definition files still count as files of the folder");
    }

    @Test
    void aDanglingLinkIsRefused() throws IOException {
        write("hook.groovy", hook("gone.ftl"));
        Files.createDirectories(definitions.resolve("templates"));
        Files.createSymbolicLink(definitions.resolve("templates/gone.ftl"), dir.resolve("nowhere"));
        Files.createSymbolicLink(definitions.resolve("gone.groovy"), dir.resolve("nowhere.groovy"));
        LoadResult result = load();
        assertError(result, "templates/gone.ftl", 1, 1, "symbolic link");
        assertError(result, "gone.groovy", 1, 1, "symbolic link");
        assertError(result, "hook.groovy", 5, 24, "templates/gone.ftl is a symbolic link");
    }

    @Test
    void aPipeNamedAsATemplateOrADefinitionIsRefusedWithoutBlocking() throws Exception {
        Files.createDirectories(definitions.resolve("templates"));
        fifo(definitions.resolve("templates/x.ftl"));
        fifo(definitions.resolve("a.groovy"));
        write("hook.groovy", hook("x.ftl"));
        LoadResult result = load();
        assertError(result, "a.groovy", 1, 1, "not a regular file");
        assertError(result, "templates/x.ftl", 1, 1, "not a regular file");
        assertError(result, "hook.groovy", 5, 24, "templates/x.ftl is not a regular file");
    }

    @Test
    void aLinkToADeviceIsRefused() throws IOException {
        Files.createDirectories(definitions.resolve("templates"));
        Files.createSymbolicLink(definitions.resolve("templates/zero.ftl"), Path.of("/dev/zero"));
        write("hook.groovy", hook("zero.ftl"));
        assertError(load(), "hook.groovy", 5, 24, "templates/zero.ftl is a symbolic link");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "/proc/self/environ", "../outside/body.ftl", "a/../../outside/body.ftl",
            "..", ".", "./body.ftl", "a//b.ftl", "body.ftl/", "..\\outside\\body.ftl", "a\\b.ftl", ".hidden.ftl",
            "x/.git/config", "body\u0000.ftl", "body.ftl\n", "body.ftl\u0000/../../x", ""})
    void templateNamesThatLeaveTemplatesOrAreNotPlainAreRefused(String name) throws IOException {
        write("templates/body.ftl", "{}");
        write("templates/a/b.ftl", "{}");
        write(".hidden.ftl", SECRET);
        write("hook.groovy", hook(name.replace("\\", "\\\\").replace("\n", "\\n").replace("\u0000", "\\u0000")));
        LoadResult result = load();
        DefinitionError error = Definitions.single(result);
        assertEquals("hook.groovy", error.file());
        assertEquals(5, error.line());
        assertEquals(24, error.column());
        assertTrue(error.message().startsWith("template needs a file name under templates/"), error.message());
    }

    @Test
    void aVeryLongTemplateNameIsRefused() throws IOException {
        write("hook.groovy", hook("a/".repeat(2_000) + "b.ftl"));
        assertError(load(), "hook.groovy", 5, 24, "longer than 255 characters");
    }

    @Test
    void aFolderNamedAsATemplateIsRefused() throws IOException {
        write("templates/sub/b.ftl", "{}");
        write("hook.groovy", hook("sub"));
        assertError(load(), "hook.groovy", 5, 24, "templates/sub is a folder, not a file");
    }

    @Test
    void aTemplateOverTheSizeLimitIsRefused() throws IOException {
        write("templates/big.ftl", "x".repeat(DefinitionLimits.MAX_FILE_BYTES + 1));
        write("hook.groovy", hook("big.ftl"));
        LoadResult result = load();
        assertError(result, "templates/big.ftl", 1, 1, "at most 256 KiB");
        assertError(result, "hook.groovy", 5, 24, "templates/big.ftl holds 257 KiB");
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedWithoutItsBytes() throws IOException {
        Files.write(definitions.resolve("bad.groovy"), new byte[]{'/', '/', (byte) 0xff, (byte) 0xfe, 'x'});
        DefinitionError error = Definitions.single(load());
        assertEquals("bad.groovy", error.file());
        assertTrue(error.message().contains("is not UTF-8 text"), error.message());
    }

    @Test
    void aFolderOfTooManyFilesIsRefused() throws IOException {
        write("hook.groovy", hook("body.ftl"));
        write("templates/body.ftl", "{}");
        for (int k = 0; k <= DefinitionLimits.MAX_ENTRIES; k++) {
            Files.writeString(Files.createDirectories(definitions.resolve("templates/many")).resolve(k + ".ftl"), "");
        }
        assertError(load(), ".", 1, 1, "more than 2,000 files and folders");
    }

    @Test
    void aFolderOverTheTotalSizeIsRefused() throws IOException {
        write("hook.groovy", hook("body.ftl"));
        write("templates/body.ftl", "{}");
        String large = "x".repeat(DefinitionLimits.MAX_FILE_BYTES);
        for (long total = 0; total <= DefinitionLimits.MAX_FOLDER_BYTES; total += large.length()) {
            write("templates/large/" + total + ".ftl", large);
        }
        assertError(load(), ".", 1, 1, "at most 16.0 MiB are read");
    }

    @Test
    void hiddenFoldersAreNotPartOfTheDefinitions() throws IOException {
        write("hook.groovy", hook("body.ftl"));
        write("templates/body.ftl", "{}");
        Files.createDirectories(definitions.resolve(".git"));
        Files.createSymbolicLink(definitions.resolve(".git/link"), Path.of("/"));
        Files.createSymbolicLink(definitions.resolve(".cache"), Path.of("/"));
        LoadResult result = Definitions.LOADER.load(definitions);
        assertTrue(result.valid(), () -> format(result.errors()));
    }

    private static void fifo(Path path) throws IOException, InterruptedException {
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo here");
            return;
        }
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
    }
}
