package io.hookwright.definitions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What a node publishes of its definitions folder, and what another writes out to compile. */
class DefinitionSnapshotTest {
    @TempDir
    Path dir;

    private Path folder(String name, Map<String, String> files) throws Exception {
        Path folder = dir.resolve(name);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = folder.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        return folder;
    }

    @Test
    void equalFilesInTwoCopiesGiveOneDigestAndAChangeGivesAnother() throws Exception {
        Map<String, String> files = Map.of("erp.groovy", "webhook('erp') {}", "templates/erp.ftl", "{}");
        DefinitionSnapshot one = DefinitionSnapshot.read(folder("one", files), FolderRevision.contentHash());
        DefinitionSnapshot two = DefinitionSnapshot.read(folder("two", files), FolderRevision.contentHash());
        assertEquals(one.digest(), two.digest());
        Files.writeString(dir.resolve("two/templates/erp.ftl"), "{ }");
        assertNotEquals(one.digest(), DefinitionSnapshot.read(dir.resolve("two"), FolderRevision.contentHash()).digest());
    }

    @Test
    void hiddenFilesAndFilesThatAreNotTextAreLeftOut() throws Exception {
        Path folder = folder("f", Map.of("erp.groovy", "webhook('erp') {}", ".git/HEAD", "ref: x", ".notes", "n"));
        Files.write(folder.resolve("logo.png"), new byte[]{(byte) 0x89, 'P', 'N', 'G', (byte) 0xff, (byte) 0xfe});
        assertEquals(List.of("erp.groovy"), List.copyOf(DefinitionSnapshot.read(folder, FolderRevision.contentHash()).files().keySet()));
    }

    @Test
    void writtenOutItReadsBackTheSame() throws Exception {
        DefinitionSnapshot snapshot = DefinitionSnapshot.read(folder("src", Map.of("a.groovy", "// ä",
                "templates/deep/b.ftl", "${x}")), FolderRevision.contentHash());
        Path copy = snapshot.writeTo(dir.resolve("copy"));
        assertEquals(snapshot.files(), DefinitionSnapshot.read(copy, FolderRevision.contentHash()).files());
        assertEquals(snapshot.digest(), DefinitionSnapshot.read(copy, FolderRevision.contentHash()).digest());
    }

    @Test
    void linksAndSpecialFilesAreNeverReadIntoASnapshot() throws Exception {
        Path outside = folder("outside", Map.of("secret.ftl", "the secret", "secret.groovy", "the secret"));
        Path folder = folder("f", Map.of("erp.groovy", "webhook('erp') {}", "templates/erp.ftl", "{}"));
        Files.createSymbolicLink(folder.resolve("templates/root"), Path.of("/"));
        Files.createSymbolicLink(folder.resolve("templates/secret.ftl"), outside.resolve("secret.ftl"));
        Files.createSymbolicLink(folder.resolve("secret.groovy"), outside.resolve("secret.groovy"));
        Files.createSymbolicLink(folder.resolve("shared"), outside);
        Files.createSymbolicLink(folder.resolve("alias.groovy"), folder.resolve("erp.groovy"));
        Process mkfifo = new ProcessBuilder("mkfifo", folder.resolve("templates/pipe.ftl").toString()).start();
        assertEquals(0, mkfifo.waitFor());

        DefinitionSnapshot snapshot = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(30), () -> DefinitionSnapshot.read(folder, FolderRevision.contentHash()));
        assertEquals(List.of("erp.groovy", "templates/erp.ftl"), List.copyOf(snapshot.files().keySet()));
    }

    @Test
    void aLinkedFolderGivesAnEmptySnapshotWhichLoadingRefuses() throws Exception {
        Path real = folder("real", Map.of("erp.groovy", "webhook('erp') {}"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        assertEquals(Map.of(), DefinitionSnapshot.read(link, FolderRevision.contentHash()).files());
    }

    @Test
    void aFileOverTheSizeLimitIsNotRead() throws Exception {
        Path folder = folder("f", Map.of("erp.groovy", "webhook('erp') {}",
                "templates/big.ftl", "x".repeat(io.hookwright.dsl.load.DefinitionLimits.MAX_FILE_BYTES + 1)));
        assertEquals(List.of("erp.groovy"), List.copyOf(DefinitionSnapshot.read(folder, FolderRevision.contentHash()).files().keySet()));
    }

    @Test
    void aPathLeavingTheFolderIsRefused() {
        DefinitionSnapshot evil = DefinitionSnapshot.of("rev", Map.of("../outside.groovy", "x"));
        assertThrows(IllegalArgumentException.class, () -> evil.writeTo(dir.resolve("copy")));
    }
}
