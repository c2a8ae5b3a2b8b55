package io.hookwright.execution;

import io.hookwright.errors.DefinitionsInvalidException;
import io.hookwright.errors.HookwrightException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadedDefinitionsTest {
    @TempDir
    Path dir;

    @Test
    void aValidFolderLoadsAtItsContentRevision() throws Exception {
        Files.writeString(dir.resolve("erp.groovy"), """
                webhook('erp') {
                    on 'Project:Updated'
                    request { post 'https://erp.example.com/hook' }
                }
                """);
        LoadedDefinitions loaded = LoadedDefinitions.from(dir);
        assertEquals(1, loaded.definitions().size());
        assertTrue(loaded.revision().matches("content-[0-9a-f]{12}"), loaded.revision());

        Files.writeString(dir.resolve("erp.groovy"), Files.readString(dir.resolve("erp.groovy")).replace("erp.example", "erp2.example"));
        assertNotEquals(loaded.revision(), LoadedDefinitions.from(dir).revision(), "a changed file changes the revision");
    }

    @Test
    void anInvalidFolderIsOneHookwrightExceptionNamingEachErrorWhereItIs() throws Exception {
        Files.writeString(dir.resolve("broken.groovy"), """
                webhook('broken') {
                    on 'Project:Updated'
                    requets { post 'https://erp.example.com/hook' }
                }
                """);
        DefinitionsInvalidException e = assertThrows(DefinitionsInvalidException.class, () -> LoadedDefinitions.from(dir));
        assertInstanceOf(HookwrightException.class, e);
        assertTrue(e.errors().stream().anyMatch(error -> error.file().equals("broken.groovy") && error.line() == 3
                && error.column() == 5 && error.message().contains("did you mean 'request'")), e.getMessage());
        assertTrue(e.getMessage().contains("broken.groovy:3:5: unknown DSL word 'requets'"), e.getMessage());
    }
}
