package io.hookwright.render;

import io.hookwright.definitions.CompiledDefinitions;
import io.hookwright.dsl.model.DefinitionError;
import io.hookwright.event.EventJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Template mistakes are reported where the user wrote them: file, line and column, in plain words. */
class TemplateErrorsTest {
    /** Template text whose line 3 has a syntax error at column {@link #BAD_COLUMN}. */
    private static final String BROKEN = """
            {
              "key": ${json(entity.key)},
              "bad": ${entity.key +}
            }
            """;
    /** Where FreeMarker stops on line 3 of {@link #BROKEN}: the '}' after '+'. */
    private static final int BAD_COLUMN = "  \"bad\": ${entity.key +}".indexOf('}') + 1;

    @TempDir
    Path root;

    private RenderFixture fixture() {
        return new RenderFixture(root);
    }

    private static DefinitionError only(List<DefinitionError> errors) {
        assertEquals(1, errors.size(), RenderFixture.format(errors));
        return errors.getFirst();
    }

    @Test
    void aSyntaxErrorInATemplateFileNamesTheFileLineAndColumn() {
        DefinitionError error = only(fixture()
                .template("x.ftl", BROKEN)
                .file("hooks.groovy", RenderFixture.webhook("broken", "Project:Updated", """
                        post 'https://example.com/hook'
                        body template('x.ftl')
                        """))
                .compileErrors());
        assertEquals("templates/x.ftl", error.file());
        assertEquals(3, error.line());
        assertEquals(BAD_COLUMN, error.column());
        assertTrue(error.message().startsWith("template syntax: "), error.message());
        assertFalse(error.message().contains("\n"), "one line: " + error.message());
    }

    @Test
    void aBrokenTemplateFileUsedByTwoWebhooksIsReportedOnce() {
        List<DefinitionError> errors = fixture()
                .template("x.ftl", BROKEN)
                .file("hooks.groovy", RenderFixture.webhook("first", "Project:Updated", """
                        post 'https://example.com/1'
                        body template('x.ftl')
                        """) + RenderFixture.webhook("second", "Project:Created", """
                        post 'https://example.com/2'
                        body template('x.ftl')
                        """))
                .compileErrors();
        DefinitionError error = only(errors);
        assertEquals("templates/x.ftl", error.file());
        assertEquals(3, error.line());
    }

    @Test
    void aSyntaxErrorInAnInlineBodyMapsOntoTheDefinitionFilesLines() {
        String groovy = """
                webhook('inline_broken') {
                    on 'Project:Updated'
                    request {
                        post 'https://example.com/hook'
                        body '''{
                  "key": ${json(entity.key)},
                  "bad": ${entity.key +}
                }'''
                    }
                }
                """;
        DefinitionError error = only(fixture().file("inline.groovy", groovy).compileErrors());
        assertEquals("inline.groovy", error.file());
        assertEquals(7, error.line(), "template line 3 of a body starting on line 5");
        assertEquals(BAD_COLUMN, error.column());
        assertTrue(error.message().startsWith("template syntax: "), error.message());
    }

    @Test
    void aSyntaxErrorInAOneLineInlineTemplateNamesTheColumnInTheDefinitionFile() {
        String line = "        post 'https://example.com/${entity.key +}'";
        String groovy = "webhook('url_broken') {\n    on 'Project:Updated'\n    request {\n" + line + "\n    }\n}\n";
        DefinitionError error = only(fixture().file("url.groovy", groovy).compileErrors());
        assertEquals("url.groovy", error.file());
        assertEquals(4, error.line());
        int column = error.column();
        assertTrue(line.substring(column - 1).startsWith("}'"),
                "column " + column + " should point at the '}' FreeMarker stops at, but points at: "
                        + line.substring(Math.min(line.length(), column - 1)));
    }

    @Test
    void aSyntaxErrorInAHeaderIsReportedWithTheOthers() {
        List<DefinitionError> errors = fixture()
                .template("x.ftl", BROKEN)
                .file("hooks.groovy", RenderFixture.webhook("two_errors", "Project:Updated", """
                        post 'https://example.com/hook'
                        header 'X-Bad', '<#if>'
                        body template('x.ftl')
                        """))
                .compileErrors();
        assertEquals(2, errors.size(), RenderFixture.format(errors));
        assertEquals("hooks.groovy", errors.get(0).file());
        assertEquals(6, errors.get(0).line(), RenderFixture.format(errors));
        assertEquals("templates/x.ftl", errors.get(1).file());
    }

    @Test
    void aMissingVariableAtRenderTimeNamesTheTemplateLineAndExpression() {
        CompiledDefinitions definitions = fixture()
                .template("x.ftl", "{\n  \"nope\": ${entity.attributes.Nope}\n}\n")
                .file("hooks.groovy", RenderFixture.webhook("missing_var", "Project:Updated", """
                        post 'https://example.com/hook'
                        body template('x.ftl')
                        """))
                .compileValid();
        RenderException error = assertThrows(RenderException.class,
                () -> new Renderer(RenderFixture.event()).render(definitions.compiled("missing_var")));
        String message = error.getMessage();
        assertTrue(message.startsWith("templates/x.ftl:2:"), message);
        assertTrue(message.contains("missing_var"), message);
        assertTrue(message.contains("entity.attributes.Nope"), "the message names what is missing: " + message);
        assertFalse(message.contains("\n"), message);
    }

