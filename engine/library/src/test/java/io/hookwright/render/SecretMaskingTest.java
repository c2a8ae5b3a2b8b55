package io.hookwright.render;

import io.hookwright.definitions.CompiledDefinitions;
import io.hookwright.event.Event;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ${secrets.X}}: rendered requests hold references, shown masked, resolved only when sent. */
class SecretMaskingTest {
    private static final String ERP_TOKEN = "erp-t0ken-VALUE";
    private static final String URL_KEY = "url-key-VALUE";
    private static final String BODY_SECRET = "b0dy-secret-VALUE";
    private static final Map<String, String> ALL = Map.of("ERP_TOKEN", ERP_TOKEN, "URL_KEY", URL_KEY,
            "BODY_SECRET", BODY_SECRET);

    @TempDir
    Path root;
    private CompiledDefinitions definitions;

    @BeforeEach
    void definitions() {
        definitions = new RenderFixture(root)
                .template("budget.ftl", """
                        {
                          "project": ${json(entity.key)},
                          "signature": "${secrets.BODY_SECRET}",
                          "again": ${json(secrets.BODY_SECRET)}
                        }
                        """)
                .file("erp.groovy", """
                        webhook('erp_budget') {
                            on 'Project:Updated'
                            request {
                                post 'https://erp.example.com/p/${entity.key}?key=${secrets.URL_KEY}'
                                header 'Authorization', 'Bearer ${secrets.ERP_TOKEN}'
                                header 'Content-Type', 'application/json'
                                body template('budget.ftl')
                            }
                        }
                        """)
                .compileValid();
    }

    private RenderedRequest render() {
        return render(RenderFixture.event());
    }

    private RenderedRequest render(Event event) {
        return new Renderer(event).render(definitions.compiled("erp_budget"));
    }

    private static String everything(RenderedRequest request) {
        return request.method() + " " + request.url() + "\n" + request.headers() + "\n" + request.body();
    }

    @Test
    void theRenderedRequestHoldsNoSecretValueOnlyReferences() {
        RenderedRequest request = render();
        String text = everything(request);
        ALL.values().forEach(value -> assertFalse(text.contains(value), value));
        assertEquals(Set.of("URL_KEY", "ERP_TOKEN", "BODY_SECRET"), request.secretNames());
        assertEquals(List.of("URL_KEY", "ERP_TOKEN", "BODY_SECRET"), List.copyOf(request.secretNames()),
                "names in the order they appear: URL, headers, body");
    }

    @Test
    void maskedShowsDotsInUrlHeadersAndBody() {
        RenderedRequest masked = render().masked();
        assertEquals("POST", masked.method());
        assertEquals("https://erp.example.com/p/DEMO?key=••••", masked.url());
        assertEquals("Bearer ••••", masked.headerMap().get("Authorization"));
        assertEquals("application/json", masked.headerMap().get("Content-Type"));
        assertTrue(masked.body().contains("\"signature\": \"••••\""), masked.body());
        assertTrue(masked.body().contains("\"again\": \"••••\""), masked.body());
        assertFalse(everything(masked).contains("hwsecret"), "no reference syntax shows: " + everything(masked));
        assertEquals(Set.of(), masked.secretNames(), "a masked request needs no secrets");
    }

    @Test
    void resolvePutsTheValuesIn() {
        RenderedRequest sent = render().resolve(Secrets.of(ALL));
        assertEquals("https://erp.example.com/p/DEMO?key=" + URL_KEY, sent.url());
        assertEquals("Bearer " + ERP_TOKEN, sent.headerMap().get("Authorization"));
        assertTrue(sent.body().contains("\"signature\": \"" + BODY_SECRET + "\""), sent.body());
        assertTrue(sent.body().contains("\"again\": \"" + BODY_SECRET + "\""), sent.body());
        assertFalse(everything(sent).contains("hwsecret"), everything(sent));
        assertFalse(everything(sent).contains("••••"), everything(sent));
    }

    @Test
    void resolveTakesValuesLiterallyEvenWithRegexReplacementCharacters() {
        Map<String, String> odd = Map.of("ERP_TOKEN", "a$1\\b$0", "URL_KEY", "k", "BODY_SECRET", "s");
        RenderedRequest sent = render().resolve(Secrets.of(odd));
        assertEquals("Bearer a$1\\b$0", sent.headerMap().get("Authorization"));
    }

