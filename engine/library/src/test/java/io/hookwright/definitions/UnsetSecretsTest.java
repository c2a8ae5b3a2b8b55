package io.hookwright.definitions;

import io.hookwright.dsl.model.DefinitionError;
import io.hookwright.render.Secrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The secrets definitions name that are not set are told before any send fails on them, each at its place. */
class UnsetSecretsTest {
    @TempDir
    Path folder;

    private CompiledDefinitions compiled() throws IOException {
        Files.writeString(folder.resolve("erp.groovy"), """
                webhook('erp') {
                    on 'Project:Created'
                    request {
                        post 'https://erp.example.com/in?key=${secrets.URL_KEY}'
                        header 'Authorization', 'Bearer ${secrets.ERP_TOKEN}'
                        body template('erp.ftl')
                        signingSecret 'ERP_SIGNING'
                    }
                }
                """);
        Files.createDirectories(folder.resolve("templates"));
        Files.writeString(folder.resolve("templates/erp.ftl"), "{\n  \"id\": ${json(entity.id)},\n"
                + "  \"tenant\": ${json(secrets['TENANT_KEY'])}\n}\n");
        DefinitionCompiler.Compilation compilation = new DefinitionCompiler().compile(folder);
        assertTrue(compilation.valid(), compilation.errors().toString());
        return compilation.definitions();
    }

    @Test
    void everyUnsetSecretIsToldAtWhereItIsWritten() throws IOException {
        List<String> told = UnsetSecrets.in(compiled().rules(), Secrets.of(Map.of("ERP_TOKEN", "t0ken-value")))
                .stream().map(DefinitionError::format).toList();
        assertEquals(3, told.size(), told.toString());
        assertTrue(told.get(0).startsWith("erp.groovy:1:1: webhook 'erp' signs with secret ERP_SIGNING, which is not set"),
                told.get(0));
        assertTrue(told.get(1).startsWith("erp.groovy:4:48: webhook 'erp' uses secret URL_KEY"), told.get(1));
        assertTrue(told.get(2).startsWith("templates/erp.ftl:3:20: webhook 'erp' uses secret TENANT_KEY"), told.get(2));
        assertTrue(told.stream().noneMatch(t -> t.contains("t0ken-value")), "no value is ever shown");
    }

    @Test
    void nothingIsToldWhenEverySecretIsSet() throws IOException {
        Secrets all = Secrets.of(Map.of("ERP_TOKEN", "a", "ERP_SIGNING", "b", "URL_KEY", "c", "TENANT_KEY", "d"));
        assertEquals(List.of(), UnsetSecrets.in(compiled().rules(), all));
    }
}
