package io.hookwright.server;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.execution.EngineFixture;
import io.hookwright.render.Secrets;
import io.hookwright.server.auth.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code POST /admin/reload}: all or nothing, atomic for every event, even while events keep coming. */
class ReloadEndpointTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Set<String> SET_A = Set.of("alpha_one", "alpha_two");
    private static final Set<String> SET_B = Set.of("beta_one", "beta_two");

    @TempDir
    Path dir;
    private ServerFixture server;

    @AfterEach
    void stop() {
        server.close();
    }

    private static String set(Set<String> codes) {
        StringBuilder text = new StringBuilder();
        new TreeSet<>(codes).forEach(code -> text.append(EngineFixture.webhook(code, "/" + code, "synchronous false")));
        return text.toString();
    }

    private void write(Set<String> codes) {
        server.engineFixture.write("hooks.groovy", set(codes).replace("RECEIVER", "http://localhost:" + receiver.getPort()));
    }

    private static String event(int n) {
        return """
                {"id": "evt-%d", "type": "Project:Updated",
                 "entity": {"type": "Project", "id": "p-1", "key": "DEMO", "attributes": {"Status": "Done"}}}"""
                .formatted(n);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> fired(HttpResponse<String> response) {
        Map<String, Object> result = ((List<Map<String, Object>>) ServerFixture.json(response).get("results")).get(0);
        Set<String> codes = new TreeSet<>();
        ((List<Map<String, Object>>) result.get("runs")).forEach(r -> codes.add((String) r.get("webhook")));
        return codes;
    }

    @Test
    void everyEventSeesOneWholeSetWhileReloadsAlternate() throws Exception {
        receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));
        server = new ServerFixture(dir, receiver.getPort(), set(SET_A));
        List<Set<String>> seen = new CopyOnWriteArrayList<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean reloading = new AtomicBoolean(true);
        Thread poster = Thread.ofPlatform().start(() -> {
            for (int n = 0; reloading.get(); n++) {
                HttpResponse<String> response = server.post("/events", Scope.EVENTS_WRITE, event(n));
                if (response.statusCode() != 202) {
                    failures.add(response.statusCode() + " " + response.body());
                } else {
                    seen.add(fired(response));
                }
            }
        });
        List<String> revisions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            write(i % 2 == 0 ? SET_B : SET_A);
            HttpResponse<String> reload = server.post("/admin/reload", Scope.ADMIN, null);
            assertEquals(200, reload.statusCode(), reload.body());
            assertEquals(2, ServerFixture.json(reload).get("webhooks"));
            revisions.add((String) ServerFixture.json(reload).get("revision"));
        }
        reloading.set(false);
        poster.join();

        assertEquals(List.of(), failures);
        assertTrue(seen.size() > 20, "events posted during the reloads: " + seen.size());
        for (Set<String> codes : seen) {
            assertTrue(codes.equals(SET_A) || codes.equals(SET_B), "an event saw a mix: " + codes);
        }
        assertTrue(seen.contains(SET_A) && seen.contains(SET_B), "both sets were seen");
        assertEquals(2, Set.copyOf(revisions).size(), "two contents, two revisions: " + revisions);
    }

    @Test
    void aBrokenReloadAnswers422WithEveryErrorAndChangesNothing() {
        receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));
        server = new ServerFixture(dir, receiver.getPort(), set(SET_A));
        String before = (String) ServerFixture.json(server.send("GET", "/health", null, null)).get("revision");
        server.engineFixture.write("broken.groovy", """
                webhook('broken') {
                    on 'Project'
                    request { post 'https://x.example.com/' }
                    execution { transaction 'insde' }
                }
                """);
        HttpResponse<String> reload = server.post("/admin/reload", Scope.ADMIN, null);

        assertEquals(422, reload.statusCode(), reload.body());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) ServerFixture.json(reload).get("errors");
        assertEquals(2, errors.size(), reload.body());
        assertEquals("broken.groovy", errors.get(0).get("file"));
        assertEquals(2, errors.get(0).get("line"));
        assertEquals(9, errors.get(0).get("column"), "at the event type written");
        assertEquals(4, errors.get(1).get("line"));
        HttpResponse<String> health = server.send("GET", "/health", null, null);
        assertEquals(200, health.statusCode(), "the previous set still serves: " + health.body());
        assertEquals(before, ServerFixture.json(health).get("revision"));
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) ServerFixture.json(health).get("lastReload");
        assertEquals(false, last.get("ok"), "health tells the reload was refused: " + health.body());
        assertEquals(2, last.get("errors"));
        assertTrue(!health.body().contains("insde"), "no definition text in the open health answer");
        assertEquals(SET_A, fired(server.post("/events", Scope.EVENTS_WRITE, event(1))));

        server.engineFixture.write("broken.groovy", "");
        assertEquals(200, server.post("/admin/reload", Scope.ADMIN, null).statusCode());
        assertEquals(true, ((Map<?, ?>) ServerFixture.json(server.send("GET", "/health", null, null)).get("lastReload"))
                .get("ok"));
    }

    @Test
    void aReloadOfAFolderWithALinkAnswers422NamingItAndChangesNothing() throws Exception {
        receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));
        server = new ServerFixture(dir, receiver.getPort(), set(SET_A));
        String before = (String) ServerFixture.json(server.send("GET", "/health", null, null)).get("revision");
        Path webhooks = server.engineFixture.dir.resolve("webhooks");
        java.nio.file.Files.createSymbolicLink(webhooks.resolve("templates"), Path.of("/"));
        server.engineFixture.write("leak.groovy", """
                webhook('leak') {
                    on 'Project:Updated'
                    request {
                        post 'https://x.example.com/'
                        body template('proc/self/environ')
                    }
                }
                """);
        HttpResponse<String> reload = server.post("/admin/reload", Scope.ADMIN, null);

        assertEquals(422, reload.statusCode(), reload.body());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) ServerFixture.json(reload).get("errors");
        assertEquals(2, errors.size(), reload.body());
        assertEquals("leak.groovy", errors.get(0).get("file"));
        assertEquals(5, errors.get(0).get("line"));
        assertEquals(24, errors.get(0).get("column"));
        assertTrue(((String) errors.get(0).get("message")).contains("templates is a symbolic link"), reload.body());
        assertEquals("templates", errors.get(1).get("file"));
        assertTrue(((String) errors.get(1).get("message")).contains("this is a symbolic link"), reload.body());
        assertTrue(!reload.body().contains("PATH="), reload.body());
        HttpResponse<String> health = server.send("GET", "/health", null, null);
        assertEquals(200, health.statusCode(), "the previous set still serves: " + health.body());
        assertEquals(before, ServerFixture.json(health).get("revision"));
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) ServerFixture.json(health).get("lastReload");
        assertEquals(false, last.get("ok"), "health tells the reload was refused: " + health.body());
        assertEquals(2, last.get("errors"));
        assertTrue(!health.body().contains("insde"), "no definition text in the open health answer");
        assertEquals(SET_A, fired(server.post("/events", Scope.EVENTS_WRITE, event(1))));

    }

    @Test
    @SuppressWarnings("unchecked")
    void aReloadWarnsOfAnEventTypeTheEngineDoesNotKnowAndTakesTheSet() {
        server = new ServerFixture(dir, receiver.getPort(), set(SET_A));
        write(SET_B);
        server.engineFixture.write("typo.groovy", """
                webhook('typo') {
                    on 'Projcet:Updated'
                    request { post 'https://x.example.com/' }
                }
                """);
        HttpResponse<String> reload = server.post("/admin/reload", Scope.ADMIN, null);
        assertEquals(200, reload.statusCode(), reload.body());
        List<String> warnings = (List<String>) ServerFixture.json(reload).get("warnings");
        assertEquals(List.of("typo.groovy:2:9: webhook 'typo' listens to 'Projcet:Updated', an event type the engine "
                + "does not know: did you mean 'Project:Updated'? (fine if the host publishes a type of its own by that "
                + "name)"), warnings);
        assertEquals(3, ServerFixture.json(reload).get("webhooks"), "a warning refuses nothing");
    }

    @Test
    void aReloadReadsTheSecretsFileAgainSoASecretAddedOrRotatedNeedsNoRestart() throws Exception {
        receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));
        Path file = dir.resolve("secrets.properties");
        java.nio.file.Files.writeString(file, "ERP_SIGNING=" + EngineFixture.SIGNING + "\n");
        server = new ServerFixture(dir, receiver.getPort(), set(Set.of("erp")).replace("synchronous false",
                "synchronous true"), 1024 * 1024, Secrets.load(Map.of(), file), b -> b);
        String unset = server.post("/events", Scope.EVENTS_WRITE, event(1)).body();
        assertTrue(unset.contains("ERP_TOKEN"), "the secret is not set yet: " + unset);
        assertEquals(0, receiver.findAll(anyRequestedFor(anyUrl())).size());
        HttpResponse<String> warned = server.post("/admin/reload", Scope.ADMIN, null);
        assertEquals(200, warned.statusCode(), warned.body());
        assertTrue(warned.body().contains("hooks.groovy:6:") && warned.body().contains("uses secret ERP_TOKEN, which is not set"),
                "a reload warns of a secret that is not set, with its place: " + warned.body());

        java.nio.file.Files.writeString(file, "ERP_SIGNING=" + EngineFixture.SIGNING + "\nERP_TOKEN=added-token-1\n");
        assertEquals(200, server.post("/admin/reload", Scope.ADMIN, null).statusCode());
        server.post("/events", Scope.EVENTS_WRITE, event(2));
        java.nio.file.Files.writeString(file, "ERP_SIGNING=" + EngineFixture.SIGNING + "\nERP_TOKEN=rotated-token-2\n");
        assertEquals(200, server.post("/admin/reload", Scope.ADMIN, null).statusCode());
        server.post("/events", Scope.EVENTS_WRITE, event(3));

        List<String> sent = receiver.findAll(anyRequestedFor(anyUrl())).stream()
                .map(r -> r.getHeader("Authorization")).toList();
        assertEquals(List.of("Bearer added-token-1", "Bearer rotated-token-2"), sent);
    }

    @Test
    void reloadNeedsTheAdminScope() {
        server = new ServerFixture(dir, receiver.getPort(), set(SET_A));
        assertEquals(403, server.post("/admin/reload", Scope.WEBHOOKS_WRITE, null).statusCode());
        assertEquals(401, server.send("POST", "/admin/reload", null, null).statusCode());
    }
}
