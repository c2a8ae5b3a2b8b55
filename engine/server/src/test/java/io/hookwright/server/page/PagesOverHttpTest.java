package io.hookwright.server.page;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.execution.EngineFixture;
import io.hookwright.server.ServerFixture;
import io.hookwright.server.auth.Scope;
import io.hookwright.state.WebhookState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pages as HTTP answers, seen without a browser: logins by redirect rather than 401, refusals as HTML that change
 * nothing, headers that keep pages out of caches and frames; the JSON API answers as it always did.
 */
class PagesOverHttpTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;
    private ServerFixture server;

    @AfterEach
    void stop() {
        server.close();
    }

    private void start() {
        server = new ServerFixture(dir, receiver.getPort(), PageTestBase.WEBHOOKS);
    }

    /** A request as the page's browser sends it: signed in with the scope's token, forms with their CSRF token. */
    private HttpResponse<String> page(String method, String path, Scope scope) {
        PageClient browser = new PageClient(server);
        if (scope == null) {
            return browser.get(path);
        }
        browser.signedIn(scope);
        if (method.equals("GET")) {
            return browser.get(path);
        }
        String csrf = PageClient.csrf(browser.get("/ui/runs"));
        return browser.post(path, "csrf", csrf, "back", "/ui/webhooks");
    }

    @Test
    void aPageWithoutALoginRedirectsToTheLoginForm() {
        start();
        HttpResponse<String> response = page("GET", "/ui/runs?webhook=erp_sync", null);

        assertEquals(303, response.statusCode());
        assertEquals("/login?next=%2Fui%2Fruns%3Fwebhook%3Derp_sync",
                response.headers().firstValue("Location").orElse(null));
        assertTrue(response.headers().firstValue("WWW-Authenticate").isEmpty());
    }

    @Test
    void theApiStillAnswers401And403AsJsonProblems() {
        start();
        HttpResponse<String> none = server.send("POST", "/admin/reload", null, null);
        HttpResponse<String> lacking = server.post("/admin/reload", Scope.RUNS_READ, null);

        assertEquals(401, none.statusCode());
        assertEquals("application/problem+json", none.headers().firstValue("Content-Type").orElse(null));
        assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals(403, lacking.statusCode());
        assertEquals("admin", ServerFixture.json(lacking).get("scope"));
    }

    @Test
    void aRedeliveryWithoutItsScopeIsRefusedWithAPageAndSendsNothing() {
        start();
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(500)));
        server.engine.publish(EngineFixture.projectUpdated("p-1"));
        String run = server.engineFixture.runs().get(0).id();
        HttpResponse<String> response = page("POST", "/ui/runs/" + run + "/redeliver", Scope.RUNS_READ);

        assertEquals(403, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(response.body().contains("lacks the scope runs:redeliver"), response.body());
        assertEquals(1, server.engineFixture.runs().size(), "no new run");
        assertEquals(1, receiver.findAll(anyRequestedFor(anyUrl())).size(), "nothing sent again");
    }

    @Test
    void aDeactivationWithoutItsScopeIsRefusedAndChangesNothing() {
        start();
        HttpResponse<String> response = page("POST", "/ui/webhooks/erp_sync/deactivate", Scope.WEBHOOKS_READ);

        assertEquals(403, response.statusCode());
        assertTrue(response.body().contains("webhooks:write"), response.body());
        assertTrue(server.engine.states().getOrDefault("erp_sync", WebhookState.fresh("erp_sync")).active());
    }

    @Test
    void pagesAreKeptOutOfCachesAndFramesAndRunNoScript() {
        start();
        HttpResponse<String> response = page("GET", "/ui/webhooks", Scope.WEBHOOKS_READ);

        assertEquals(200, response.statusCode());
        assertEquals("text/html;charset=UTF-8", response.headers().firstValue("Content-Type").orElse("")
                .replace(" ", ""));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
        String policy = response.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'"), policy);
        assertFalse(response.body().contains("<script"), "the page needs no script");
    }

    @Test
    void anActionAnswersWithARedirectSoThatReloadingThePageDoesNotRepeatIt() {
        start();
        HttpResponse<String> response = page("POST", "/ui/webhooks/erp_sync/deactivate", Scope.WEBHOOKS_WRITE);

        assertFalse(server.engine.states().get("erp_sync").active());
        assertEquals(303, response.statusCode());
        assertEquals("/ui/webhooks", response.headers().firstValue("Location").orElse(null));
    }
}
