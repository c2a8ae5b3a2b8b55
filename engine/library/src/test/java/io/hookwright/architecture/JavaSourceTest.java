package io.hookwright.architecture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the architecture tests read from a source file: imports and qualified names in code, nothing in comments or text. */
class JavaSourceTest {
    @TempDir
    Path dir;

    @Test
    void readsImportsAndQualifiedNamesInCodeButNotInCommentsOrLiterals() throws Exception {
        Path file = Files.writeString(dir.resolve("Sample.java"), """
                package io.hookwright.store;

                import io.hookwright.event.EventJson;
                import static io.hookwright.render.Renderer.render;
                // io.hookwright.execution.Engine in a comment
                /** {@link io.hookwright.delivery.Sender} in Javadoc */
                class Sample {
                    String text = "io.hookwright.dryrun.DryRun in a string";
                    char quote = '"';
                    String block = \"""
                        io.hookwright.workspace.Workspace in a text block
                        \""";
                    Object used = io.hookwright.outbox.OutboxStore.class;
                }
                """);
        JavaSource source = JavaSource.read(file);
        assertEquals("io.hookwright.store", source.packageName());
        List<String> hookwright = source.references().stream().filter(r -> r.name().startsWith("io.hookwright."))
                .map(r -> r.line() + " " + r.describe()).toList();
        assertEquals(List.of("3 imports io.hookwright.event.EventJson", "4 imports io.hookwright.render.Renderer.render",
                "13 names io.hookwright.outbox.OutboxStore.class"), hookwright);
    }

    @Test
    void topPackageIsTheFirstPartAfterTheRoot() {
        assertEquals("event", LibraryLayersTest.topPackage("io.hookwright.event.EventJson"));
        assertEquals("store", LibraryLayersTest.topPackage("io.hookwright.store"));
    }
}
