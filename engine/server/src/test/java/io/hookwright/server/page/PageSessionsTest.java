package io.hookwright.server.page;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.server.ServerFixture;
import io.hookwright.server.auth.Scope;
import io.hookwright.server.auth.Sessions;
import io.hookwright.state.WebhookState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page's session: a random id in the cookie, the caller on the server, a new id at every login, an end when
 * unused for a while, after a working day, or at logout; and no session without a login.
 */
class PageSessionsTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;
    private ServerFixture server;

    @BeforeEach
    void start() {
        server = new ServerFixture(dir, receiver.getPort(), PageTestBase.WEBHOOKS);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void advance(Duration by) {
        server.engineFixture.clock.advance(by);
    }

    @Test
    void theCookieHoldsARandomIdThatIsNotTheTokenNorMadeFromIt() throws Exception {
        String token = ServerFixture.token(Scope.ADMIN);
        PageClient browser = new PageClient(server);
        HttpResponse<String> login = browser.login(token);
        String id = browser.cookies.get(Sessions.COOKIE);
        PageClient again = new PageClient(server).signedIn(Scope.ADMIN);

        byte[] sha = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        for (String derived : List.of(token, HexFormat.of().formatHex(sha), Base64.getEncoder().encodeToString(sha),
                Base64.getUrlEncoder().withoutPadding().encodeToString(sha),
                Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)))) {
            assertFalse(id.toLowerCase(Locale.ROOT).contains(derived.toLowerCase(Locale.ROOT)), derived);
        }
        assertTrue(Base64.getUrlDecoder().decode(id).length >= 16, "at least 128 random bits: " + id);
        assertNotEquals(id, again.cookies.get(Sessions.COOKIE), "the same token gets another id");
        String setCookie = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(Sessions.COOKIE + "=")).findFirst().orElseThrow();
        String attributes = setCookie.toLowerCase(Locale.ROOT);
        assertTrue(attributes.contains("httponly"), setCookie);
        assertTrue(attributes.contains("samesite=strict"), setCookie);
        assertTrue(attributes.contains("path=/"), setCookie);
        assertFalse(attributes.contains("secure"), "plain http: " + setCookie);
        assertFalse(login.body().contains(token) || browser.get("/ui/webhooks").body().contains(token));
    }

    @Test
    void theSessionKnowsTheTokensNameAndScopes() {
        PageClient browser = new PageClient(server).signedIn(Scope.WEBHOOKS_READ);
        HttpResponse<String> page = browser.get("/ui/webhooks");

        assertTrue(page.body().contains("<strong id=\"user\">webhooks:read</strong>"), page.body());
        assertFalse(page.body().contains("class=\"deactivate\""));
        HttpResponse<String> refused = browser.post("/ui/webhooks/erp_sync/deactivate", "csrf", PageClient.csrf(page));
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("lacks the scope webhooks:write"), refused.body());
        assertTrue(server.engine.states().getOrDefault("erp_sync", WebhookState.fresh("erp_sync")).active());
    }

    @Test
    void everyLoginGetsANewIdAndEndsTheOneBefore() {
        PageClient browser = new PageClient(server);
        browser.cookies.put(Sessions.COOKIE, "chosen-by-an-attacker");
        browser.signedIn(Scope.RUNS_READ);
        String first = browser.cookies.get(Sessions.COOKIE);
        assertNotEquals("chosen-by-an-attacker", first);

        browser.signedIn(Scope.ADMIN);
        String second = browser.cookies.get(Sessions.COOKIE);
        assertNotEquals(first, second);
        assertEquals(1, server.server.sessions().live());
        browser.cookies.put(Sessions.COOKIE, first);
        assertEquals(303, browser.get("/ui/runs").statusCode(), "the session before the login has ended");
    }

    @Test
    void aSessionUnusedForTheIdleTimeEnds() {
        PageClient browser = new PageClient(server).signedIn(Scope.ADMIN);
        advance(Sessions.IDLE.minusMinutes(1));
        assertEquals(200, browser.get("/ui/webhooks").statusCode());
        advance(Sessions.IDLE.minusMinutes(1));
        assertEquals(200, browser.get("/ui/webhooks").statusCode(), "using it keeps it alive");

        advance(Sessions.IDLE);
        HttpResponse<String> expired = browser.get("/ui/webhooks");
        assertEquals(303, expired.statusCode());
        assertEquals("/login?next=%2Fui%2Fwebhooks", PageClient.location(expired));
        assertEquals(0, server.server.sessions().live(), "an expired session is dropped");
    }

    @Test
    void aSessionEndsAfterItsAbsoluteLifetimeHoweverBusy() {
        PageClient browser = new PageClient(server).signedIn(Scope.ADMIN);
        String csrf = browser.csrf("/ui/webhooks");
        Duration step = Sessions.IDLE.dividedBy(2);
        Duration lived = Duration.ZERO;
        while (lived.plus(step).compareTo(Sessions.ABSOLUTE) < 0) {
            advance(step);
            lived = lived.plus(step);
            assertEquals(200, browser.get("/ui/webhooks").statusCode(), "after " + lived);
        }
        advance(Sessions.ABSOLUTE.minus(lived));

        assertEquals(303, browser.get("/ui/webhooks").statusCode());
        assertEquals(303, browser.post("/ui/webhooks/erp_sync/deactivate", "csrf", csrf).statusCode());
        assertTrue(server.engine.states().getOrDefault("erp_sync", WebhookState.fresh("erp_sync")).active());
    }

    @Test
    void noSessionIsMadeWithoutALogin() {
        PageClient caller = new PageClient(server);
        for (int i = 0; i < 200; i++) {
            caller.cookies.clear();
            PageClient.csrf(caller.get("/login"));
        }
        String csrf = PageClient.csrf(caller.get("/login"));
        for (int i = 0; i < 50; i++) {
            assertEquals(401, caller.post("/login", "csrf", csrf, "token", "hwt_guess-" + i).statusCode());
            assertEquals(403, caller.post("/login", "token", ServerFixture.token(Scope.ADMIN)).statusCode());
            assertEquals(303, caller.get("/ui/webhooks").statusCode());
        }

        assertEquals(0, server.server.sessions().live());
        assertFalse(caller.cookies.containsKey(Sessions.COOKIE));
    }
}