    @Test
    void theRenderedRequestIsUnchangedByResolving() {
        RenderedRequest request = render();
        String before = everything(request);
        request.resolve(Secrets.of(ALL));
        assertEquals(before, everything(request), "resolve returns a new request; the stored one keeps references");
    }

    @Test
    void aMissingSecretFailsNamingItWithoutShowingOtherValues() {
        RenderedRequest request = render();
        RenderedRequest.MissingSecretException missing = assertThrows(RenderedRequest.MissingSecretException.class,
                () -> request.resolve(Secrets.of(Map.of("ERP_TOKEN", ERP_TOKEN))));
        assertEquals(List.of("URL_KEY", "BODY_SECRET"), missing.names());
        assertTrue(missing.getMessage().contains("URL_KEY"), missing.getMessage());
        assertTrue(missing.getMessage().contains("BODY_SECRET"), missing.getMessage());
        assertTrue(missing.getMessage().contains("HOOKWRIGHT_SECRET_URL_KEY"), missing.getMessage());
        assertFalse(missing.getMessage().contains(ERP_TOKEN), missing.getMessage());
    }

    @Test
    void aSingleMissingSecretIsNamed() {
        RenderedRequest.MissingSecretException missing = assertThrows(RenderedRequest.MissingSecretException.class,
                () -> render().resolve(Secrets.of(Map.of("ERP_TOKEN", ERP_TOKEN, "URL_KEY", URL_KEY))));
        assertEquals(List.of("BODY_SECRET"), missing.names());
        assertTrue(missing.getMessage().startsWith("secret BODY_SECRET not set"), missing.getMessage());
        assertFalse(missing.getMessage().contains(ERP_TOKEN) || missing.getMessage().contains(URL_KEY), missing.getMessage());
    }

    @Test
    void eventDataCannotSmuggleInAReferenceToAnotherSecret() {
        // A host user who can edit a project's name must not make the ERP webhook send, say, the admin signing
        // secret to the ERP receiver by typing the reference syntax into the name.
        String forged = SecretRefs.ref("ADMIN_SIGNING");
        Event event = RenderFixture.event(RenderFixture.EVENT_JSON.replace("\"key\": \"DEMO\"", "\"key\": \"" + forged + "\""));
        RenderedRequest request = render(event);
        assertFalse(request.secretNames().contains("ADMIN_SIGNING"), "event data became a secret reference: "
                + request.secretNames());
        Map<String, String> secrets = Map.of("ERP_TOKEN", ERP_TOKEN, "URL_KEY", URL_KEY, "BODY_SECRET", BODY_SECRET,
                "ADMIN_SIGNING", "admin-signing-VALUE");
        RenderedRequest sent = request.resolve(Secrets.of(secrets));
        assertFalse(everything(sent).contains("admin-signing-VALUE"), everything(sent));
        assertEquals("Bearer " + ERP_TOKEN, sent.headerMap().get("Authorization"), "the template's own secrets still resolve");
    }

    @Test
    void eventDataNextToARealReferenceCannotRedirectIt() {
        CompiledDefinitions joined = new RenderFixture(root.resolve("joined"))
                .file("joined.groovy", RenderFixture.webhook("joined", "Project:Updated", """
                        post 'https://example.com/${entity.attributes.Status}${secrets.ERP_TOKEN}${entity.attributes.Name}'
                        header 'X-Sig', '${entity.attributes.Status}${secrets.ERP_TOKEN}'
                        """))
                .compileValid();
        String lead = "hwsecret-ADMIN_SIGNING-";
        Event event = RenderFixture.event(RenderFixture.EVENT_JSON
                .replace("\"Status\": \"Done\"", "\"Status\": \"" + lead + "\"")
                .replace("\"Name\": \"He said \\\"hi\\\"\\nand left\"", "\"Name\": \"-hwsecret hwref-abc-ERP_TOKEN-abc\""));
        RenderedRequest request = new Renderer(event).render(joined.compiled("joined"));
        assertEquals(Set.of("ERP_TOKEN"), request.secretNames(), request.url());
        RenderedRequest sent = request.resolve(Secrets.of(Map.of("ERP_TOKEN", ERP_TOKEN, "ADMIN_SIGNING", "admin-signing-VALUE")));
        assertFalse(everything(sent).contains("admin-signing-VALUE"), everything(sent));
        assertTrue(sent.headerMap().get("X-Sig").endsWith(ERP_TOKEN), sent.headerMap().get("X-Sig"));
        assertTrue(sent.url().contains("ADMIN_SIGNING"), "the forged text still shows, defused: " + sent.url());
        assertTrue(sent.url().endsWith("hwref-abc-ERP_TOKEN-abc"), "a forged template reference stays text: " + sent.url());
    }

