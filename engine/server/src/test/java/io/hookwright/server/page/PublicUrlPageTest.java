package io.hookwright.server.page;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.server.ServerFixture;
import io.hookwright.server.auth.LoginForms;
import io.hookwright.server.auth.PageOrigin;
import io.hookwright.server.auth.Scope;
import io.hookwright.server.auth.Sessions;
import io.hookwright.state.WebhookState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page served at a public URL by a proxy that terminates TLS and forwards plain HTTP here (the test plays the
 * proxy: it speaks plain HTTP to the server over loopback, with the Origin the browser sent). The public URL is then
 * the page's only origin, its cookies are Secure when it is https, and no X-Forwarded-* header changes either.
 */
class PublicUrlPageTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    private static final String PUBLIC = "https://hooks.example.com";

    @TempDir
    Path dir;
    private final List<ServerFixture> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(ServerFixture::close);
    }

    private ServerFixture serve(PageOrigin origin) throws IOException {
        Path node = Files.createDirectories(dir.resolve("node" + servers.size()));
        ServerFixture server = new ServerFixture(node, receiver.getPort(), PageTestBase.WEBHOOKS, origin);
        servers.add(server);
        return server;
    }

    private static PageClient browserAt(ServerFixture server, String origin) {
        PageClient browser = new PageClient(server);
        browser.origin = origin;
        return browser;
    }

    private static boolean active(ServerFixture server, String code) {
        return server.engine.states().getOrDefault(code, WebhookState.fresh(code)).active();
    }

    private static String setCookie(HttpResponse<String> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie: " + response.headers()));
    }

    private static boolean secure(String setCookie) {
        return List.of(setCookie.toLowerCase(Locale.ROOT).split(";")).stream().map(String::strip)
                .anyMatch("secure"::equals);
    }

    @Test
    void formsFromThePublicOriginWorkFromLoginToLogout() throws IOException {
        ServerFixture server = serve(PageOrigin.publicUrl(PUBLIC));
        PageClient browser = browserAt(server, PUBLIC).signedIn(Scope.ADMIN);

        HttpResponse<String> deactivated = browser.post("/ui/webhooks/erp_sync/deactivate", "csrf",
                browser.csrf("/ui/webhooks"));
        assertEquals(303, deactivated.statusCode(), deactivated.body());
        assertFalse(active(server, "erp_sync"));
        assertEquals("/ui/webhooks", PageClient.location(deactivated), "a path: the proxy's host stays the browser's");
        assertEquals(303, browser.post("/ui/webhooks/erp_sync/activate", "csrf", browser.csrf("/ui/webhooks"))
                .statusCode());
        assertTrue(active(server, "erp_sync"));
        assertEquals(303, browser.post("/logout", "csrf", browser.csrf("/ui/webhooks")).statusCode());
        assertEquals(0, server.server.sessions().live(), "logged out");
    }

    @Test
    void theDefaultPortAndCaseDoNotMatterButTheOriginMustBeThePublicOne() throws IOException {
        ServerFixture server = serve(PageOrigin.publicUrl("HTTPS://Hooks.Example.com:443/"));
        PageClient browser = browserAt(server, PUBLIC).signedIn(Scope.ADMIN);
        String csrf = browser.csrf("/ui/webhooks");
        int port = server.server.port();

        for (String origin : List.of("http://127.0.0.1:" + port, "http://localhost:" + port, "http://hooks.example.com",
                "https://hooks.example.com:8443", "https://hooks.example.com.evil.example", "https://evil.example",
                "https://sub.hooks.example.com", "https://user@hooks.example.com", "null", "")) {
            browser.origin = origin;
            HttpResponse<String> refused = browser.post("/ui/webhooks/erp_sync/deactivate", "csrf", csrf);
            assertEquals(403, refused.statusCode(), "Origin '" + origin + "': " + refused.body());
        }
        browser.origin = "http://127.0.0.1:" + port;
        assertTrue(browser.post("/ui/webhooks/erp_sync/deactivate", "csrf", csrf).body()
                .contains("own page (https://hooks.example.com:443)"), "names the public origin");
        assertTrue(active(server, "erp_sync"));
        browser.origin = "https://HOOKS.example.com:443";
        assertEquals(303, browser.post("/ui/webhooks/erp_sync/deactivate", "csrf", csrf).statusCode());
    }

    @Test
    void theServersOwnAddressCannotSignInAnyMore() throws IOException {
        ServerFixture server = serve(PageOrigin.publicUrl(PUBLIC));
        PageClient direct = new PageClient(server);

        assertEquals(403, direct.login(ServerFixture.token(Scope.ADMIN)).statusCode());
        assertFalse(direct.cookies.containsKey(Sessions.COOKIE));
        assertEquals(0, server.server.sessions().live());
    }

    @Test
    void withoutOriginTheRefererMustBeOnThePublicUrl() throws IOException {
        ServerFixture server = serve(PageOrigin.publicUrl(PUBLIC));
        PageClient browser = browserAt(server, PUBLIC).signedIn(Scope.ADMIN);
        String csrf = browser.csrf("/ui/webhooks");
        browser.origin = null;

        HttpResponse<String> direct = browser.send(form(server, csrf)
                .header("Referer", "http://127.0.0.1:" + server.server.port() + "/ui/webhooks"));
        assertEquals(403, direct.statusCode(), direct.body());
        assertTrue(active(server, "erp_sync"));
        HttpResponse<String> own = browser.send(form(server, csrf).header("Referer", PUBLIC + "/ui/webhooks?q=erp"));
        assertEquals(303, own.statusCode(), own.body());
        assertFalse(active(server, "erp_sync"));
    }

    @Test
    void forwardedHeadersChangeNeitherTheOriginNorTheCookies() throws IOException {
        ServerFixture proxied = serve(PageOrigin.publicUrl(PUBLIC));
        PageClient browser = browserAt(proxied, PUBLIC).signedIn(Scope.ADMIN);
        String csrf = browser.csrf("/ui/webhooks");
        String direct = "http://127.0.0.1:" + proxied.server.port();
        HttpResponse<String> claimed = browser.send(forwarded(form(proxied, csrf), "http", "127.0.0.1:"
                + proxied.server.port()).header("Origin", direct));
        assertEquals(403, claimed.statusCode(), "X-Forwarded-* do not make the direct address the page's: "
                + claimed.body());
        assertTrue(active(proxied, "erp_sync"));

        ServerFixture plain = serve(PageOrigin.OF_REQUEST);
        PageClient claiming = browserAt(plain, PUBLIC);
        HttpResponse<String> form = claiming.send(forwarded(HttpRequest.newBuilder(plain.uri("/login")).GET(),
                "https", "hooks.example.com"));
        assertFalse(secure(setCookie(form, LoginForms.COOKIE)), "still plain http: " + form.headers());
        HttpResponse<String> login = claiming.send(forwarded(loginForm(plain, PageClient.csrf(form)), "https",
                "hooks.example.com").header("Origin", PUBLIC));
        assertEquals(403, login.statusCode(), "the page's origin is still the request's: " + login.body());
        assertEquals(0, plain.server.sessions().live());
    }

    @Test
    void everyCookieIsSecureWhenThePublicUrlIsHttps() throws IOException {
        ServerFixture server = serve(PageOrigin.publicUrl(PUBLIC));
        PageClient browser = browserAt(server, PUBLIC);
        HttpResponse<String> form = browser.get("/login");
        HttpResponse<String> login = browser.post("/login", "csrf", PageClient.csrf(form), "token",
                ServerFixture.token(Scope.ADMIN));
        HttpResponse<String> logout = browser.post("/logout", "csrf", browser.csrf("/ui/webhooks"));

        for (String cookie : List.of(setCookie(form, LoginForms.COOKIE), setCookie(login, Sessions.COOKIE),
                setCookie(login, LoginForms.COOKIE), setCookie(logout, Sessions.COOKIE))) {
            assertTrue(secure(cookie), cookie);
            assertTrue(cookie.toLowerCase(Locale.ROOT).contains("httponly"), cookie);
            assertTrue(cookie.toLowerCase(Locale.ROOT).contains("samesite=strict"), cookie);
        }
    }

    @Test
    void anHttpPublicUrlWithAPortIsTheOriginWithoutSecureCookies() throws IOException {
        ServerFixture server = serve(PageOrigin.publicUrl("http://hooks.example.com:8081"));
        PageClient browser = browserAt(server, "http://hooks.example.com:8081");
        HttpResponse<String> login = browser.login(ServerFixture.token(Scope.ADMIN));

        assertEquals(303, login.statusCode(), login.body());
        assertFalse(secure(setCookie(login, Sessions.COOKIE)), setCookie(login, Sessions.COOKIE));
        browser.origin = "http://hooks.example.com";
        assertEquals(403, browser.post("/ui/webhooks/erp_sync/deactivate", "csrf", browser.csrf("/ui/webhooks"))
                .statusCode(), "another port is another origin");
    }

    @Test
    void theRestApiTakesBrowsersFromThePublicOriginOnlyAndClientsWithoutOne() throws IOException {
        ServerFixture server = serve(PageOrigin.publicUrl(PUBLIC));
        HttpResponse<String> direct = api(server, "/webhooks/erp_sync/deactivate",
                "http://127.0.0.1:" + server.server.port());
        assertEquals(403, direct.statusCode(), direct.body());
        assertTrue(active(server, "erp_sync"));

        assertEquals(200, api(server, "/webhooks/erp_sync/deactivate", PUBLIC).statusCode());
        assertEquals(200, api(server, "/webhooks/erp_sync/activate", null).statusCode());
    }

    private static HttpResponse<String> api(ServerFixture server, String path, String origin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
                .header("Authorization", "Bearer " + ServerFixture.token(Scope.ADMIN))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (origin != null) {
            request.header("Origin", origin);
        }
        return new PageClient(server).send(request);
    }

    private static HttpRequest.Builder form(ServerFixture server, String csrf) {
        return HttpRequest.newBuilder(server.uri("/ui/webhooks/erp_sync/deactivate"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf));
    }

    private static HttpRequest.Builder loginForm(ServerFixture server, String csrf) {
        return HttpRequest.newBuilder(server.uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf + "&token="
                        + ServerFixture.token(Scope.ADMIN)));
    }

    /** What a client can say about where it came from; none of it is believed. */
    private static HttpRequest.Builder forwarded(HttpRequest.Builder request, String proto, String host) {
        return request.header("X-Forwarded-Proto", proto).header("X-Forwarded-Host", host)
                .header("X-Forwarded-Port", proto.equals("https") ? "443" : "80").header("X-Forwarded-Ssl", "on")
                .header("Forwarded", "proto=" + proto + ";host=\"" + host + "\"");
    }
}
