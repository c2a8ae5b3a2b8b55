package io.hookwright.server.page;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.hookwright.execution.EngineFixture;
import io.hookwright.runlog.Run;
import io.hookwright.server.ServerFixture;
import io.hookwright.server.auth.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The runs pages as HTTP answers: a run's page shows the headers its request was sent with (the engine's own
 * included, secrets and signatures masked) and its body as sent; a search that cannot be read is a 400 saying why;
 * a bulk redelivery needs the page's CSRF token; a caller who may read runs only is sent to them from {@code /}.
 */
class RunPagesOverHttpTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;
    private ServerFixture server;

    @BeforeEach
    void start() {
        server = new ServerFixture(dir, receiver.getPort(), PageTestBase.WEBHOOKS);
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aRunsPageShowsTheHeadersAndBodyAsSentWithSecretsAndSignaturesMasked() {
        String runId = server.engine.publish(EngineFixture.projectUpdated("p-1")).fired().get(0).runId();
        Run run = server.engine.run(runId).orElseThrow();
        LoggedRequest sent = receiver.findAll(postRequestedFor(urlEqualTo("/erp"))).get(0);

        String page = new PageClient(server).signedIn(Scope.RUNS_READ).get("/ui/runs/" + runId).body();
        assertTrue(page.contains("<th>webhook-id</th><td><code>" + run.messageId() + "</code>"), page);
        assertTrue(page.contains("<th>webhook-timestamp</th><td><code>" + sent.getHeader("webhook-timestamp") + "</code>"),
                "the timestamp the receiver got: " + page);
        assertTrue(page.contains("<th>webhook-signature</th><td><code>v1,••••</code>"), page);
        assertTrue(page.contains("<th>User-Agent</th><td><code>" + sent.getHeader("User-Agent") + "</code>"), page);
        assertTrue(page.contains("<th>Authorization</th><td><code>Bearer ••••</code>"), page);
        assertFalse(page.contains(EngineFixture.SECRETS.value("ERP_TOKEN").orElseThrow()), "no secret on the page");
        assertFalse(page.contains(sent.getHeader("webhook-signature").substring(3)), "no signature on the page");
        String body = sent.getBodyAsString().replace("\"", "&quot;");
        assertTrue(page.contains("<pre class=\"body\" id=\"request-body\">" + body + "</pre>"),
                "the body byte for byte, not re-indented: " + page);
    }

    @Test
    void aRunWhoseMessageIsRetriedShowsItsAttemptOfAllItGetsAndWhenTheNextIsDue() throws Exception {
        server.close();
        java.nio.file.Files.createDirectories(dir.resolve("async"));
        server = new ServerFixture(dir.resolve("async"), receiver.getPort(),
                EngineFixture.webhook("erp_queue", "/erp", "synchronous false\nretry '5m', '30m'"));
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(503)));
        server.engine.publish(EngineFixture.projectUpdated("p-1"));
        server.engineFixture.awaitIdle();
        Run run = server.engine.runs(io.hookwright.runlog.RunQuery.latest(1)).get(0);
        java.time.Instant due = server.engine.nextAttempts(List.of(run.messageId())).get(run.messageId());

        String page = new PageClient(server).signedIn(Scope.RUNS_READ).get("/ui/runs").body();
        assertTrue(page.contains("<td class=\"attempt\">1/3</td>"), "one attempt now, two retries: " + page);
        assertTrue(page.contains("<td class=\"next\">" + Formats.time(due) + "</td>"), "due " + due + ": " + page);
        assertTrue(page.contains("<div class=\"sub url\"><code>" + run.request().masked().url() + "</code></div>"),
                "the URL it went to: " + page);
        assertTrue(page.contains("<div class=\"sub error\">" + run.error()), "why it failed: " + run.error() + ": " + page);
    }

    @Test
    void aSearchThatCannotBeReadIsRefusedSayingWhy() {
        HttpResponse<String> answer = new PageClient(server).signedIn(Scope.RUNS_READ).get("/ui/runs?since=yesterday");

        assertEquals(400, answer.statusCode());
        assertTrue(answer.body().contains("since &#39;yesterday&#39; is not a time") || answer.body()
                .contains("since 'yesterday' is not a time"), answer.body());
    }

    @Test
    void aBulkRedeliveryWithoutThePagesCsrfTokenChangesNothing() {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(500)));
        server.engine.publish(EngineFixture.projectUpdated("p-1"));
        PageClient browser = new PageClient(server).signedIn(Scope.ADMIN);

        HttpResponse<String> refused = browser.post("/ui/runs/redeliver", "all", "true");
        assertEquals(403, refused.statusCode());
        assertEquals(1, receiver.findAll(postRequestedFor(urlEqualTo("/erp"))).size(), "nothing was sent again");

        HttpResponse<String> done = browser.post("/ui/runs/redeliver", "csrf", browser.csrf("/ui/runs"), "all", "true",
                "webhook", "erp_sync");
        assertEquals(303, done.statusCode());
        assertEquals("/ui/runs?webhook=erp_sync&redelivered=1&passed=0", PageClient.location(done));
        assertEquals(2, receiver.findAll(postRequestedFor(urlEqualTo("/erp"))).size());
    }

    @Test
    void aBulkRedeliveryNeedsTheRedeliverScope() {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(500)));
        server.engine.publish(EngineFixture.projectUpdated("p-1"));
        PageClient browser = new PageClient(server).signedIn(Scope.RUNS_READ);

        HttpResponse<String> refused = browser.post("/ui/runs/redeliver", "csrf", browser.csrf("/ui/runs"), "all", "true");
        assertEquals(403, refused.statusCode());
        assertEquals(1, receiver.findAll(postRequestedFor(urlEqualTo("/erp"))).size(), "nothing was sent again");
    }

    @Test
    void aCallerWhoMayReadRunsOnlyIsSentToThemFromTheRoot() {
        PageClient runsOnly = new PageClient(server).signedIn(Scope.RUNS_READ);
        assertEquals("/ui/runs", PageClient.location(runsOnly.get("/")));
        PageClient admin = new PageClient(server).signedIn(Scope.ADMIN);
        assertEquals("/ui/webhooks", PageClient.location(admin.get("/")));
    }
}