    @Test
    void aSecretNameThatCannotBeReferencedFailsRendering() {
        CompiledDefinitions odd = new RenderFixture(root.resolve("odd"))
                .file("odd.groovy", RenderFixture.webhook("odd", "Project:Updated", """
                        post 'https://example.com/hook'
                        header 'X-Key', '${secrets["MY-KEY"]}'
                        """))
                .compileValid();
        RenderException error = assertThrows(RenderException.class, () -> new Renderer(RenderFixture.event()).render(odd.compiled("odd")));
        assertTrue(error.getMessage().contains("MY-KEY"), error.getMessage());
    }

    @Test
    void loadReadsPrefixedEnvironmentVariablesAndTheFileAndTheEnvironmentWins() throws Exception {
        Path file = root.resolve("secrets.properties");
        Files.writeString(file, """
                # comments are fine
                ERP_TOKEN=from-file
                ONLY_IN_FILE=file-value
                SPACED = with spaces\s
                """);
        Map<String, String> environment = Map.of(
                "HOOKWRIGHT_SECRET_ERP_TOKEN", "from-env",
                "HOOKWRIGHT_SECRET_ONLY_IN_ENV", "env-value",
                "HOOKWRIGHT_SECRET_", "no name",
                "PATH", "/usr/bin",
                "ERP_TOKEN", "not prefixed");
        Secrets secrets = Secrets.load(environment, file);
        assertEquals("from-env", secrets.value("ERP_TOKEN").orElseThrow());
        assertEquals("env-value", secrets.value("ONLY_IN_ENV").orElseThrow());
        assertEquals("file-value", secrets.value("ONLY_IN_FILE").orElseThrow());
        assertEquals("with spaces ", secrets.value("SPACED").orElseThrow());
        assertFalse(secrets.has("PATH"));
        assertFalse(secrets.has(""));
        assertFalse(secrets.has("HOOKWRIGHT_SECRET_ERP_TOKEN"));
        assertFalse(secrets.toString().contains("from-env") || secrets.toString().contains("file-value"),
                "toString names secrets but shows no value: " + secrets);
    }

    @Test
    void loadWithoutAFileReadsTheEnvironmentOnly() throws Exception {
        Secrets secrets = Secrets.load(Map.of("HOOKWRIGHT_SECRET_X", "x"), null);
        assertEquals("x", secrets.value("X").orElseThrow());
        assertTrue(Secrets.none().value("X").isEmpty());
    }

    @Test
    void loadedSecretsResolveARenderedRequest() throws Exception {
        Path file = root.resolve("secrets.properties");
        Files.writeString(file, "URL_KEY=" + URL_KEY + "\nBODY_SECRET=" + BODY_SECRET + "\nERP_TOKEN=stale\n");
        Secrets secrets = Secrets.load(Map.of("HOOKWRIGHT_SECRET_ERP_TOKEN", ERP_TOKEN), file);
        RenderedRequest sent = render().resolve(secrets);
        assertEquals("Bearer " + ERP_TOKEN, sent.headerMap().get("Authorization"));
        assertEquals("https://erp.example.com/p/DEMO?key=" + URL_KEY, sent.url());
    }

    @Test
    void secretsReadAgainTakeNewValuesAndStillMaskTheValuesRotatedAway() throws Exception {
        Path file = Files.writeString(root.resolve("rotating.properties"), "API_TOKEN=first-value-123456\n");
        Secrets secrets = Secrets.load(Map.of("HOOKWRIGHT_SECRET_FROM_ENV", "env-value-98765"), file);
        Files.writeString(file, "API_TOKEN=second-value-654321\nADDED=added-value-000\n");
        assertFalse(secrets.has("ADDED"), "nothing changes before it is read again");

        secrets.reread();

        assertEquals("second-value-654321", secrets.value("API_TOKEN").orElseThrow());
        assertEquals("added-value-000", secrets.value("ADDED").orElseThrow());
        assertEquals("env-value-98765", secrets.value("FROM_ENV").orElseThrow());
        assertEquals("*** *** ***", secrets.scrub("first-value-123456 second-value-654321 added-value-000")
                .replace(SecretRefs.MASK, "***"));
        Files.delete(file);
        assertThrows(java.io.IOException.class, secrets::reread);
        assertEquals("second-value-654321", secrets.value("API_TOKEN").orElseThrow(), "an unreadable file keeps what was read");
    }
}
