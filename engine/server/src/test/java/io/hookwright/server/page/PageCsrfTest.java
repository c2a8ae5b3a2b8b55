package io.hookwright.server.page;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.server.ServerFixture;
import io.hookwright.server.auth.LoginForms;
import io.hookwright.server.auth.Scope;
import io.hookwright.server.auth.Sessions;
import io.hookwright.state.WebhookState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A page's form changes something only when it comes from the page itself: from the server's own origin (by Origin,
 * or Referer without it) and with its session's CSRF token; the login and the logout too. The REST API never takes
 * the page's cookie.
 */
class PageCsrfTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;
    private ServerFixture server;
    private String own;

    @BeforeEach
    void start() {
        server = new ServerFixture(dir, receiver.getPort(), PageTestBase.WEBHOOKS);
        own = "http://127.0.0.1:" + server.server.port();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private boolean active(String code) {
        return server.engine.states().getOrDefault(code, WebhookState.fresh(code)).active();
    }

    private static void assertRefusedPage(HttpResponse<String> response, String says) {
        assertEquals(403, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(response.body().contains(says), response.body());
    }

    @Test
    void aFormWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
        PageClient browser = new PageClient(server).signedIn(Scope.ADMIN);

        assertRefusedPage(browser.post("/ui/webhooks/erp_sync/deactivate", "back", "/ui/webhooks"),
                "carries no CSRF token");
        assertTrue(active("erp_sync"));
    }

    @Test
    void aFormWithAWrongCsrfTokenIsRefused() {
        PageClient browser = new PageClient(server).signedIn(Scope.ADMIN);
        String right = browser.csrf("/ui/webhooks");
        PageClient other = new PageClient(server).signedIn(Scope.ADMIN);
        String othersSession = other.csrf("/ui/webhooks");
        String loginForm = PageClient.csrf(new PageClient(server).get("/login"));

        for (String wrong : List.of("", "x", right + "x", right.substring(1), right.toUpperCase(), othersSession,
                loginForm, browser.cookies.get(Sessions.COOKIE))) {
            HttpResponse<String> response = browser.post("/ui/webhooks/erp_sync/deactivate", "csrf", wrong);
            assertEquals(403, response.statusCode(), "token '" + wrong + "': " + response.body());
        }
        assertTrue(active("erp_sync"));
        assertEquals(303, browser.post("/ui/webhooks/erp_sync/deactivate", "csrf", right).statusCode());
        assertFalse(active("erp_sync"), "the page's own form still works");
    }

    @Test
    void theTokenInTheQueryOrAsAHeaderDoesNotCount() {
        PageClient browser = new PageClient(server).signedIn(Scope.ADMIN);
        String right = browser.csrf("/ui/webhooks");

        assertEquals(403, browser.post("/ui/webhooks/erp_sync/deactivate?csrf=" + right).statusCode());
        assertEquals(403, browser.send(HttpRequest.newBuilder(server.uri("/ui/webhooks/erp_sync/deactivate"))
                .header("Origin", own).header("X-CSRF-Token", right)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("back=%2Fui%2Fwebhooks"))).statusCode());
        assertTrue(active("erp_sync"));
    }

    @Test
    void aFormFromAnotherOriginIsRefusedEvenWithTheRightToken() {
        PageClient browser = new PageClient(server).signedIn(Scope.ADMIN);
        String right = browser.csrf("/ui/webhooks");
        int port = server.server.port();
        List<String> others = List.of("http://127.0.0.1:" + (port + 1), "http://127.0.0.1", "http://localhost:" + port,
                "https://127.0.0.1:" + port, "http://127.0.0.1:" + port + ".evil.example", "http://evil.example",
                "http://127.0.0.2:" + port, "null", "", "file://", "http://user@127.0.0.1:" + port);
        for (String origin : others) {
            browser.origin = origin;
            HttpResponse<String> response = browser.post("/ui/webhooks/erp_sync/deactivate", "csrf", right);
            assertEquals(403, response.statusCode(), "Origin '" + origin + "': " + response.body());
        }
        browser.origin = "http://127.0.0.1:" + (port + 1);
        assertRefusedPage(browser.post("/ui/webhooks/erp_sync/deactivate", "csrf", right),
                "not from this server");
        assertTrue(active("erp_sync"));
        browser.origin = "HTTP://127.0.0.1:" + port;
        assertEquals(303, browser.post("/ui/webhooks/erp_sync/deactivate", "csrf", right).statusCode());
    }

    @Test
    void everyFormOfThePageChecksTheOrigin() {
        server.engine.deactivate("crm_push", "down");
        server.engine.publish(io.hookwright.execution.EngineFixture.projectUpdated("p-1"));
        String run = server.engineFixture.runs().get(0).id();
        PageClient browser = new PageClient(server).signedIn(Scope.ADMIN);
        String right = browser.csrf("/ui/webhooks");
        browser.origin = "http://127.0.0.1:" + (server.server.port() + 1);

        assertEquals(403, browser.post("/ui/webhooks/crm_push/activate", "csrf", right).statusCode());
        assertEquals(403, browser.post("/ui/runs/" + run + "/redeliver", "csrf", right).statusCode());
        assertEquals(403, browser.post("/logout", "csrf", right).statusCode());
        assertFalse(active("crm_push"));
        assertEquals(1, server.engineFixture.runs().size(), "nothing sent again");
        assertEquals(200, browser.get("/ui/webhooks").statusCode(), "still signed in");
    }

    @Test
    void withoutOriginTheRefererMustBeThisServersAndOneOfThemMustBeSaid() {
        PageClient browser = new PageClient(server).signedIn(Scope.ADMIN);
        String right = browser.csrf("/ui/webhooks");
        browser.origin = null;

        assertRefusedPage(browser.post("/ui/webhooks/erp_sync/deactivate", "csrf", right), "says neither");
        HttpResponse<String> foreign = browser.send(form("/ui/webhooks/erp_sync/deactivate", "csrf=" + right)
                .header("Referer", "http://127.0.0.1:" + (server.server.port() + 1) + "/ui/webhooks"));
        assertEquals(403, foreign.statusCode());
        assertTrue(active("erp_sync"));
        HttpResponse<String> own = browser.send(form("/ui/webhooks/erp_sync/deactivate", "csrf=" + right)
                .header("Referer", this.own + "/ui/webhooks?q=erp"));
        assertEquals(303, own.statusCode(), own.body());
        assertFalse(active("erp_sync"));
    }

    @Test
    void theRestApiDoesNotTakeThePagesCookie() {
        PageClient browser = new PageClient(server).signedIn(Scope.ADMIN);
        String revision = server.engine.definitions().revision();
        server.engineFixture.write("more.groovy", PageTestBase.WEBHOOKS.replace("erp_sync", "erp_two")
                .replace("crm_push", "crm_two").replace("chat_notice", "chat_two"));

        for (String path : List.of("/admin/reload", "/webhooks/erp_sync/deactivate", "/runs/run_x/redeliver")) {
            HttpResponse<String> response = browser.post(path, "csrf", browser.csrf("/ui/webhooks"));
            assertEquals(401, response.statusCode(), path + ": " + response.body());
            assertTrue(response.body().contains("session cookie is not accepted"), response.body());
        }
        assertEquals(401, browser.get("/webhooks").statusCode());
        assertEquals(401, browser.get("/runs").statusCode());
        assertEquals(revision, server.engine.definitions().revision(), "not reloaded");
        assertTrue(active("erp_sync"));
    }

    @Test
    void neitherDoesACookieHoldingATokenNorTheSessionIdAsABearerToken() {
        PageClient browser = new PageClient(server).signedIn(Scope.ADMIN);
        String session = browser.cookies.get(Sessions.COOKIE);
        HttpResponse<String> oldCookie = server.send("POST", "/admin/reload", null, null);
        HttpResponse<String> tokenCookie = browser.send(HttpRequest.newBuilder(server.uri("/webhooks"))
                .header("Cookie", "hookwright_token=" + ServerFixture.token(Scope.ADMIN)));

        assertEquals(401, oldCookie.statusCode());
        assertEquals(401, tokenCookie.statusCode());
        assertEquals(401, server.send("GET", "/webhooks", session, null).statusCode());
    }

    @Test
    void thePageDoesNotTakeABearerToken() {
        HttpResponse<String> response = new PageClient(server).send(HttpRequest.newBuilder(server.uri("/ui/webhooks"))
                .header("Authorization", "Bearer " + ServerFixture.token(Scope.ADMIN)));

        assertEquals(303, response.statusCode());
        assertEquals("/login?next=%2Fui%2Fwebhooks", PageClient.location(response));
    }

    @Test
    void theRestApiRefusesABrowsersRequestFromAnotherOrigin() {
        HttpResponse<String> foreign = new PageClient(server)
                .send(HttpRequest.newBuilder(server.uri("/webhooks/erp_sync/deactivate"))
                        .header("Authorization", "Bearer " + ServerFixture.token(Scope.ADMIN))
                        .header("Origin", "http://127.0.0.1:" + (server.server.port() + 1))
                        .POST(HttpRequest.BodyPublishers.noBody()));

        assertEquals(403, foreign.statusCode(), foreign.body());
        assertEquals("application/problem+json", foreign.headers().firstValue("Content-Type").orElse(null));
        assertTrue(active("erp_sync"));
        assertEquals(200, server.post("/webhooks/erp_sync/deactivate", Scope.ADMIN, null).statusCode(),
                "a client that sends no Origin is not a browser on another site");
    }

    @Test
    void theLoginFormNeedsItsOwnTokenAndItsNonceCookie() {
        String token = ServerFixture.token(Scope.ADMIN);
        PageClient withoutToken = new PageClient(server);
        withoutToken.get("/login");
        assertRefusedPage(withoutToken.post("/login", "token", token), "sign-in form");

        PageClient stranger = new PageClient(server);
        String theirs = PageClient.csrf(stranger.get("/login"));
        PageClient withAnothersForm = new PageClient(server);
        withAnothersForm.get("/login");
        assertEquals(403, withAnothersForm.post("/login", "csrf", theirs, "token", token).statusCode());
        PageClient withoutCookie = new PageClient(server);
        assertEquals(403, withoutCookie.post("/login", "csrf", theirs, "token", token).statusCode());
        PageClient signedIn = new PageClient(server).signedIn(Scope.ADMIN);
        PageClient withASessionsToken = new PageClient(server);
        withASessionsToken.get("/login");
        assertEquals(403, withASessionsToken.post("/login", "csrf", signedIn.csrf("/ui/webhooks"), "token", token)
                .statusCode());

        for (PageClient refused : List.of(withoutToken, withAnothersForm, withoutCookie, withASessionsToken)) {
            assertFalse(refused.cookies.containsKey(Sessions.COOKIE));
        }
        assertEquals(1, server.server.sessions().live(), "only the one good login made a session");
    }

    @Test
    void aLoginFromAnotherOriginIsRefusedEvenWithAMatchingFormAndCookie() {
        PageClient browser = new PageClient(server);
        String csrf = PageClient.csrf(browser.get("/login"));
        browser.origin = "http://127.0.0.1:" + (server.server.port() + 1);

        assertEquals(403, browser.post("/login", "csrf", csrf, "token", ServerFixture.token(Scope.ADMIN)).statusCode());
        assertFalse(browser.cookies.containsKey(Sessions.COOKIE));
        assertEquals(0, server.server.sessions().live());
    }

    @Test
    void aLoginFormExpires() {
        PageClient browser = new PageClient(server);
        String csrf = PageClient.csrf(browser.get("/login"));
        server.engineFixture.clock.advance(LoginForms.TTL.minusMinutes(1));
        PageClient fresh = new PageClient(server);
        String freshCsrf = PageClient.csrf(fresh.get("/login"));
        server.engineFixture.clock.advance(Duration.ofMinutes(1));

        assertRefusedPage(browser.post("/login", "csrf", csrf, "token", ServerFixture.token(Scope.ADMIN)),
                "has expired");
        assertEquals(303, fresh.post("/login", "csrf", freshCsrf, "token", ServerFixture.token(Scope.ADMIN))
                .statusCode(), "a form less than an hour old still works");
    }

    @Test
    void logoutNeedsTheTokenAndEndsTheSessionForGood() {
        PageClient browser = new PageClient(server).signedIn(Scope.ADMIN);
        String csrf = browser.csrf("/ui/webhooks");
        String session = browser.cookies.get(Sessions.COOKIE);

        assertEquals(403, browser.post("/logout").statusCode());
        assertEquals(403, browser.post("/logout", "csrf", "wrong").statusCode());
        assertEquals(200, browser.get("/ui/webhooks").statusCode(), "a forged logout ends nothing");
        HttpResponse<String> out = browser.post("/logout", "csrf", csrf);
        assertEquals(303, out.statusCode());
        assertEquals("/login", PageClient.location(out));
        assertFalse(browser.cookies.containsKey(Sessions.COOKIE), "the cookie is dropped");

        browser.cookies.put(Sessions.COOKIE, session);
        HttpResponse<String> replayed = browser.get("/ui/webhooks");
        assertEquals(303, replayed.statusCode(), "the old cookie no longer works");
        assertEquals(303, browser.post("/ui/webhooks/erp_sync/deactivate", "csrf", csrf).statusCode());
        assertEquals("/login", PageClient.location(browser.post("/ui/webhooks/erp_sync/deactivate", "csrf", csrf)));
        assertTrue(active("erp_sync"));
        assertEquals(0, server.server.sessions().live());
    }

    private HttpRequest.Builder form(String path, String body) {
        return HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }
}
