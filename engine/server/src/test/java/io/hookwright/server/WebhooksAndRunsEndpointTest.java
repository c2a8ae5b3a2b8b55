package io.hookwright.server;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.execution.EngineFixture;
import io.hookwright.server.auth.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operator's endpoints over real HTTP: webhooks with health, activate/deactivate, test sends, dry-runs, runs, redelivery. */
class WebhooksAndRunsEndpointTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;
    private ServerFixture server;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(dir.resolve("workspace"));
        Files.writeString(dir.resolve("workspace/acme.json"), """
                {"entities": [{"type": "Project", "id": "p-1", "key": "DEMO", "tenant": "acme",
                               "attributes": {"Status": "On track", "Budget": 5000}}]}""");
        server = new ServerFixture(dir, receiver.getPort(),
                EngineFixture.webhook("erp", "/erp", "synchronous true\ntransaction 'after-commit'")
                        + EngineFixture.webhook("audit", "/audit", "synchronous false"));
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(500).withBody("down")));
        receiver.stubFor(post(urlEqualTo("/audit")).willReturn(aResponse().withStatus(204)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(HttpResponse<String> response) {
        try {
            return io.hookwright.event.EventJson.MAPPER.readValue(response.body(), List.class);
        } catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }

    @Test
    void webhooksAreListedFilteredAndSwitchedOffAndOn() {
        assertEquals(List.of("audit", "erp"), list(server.get("/webhooks", Scope.WEBHOOKS_READ)).stream()
                .map(w -> w.get("code")).toList());
        HttpResponse<String> off = server.send("POST", "/webhooks/erp/deactivate?reason=ERP%20migration",
                ServerFixture.token(Scope.WEBHOOKS_WRITE), null);
        assertEquals(200, off.statusCode(), off.body());
        assertEquals("deactivated", ServerFixture.json(off).get("status"));
        assertEquals("ERP migration (deactivated by token 'webhooks:write')", ServerFixture.json(off).get("deactivationReason"));

        assertEquals(List.of("erp"), list(server.get("/webhooks?status=deactivated", Scope.WEBHOOKS_READ)).stream()
                .map(w -> w.get("code")).toList());
        assertEquals(List.of("erp", "audit"), list(server.get("/webhooks?sort=status", Scope.WEBHOOKS_READ)).stream()
                .map(w -> w.get("code")).toList());
        assertEquals(List.of("audit"), list(server.get("/webhooks?q=%2Faudit", Scope.WEBHOOKS_READ)).stream()
                .map(w -> w.get("code")).toList());
        assertEquals(200, server.post("/webhooks/erp/activate", Scope.WEBHOOKS_WRITE, null).statusCode());
        assertEquals("active", ServerFixture.json(server.get("/webhooks/erp", Scope.WEBHOOKS_READ)).get("status"));
        assertEquals(404, server.get("/webhooks/nope", Scope.WEBHOOKS_READ).statusCode());
        HttpResponse<String> badSort = server.get("/webhooks?sort=colour", Scope.WEBHOOKS_READ);
        assertEquals(400, badSort.statusCode());
        assertTrue(badSort.body().contains("use code, url, owner, created or status"), badSort.body());
    }

    @Test
    void aTestSendGoesOutAndIsLoggedAsATestRun() {
        HttpResponse<String> sent = server.post("/webhooks/audit/test", Scope.WEBHOOKS_WRITE,
                "{\"project\": \"DEMO\", \"set\": {\"Status\": \"Done\"}}");
        assertEquals(200, sent.statusCode(), sent.body());
        Map<String, Object> run = ServerFixture.json(sent);
        assertEquals("test", run.get("mode"));
        assertEquals("succeeded", run.get("outcome"));
        @SuppressWarnings("unchecked")
        Map<String, Object> request = (Map<String, Object>) run.get("request");
        assertEquals("Bearer ••••", ((Map<String, Object>) request.get("headers")).get("Authorization"));
        assertFalse(sent.body().contains("t0ken-value"), "the secret's value never leaves in an answer");
        assertEquals(1, receiver.findAll(anyRequestedFor(urlEqualTo("/audit"))).size());
        HttpResponse<String> unknown = server.post("/webhooks/audit/test", Scope.WEBHOOKS_WRITE, "{\"project\": \"NOPE\"}");
        assertEquals(400, unknown.statusCode());
    }

    @Test
    void aDryRunSendsNothingAndExplains() {
        HttpResponse<String> answer = server.post("/dry-run", Scope.WEBHOOKS_READ,
                "{\"project\": \"DEMO\", \"event\": \"Project:Updated\", \"set\": {\"Status\": \"Done\"}}");
        assertEquals(200, answer.statusCode(), answer.body());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> webhooks = (List<Map<String, Object>>) ServerFixture.json(answer).get("webhooks");
        assertEquals(List.of("erp", "audit"), webhooks.stream().map(w -> w.get("code")).toList());
        assertTrue(webhooks.stream().allMatch(w -> Boolean.TRUE.equals(w.get("matched"))));
        assertEquals(0, receiver.findAll(anyRequestedFor(anyUrl())).size());
    }

    @Test
    void runsAreListedNewestFirstFilteredAndRedelivered() {
        server.post("/events", Scope.EVENTS_WRITE, """
                {"id": "evt-1", "type": "Project:Updated",
                 "entity": {"type": "Project", "id": "p-1", "key": "DEMO", "attributes": {"Status": "Done"}}}""");
        server.engineFixture.awaitIdle();
        List<Map<String, Object>> failed = list(server.get("/runs?outcome=failed", Scope.RUNS_READ));
        assertEquals(1, failed.size());
        String runId = (String) failed.get(0).get("id");
        assertEquals("erp", failed.get(0).get("webhook"));
        assertEquals(2, list(server.get("/runs", Scope.RUNS_READ)).size());
        assertEquals(List.of("audit"), list(server.get("/runs?webhook=audit", Scope.RUNS_READ)).stream()
                .map(r -> r.get("webhook")).toList());

        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        HttpResponse<String> again = server.post("/runs/" + runId + "/redeliver", Scope.RUNS_REDELIVER, null);
        assertEquals(201, again.statusCode(), again.body());
        Map<String, Object> redelivered = ServerFixture.json(again);
        assertEquals("redelivery", redelivered.get("mode"));
        assertEquals(2, redelivered.get("attempt"));
        assertEquals(failed.get(0).get("messageId"), redelivered.get("messageId"));
        assertEquals("succeeded", ServerFixture.json(server.get("/runs/" + redelivered.get("id"), Scope.RUNS_READ)).get("outcome"));
        assertEquals(404, server.get("/runs/run_nope", Scope.RUNS_READ).statusCode());
        assertEquals(400, server.get("/runs?outcome=meh", Scope.RUNS_READ).statusCode());
    }

    @Test
    void runsAreSearchedAsThePageSearchesThemAndPagedFromARun() {
        server.post("/events", Scope.EVENTS_WRITE, """
                [{"id": "evt-1", "type": "Project:Updated",
                  "entity": {"type": "Project", "id": "p-1", "key": "DEMO", "attributes": {"Status": "Done"}}},
                 {"id": "evt-2", "type": "Project:Created",
                  "entity": {"type": "Project", "id": "p-2", "key": "NEW", "attributes": {}}}]""");
        server.engineFixture.awaitIdle();
        List<Map<String, Object>> all = list(server.get("/runs", Scope.RUNS_READ));
        assertEquals(2, all.size(), "erp and audit for the update, none for the creation: " + all);

        assertEquals(List.of("audit"), list(server.get("/runs?q=%2Faudit", Scope.RUNS_READ)).stream()
                .map(r -> r.get("webhook")).toList(), "text of the request's URL");
        assertEquals(2, list(server.get("/runs?eventType=Project:Updated", Scope.RUNS_READ)).size());
        assertEquals(List.of(), list(server.get("/runs?eventType=Task:Updated", Scope.RUNS_READ)));
        assertEquals(List.of(), list(server.get("/runs?until=2000-01-01T00:00:00Z", Scope.RUNS_READ)));
        assertEquals(2, list(server.get("/runs?since=2000-01-01T00:00:00Z", Scope.RUNS_READ)).size());

        List<Object> paged = new java.util.ArrayList<>();
        String after = "";
        for (int page = 0; page < 2; page++) {
            List<Map<String, Object>> one = list(server.get("/runs?limit=1&after=" + after, Scope.RUNS_READ));
            assertEquals(1, one.size());
            paged.add(one.get(0).get("id"));
            after = (String) one.get(0).get("id");
        }
        assertEquals(all.stream().map(r -> r.get("id")).toList(), paged, "page by page, the same runs in the same order");
        assertEquals(List.of(), list(server.get("/runs?after=" + after, Scope.RUNS_READ)));

        HttpResponse<String> noRun = server.get("/runs?after=run_nope", Scope.RUNS_READ);
        assertEquals(400, noRun.statusCode());
        assertTrue(noRun.body().contains("after 'run_nope' is no run"), noRun.body());
        HttpResponse<String> badTime = server.get("/runs?until=yesterday", Scope.RUNS_READ);
        assertEquals(400, badTime.statusCode());
        assertTrue(badTime.body().contains("until must be an ISO-8601 instant"), badTime.body());
        assertTrue(server.get("/runs?outcome=meh", Scope.RUNS_READ).body().contains("held"), "every outcome is named");
    }
}
