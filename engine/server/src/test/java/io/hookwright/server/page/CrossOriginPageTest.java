package io.hookwright.server.page;

import com.sun.net.httpserver.HttpServer;
import io.hookwright.server.ServerFixture;
import io.hookwright.server.auth.LoginForms;
import io.hookwright.server.auth.Scope;
import io.hookwright.server.auth.Sessions;
import io.hookwright.state.WebhookState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In a real browser signed in to the page, a page served on another port of the same host (the same site, so the
 * browser sends it the SameSite=Strict cookie) posts forms to the server by itself: none of them changes anything.
 */
class CrossOriginPageTest extends PageTestBase {
    private HttpServer attacker;

    @AfterEach
    void stopAttacker() {
        if (attacker != null) {
            attacker.stop(0);
        }
    }

    /** Serves at {@code /} a page whose script posts a form at once: the form is made per request. */
    private String serveAttack(Supplier<String> html) throws IOException {
        attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        attacker.createContext("/", exchange -> {
            byte[] body = html.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            if (html instanceof CookieTossing tossing) {
                exchange.getResponseHeaders().add("Set-Cookie", tossing.cookie());
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        attacker.start();
        return "http://127.0.0.1:" + attacker.getAddress().getPort() + "/";
    }

    private String form(String action, String fields) {
        return "<!DOCTYPE html><html><body><form method=\"post\" action=\"" + server.uri(action) + "\">" + fields
                + "</form><script>document.forms[0].submit()</script></body></html>";
    }

    /** Opens the attacker's page and waits until its form has taken the browser to the server. */
    private void visit(String url) {
        String target = server.uri("/").toString();
        browser.driver.get(url);
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().startsWith(target)
                && "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    @Test
    void aFormOnAnotherPortCannotDeactivateAWebhook() throws IOException {
        startSignedIn();
        visit(serveAttack(() -> form("/ui/webhooks/erp_sync/deactivate",
                "<input name=\"reason\" value=\"pwned\"><input name=\"back\" value=\"/ui/webhooks\">")));

        assertEquals("Forbidden", browser.find("h1").getText());
        assertTrue(browser.find("#problem").getText().contains("not from this server's own page"),
                browser.find("#problem").getText());
        assertTrue(server.engine.states().getOrDefault("erp_sync", WebhookState.fresh("erp_sync")).active());
        browser.open("/ui/webhooks");
        assertEquals("active", browser.find("#webhook-erp_sync .badge").getText(), "and the operator is still in");
    }

    @Test
    void aFormOnAnotherPortCannotReloadTheDefinitions() throws IOException {
        startSignedIn();
        String revision = server.engine.definitions().revision();
        server.engineFixture.write("more.groovy", WEBHOOKS.replace("erp_sync", "erp_two")
                .replace("crm_push", "crm_two").replace("chat_notice", "chat_two"));
        visit(serveAttack(() -> form("/admin/reload", "<input name=\"x\" value=\"1\">")));

        assertTrue(browser.html().contains("Unauthorized"), browser.html());
        assertEquals(revision, server.engine.definitions().revision(), "not reloaded");
    }

    /** A page whose answer also sets a cookie for the host: cookies know no ports. */
    private interface CookieTossing extends Supplier<String> {
        String cookie();
    }

    @Test
    void aFormOnAnotherPortCannotSignTheBrowserInWithTheAttackersToken() throws IOException {
        start();
        // The strongest such attacker: it fetches a login form of its own, gives the browser that form's nonce cookie
        // (a page on another port may set cookies for the host) and posts the form's token with its own token.
        PageClient own = new PageClient(server);
        String csrf = PageClient.csrf(own.get("/login"));
        String nonce = own.cookies.get(LoginForms.COOKIE);
        String page = form("/login", "<input name=\"csrf\" value=\"" + csrf + "\"><input name=\"token\" value=\""
                + ServerFixture.token(Scope.RUNS_READ) + "\"><input name=\"next\" value=\"/ui/runs\">");
        visit(serveAttack(new CookieTossing() {
            @Override
            public String get() {
                return page;
            }

            @Override
            public String cookie() {
                return LoginForms.COOKIE + "=" + nonce + "; Path=/login";
            }
        }));

        assertEquals("Forbidden", browser.find("h1").getText());
        assertNull(browser.driver.manage().getCookieNamed(Sessions.COOKIE), "not signed in");
        assertEquals(0, server.server.sessions().live());
        browser.open("/ui/runs");
        assertEquals("/login?next=%2Fui%2Fruns", browser.at());
    }

    @Test
    void thePagesOwnFormsStillWorkInTheBrowserAndLogoutEndsTheSession() {
        startSignedIn();
        String session = browser.driver.manage().getCookieNamed(Sessions.COOKIE).getValue();
        browser.click("#webhook-crm_push button.deactivate");
        assertEquals("deactivated", browser.find("#webhook-crm_push .badge").getText());
        browser.click("#logout");

        assertEquals("/login", browser.at());
        PageClient replay = new PageClient(server);
        replay.cookies.put(Sessions.COOKIE, session);
        HttpResponse<String> response = replay.get("/ui/webhooks");
        assertEquals(303, response.statusCode(), "the browser's old cookie no longer works");
    }

}
