package io.hookwright.render;

import io.hookwright.definitions.CompiledDefinitions;
import io.hookwright.definitions.DefinitionCompiler;
import io.hookwright.dsl.model.DefinitionError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The template sandbox: FreeMarker cannot reach Java classes ({@code ?new}, {@code ?api}, static models), methods of
 * objects, files or processes. Every attempt fails, at validation or when rendering, and has no effect.
 */
class FreeMarkerSandboxTest {
    private static final String SENTINEL = "top-secret-file-content-31337";

    @TempDir
    Path root;

    /** Where a successful attack would leave a trace; {@code MARKER} in a template stands for it. */
    private Path marker() {
        return root.resolve("pwned");
    }

    /**
     * Compiles {@code template} as a body file and renders it; returns the error (a definition error's or a render
     * exception's message), failing when the template got through.
     */
    private String attempt(String template) {
        String source = template.replace("MARKER", marker().toString()).replace("OUTSIDE", outside().toString());
        RenderFixture fixture = new RenderFixture(root)
                .template("evil.ftl", source)
                .template("other.ftl", "included " + SENTINEL)
                .file("evil.groovy", RenderFixture.webhook("evil", "Project:Updated", """
                        post 'https://example.com/hook'
                        body template('evil.ftl')
                        """));
        DefinitionCompiler.Compilation compilation = fixture.compile();
        String error;
        if (!compilation.valid()) {
            DefinitionError first = compilation.errors().getFirst();
            assertEquals("templates/evil.ftl", first.file(), RenderFixture.format(compilation.errors()));
            error = first.format();
        } else {
            CompiledDefinitions definitions = compilation.definitions();
            Renderer renderer = new Renderer(RenderFixture.event());
            try {
                RenderedRequest request = renderer.render(definitions.compiled("evil"));
                fail("the template rendered: " + request.body());
                return null;
            } catch (RenderException e) {
                error = e.getMessage();
            }
        }
        assertFalse(Files.exists(marker()), "the template ran something: " + marker() + " exists");
        assertFalse(error.contains(SENTINEL), "the error shows another file's content: " + error);
        return error;
    }

    /** A file outside the definitions folder that a template must not read. */
    private Path outside() {
        try {
            Path file = root.resolve("outside.txt");
            if (!Files.exists(file)) {
                Files.writeString(file, SENTINEL);
            }
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void newCannotInstantiateExecute() {
        String error = attempt("<#assign ex=\"freemarker.template.utility.Execute\"?new()>${ex(\"touch MARKER\")}");
        assertTrue(error.contains("templates/evil.ftl:1:"), error);
    }

    @Test
    void newCannotInstantiateObjectConstructor() {
        attempt("<#assign oc=\"freemarker.template.utility.ObjectConstructor\"?new()>${oc(\"java.io.FileWriter\", \"MARKER\")}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "freemarker.template.utility.JythonRuntime",
            "freemarker.template.utility.ObjectConstructor",
            "freemarker.template.utility.Execute",
            "java.lang.ProcessBuilder",
            "io.hookwright.render.JsonFunction",
    })
    void newResolvesNoClassAtAll(String className) {
        attempt("<#assign x=\"" + className + "\"?new()>${x}");
    }

    @Test
    void newInsideEvalOrInterpretIsBlockedToo() {
        attempt("<#assign t=r'<#assign ex=\"freemarker.template.utility.Execute\"?new()>${ex(\"touch MARKER\")}'?interpret><@t/>");
        attempt("${(\"\\\"freemarker.template.utility.Execute\\\"?new()\")?eval(\"touch MARKER\")}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "${entity.attributes?api.getClass().getName()}",
            "${entity?api.get(\"id\")}",
            "${entity.attributes.Tags?api.size()}",
            "${event.type?api}",
            "${changes?api.getClass()}",
    })
    void apiIsOff(String template) {
        attempt(template);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "${entity.id.class}",
            "${entity.id.getClass()}",
            "${entity.attributes.Budget.class}",
            "${entity.attributes.getClass().forName(\"java.lang.Runtime\")}",
            "${entity.getClass().getName()}",
            "${changes.getClass()}",
            "${json.getClass()}",
            "${message.id.getBytes()}",
            "${entity.attributes.Tags.getClass()}",
            "${event.class.forName(\"java.lang.Runtime\").getRuntime().exec(\"touch MARKER\")}",
    })
    void valuesExposeNoJavaMethodsOrClasses(String template) {
        attempt(template);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "${statics[\"java.lang.System\"].exit(1)}",
            "${enums[\"java.util.concurrent.TimeUnit\"]}",
            "${objectConstructor(\"java.io.File\", \"MARKER\")}",
    })
    void noStaticModelsAreInTheDataModel(String template) {
        attempt(template);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<#include \"other.ftl\">",
            "<#include \"/other.ftl\">",
            "<#include \"OUTSIDE\">",
            "<#include \"../../outside.txt\">",
            "<#include \"/etc/passwd\">",
            "<#import \"other.ftl\" as o>${o}",
            "<#import \"OUTSIDE\" as o>x",
    })
    void templatesCannotIncludeOrImportFiles(String template) {
        attempt(template);
    }

    @Test
    void optionalTemplatesFindNothing() {
        outside();
        RenderFixture fixture = new RenderFixture(root)
                .template("other.ftl", SENTINEL)
                .template("probe.ftl", "${.get_optional_template(\"OUTSIDE\").exists?c}|${.get_optional_template(\"other.ftl\").exists?c}"
                        .replace("OUTSIDE", outside().toString()))
                .file("probe.groovy", RenderFixture.webhook("probe", "Project:Updated", """
                        post 'https://example.com/hook'
                        body template('probe.ftl')
                        """));
        assertEquals("false|false", new Renderer(RenderFixture.event()).render(fixture.compileValid().compiled("probe")).body());
    }

    @Test
    void inlineTemplatesAreSandboxedLikeFiles() {
        CompiledDefinitions definitions = new RenderFixture(root)
                .file("inline.groovy", RenderFixture.webhook("inline", "Project:Updated", """
                        post 'https://example.com/${"freemarker.template.utility.Execute"?new()("touch MARKER")}'
                        """.replace("MARKER", marker().toString())))
                .compileValid();
        RenderException error = assertThrows(RenderException.class,
                () -> new Renderer(RenderFixture.event()).render(definitions.compiled("inline")));
        assertTrue(error.getMessage().contains("inline.groovy:"), error.getMessage());
        assertFalse(Files.exists(marker()));
    }

    @Test
    void theSandboxStillAllowsOrdinaryTemplates() {
        RenderFixture fixture = new RenderFixture(root)
                .template("fine.ftl", "<#assign n = entity.attributes.Budget * 2><#list changes as c>${c.field}</#list>"
                        + "|${n}|${entity.key?lower_case}|${.now?is_datetime?c}|<#macro m x>[${x}]</#macro><@m x=entity.id/>")
                .file("fine.groovy", RenderFixture.webhook("fine", "Project:Updated", """
                        post 'https://example.com/hook'
                        body template('fine.ftl')
                        """));
        String body = new Renderer(RenderFixture.event()).render(fixture.compileValid().compiled("fine")).body();
        assertEquals("StatusBudget|10000|demo|true|[p-1]", body);
    }
}