    @Test
    void aMissingVariableInAnInlineBodyNamesTheDefinitionFileLine() {
        CompiledDefinitions definitions = fixture()
                .file("inline.groovy", """
                        webhook('inline_missing') {
                            on 'Project:Updated'
                            request {
                                post 'https://example.com/hook'
                                body '''line one
                        ${entity.attributes.Nope}'''
                            }
                        }
                        """)
                .compileValid();
        RenderException error = assertThrows(RenderException.class,
                () -> new Renderer(RenderFixture.event()).render(definitions.compiled("inline_missing")));
        assertTrue(error.getMessage().startsWith("inline.groovy:6:3: "), error.getMessage());
        assertTrue(error.getMessage().contains("entity.attributes.Nope"), error.getMessage());
    }

    @Test
    void aMissingVariableInTheUrlNamesTheUrl() {
        CompiledDefinitions definitions = fixture()
                .file("hooks.groovy", RenderFixture.webhook("url_missing", "Project:Updated",
                        "post 'https://example.com/${entity.attributes.Nope}'"))
                .compileValid();
        RenderException error = assertThrows(RenderException.class,
                () -> new Renderer(RenderFixture.event()).render(definitions.compiled("url_missing")));
        assertTrue(error.getMessage().startsWith("hooks.groovy:5:"), error.getMessage());
        assertTrue(error.getMessage().contains("url of url_missing"), error.getMessage());
    }

    private CompiledDefinitions jsonWebhook(String contentType, String template) {
        String header = contentType == null ? "" : "header 'Content-Type', '" + contentType + "'\n";
        return fixture()
                .template("x.ftl", template)
                .file("hooks.groovy", RenderFixture.webhook("json_body", "Project:Updated",
                        "post 'https://example.com/hook'\n" + header + "body template('x.ftl')\n"))
                .compileValid();
    }

    @Test
    void aJsonBodyThatIsNotJsonSaysWhereAndWhich() {
        CompiledDefinitions definitions = jsonWebhook("application/json", """
                {
                  "key": ${json(entity.key)},
                  "status": ${entity.attributes.Status}
                }
                """);
        RenderException error = assertThrows(RenderException.class,
                () -> new Renderer(RenderFixture.event()).render(definitions.compiled("json_body")));
        String message = error.getMessage();
        int column = "  \"status\": Done".length() + 1;
        assertTrue(message.contains("json_body"), message);
        assertTrue(message.contains("templates/x.ftl"), message);
        assertTrue(message.contains("not valid JSON at line 3, column " + column), message);
        assertTrue(message.contains("\"status\": Done"), "the message quotes the bad line: " + message);
    }

    @Test
    void theBadLineQuotedInTheMessageHasItsSecretsMasked() {
        CompiledDefinitions definitions = jsonWebhook("application/json", "{\"token\": ${secrets.TOKEN}}\n");
        RenderException error = assertThrows(RenderException.class,
                () -> new Renderer(RenderFixture.event()).render(definitions.compiled("json_body")));
        assertTrue(error.getMessage().contains("not valid JSON at line 1"), error.getMessage());
        assertTrue(error.getMessage().contains("••••"), error.getMessage());
        assertFalse(error.getMessage().contains(SecretRefs.ref("TOKEN")), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "application/vnd.api+json",
            "Application/JSON"})
    void everyJsonContentTypeIsChecked(String contentType) {
        CompiledDefinitions definitions = jsonWebhook(contentType, "{\"status\": ${entity.attributes.Status}}");
        RenderException error = assertThrows(RenderException.class,
                () -> new Renderer(RenderFixture.event()).render(definitions.compiled("json_body")));
        assertTrue(error.getMessage().contains("not valid JSON at line 1"), error.getMessage());
    }

    @Test
    void twoJsonDocumentsAreNotOneJsonBody() {
        CompiledDefinitions definitions = jsonWebhook("application/json", "{\"a\": 1}\n{\"b\": 2}\n");
        RenderException error = assertThrows(RenderException.class,
                () -> new Renderer(RenderFixture.event()).render(definitions.compiled("json_body")));
        assertTrue(error.getMessage().contains("not valid JSON at line 2"), error.getMessage());
    }

    @Test
    void anEmptyJsonBodyIsAnError() {
        CompiledDefinitions definitions = jsonWebhook("application/json", "<#if entity.key == 'nope'>{}</#if>\n");
        RenderException error = assertThrows(RenderException.class,
                () -> new Renderer(RenderFixture.event()).render(definitions.compiled("json_body")));
        assertTrue(error.getMessage().contains("json_body"), error.getMessage());
        assertTrue(error.getMessage().contains("empty"), error.getMessage());
    }

    @Test
    void aValidJsonBodyRendersAsWritten() throws Exception {
        CompiledDefinitions definitions = jsonWebhook("application/json", "{\"status\": ${json(entity.attributes.Status)}}");
        String body = new Renderer(RenderFixture.event()).render(definitions.compiled("json_body")).body();
        assertEquals(Map.of("status", "Done"), EventJson.MAPPER.readValue(body, Map.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "text/xml"})
    void aNonJsonContentTypeIsNotChecked(String contentType) {
        CompiledDefinitions definitions = jsonWebhook(contentType, "status=${entity.attributes.Status}&{not json");
        assertEquals("status=Done&{not json",
                new Renderer(RenderFixture.event()).render(definitions.compiled("json_body")).body());
    }

    @Test
    void withoutAContentTypeTheBodyIsNotChecked() {
        CompiledDefinitions definitions = jsonWebhook(null, "{\"status\": ${entity.attributes.Status}}");
        assertEquals("{\"status\": Done}", new Renderer(RenderFixture.event()).render(definitions.compiled("json_body")).body());
    }
}
