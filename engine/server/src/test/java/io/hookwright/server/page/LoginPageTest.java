package io.hookwright.server.page;

import io.hookwright.server.ServerFixture;
import io.hookwright.server.auth.Sessions;
import io.hookwright.server.auth.Scope;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signing in to the page with a token, which opens a session kept in a cookie scripts and other sites cannot use. */
class LoginPageTest extends PageTestBase {
    @Test
    void aWrongTokenShowsAnErrorAndNoCookieIsSet() {
        start();
        browser.login("not-a-token");

        assertEquals("/login", browser.at());
        assertEquals("That token is not recognised.", browser.find("#login-error").getText());
        assertNull(browser.driver.manage().getCookieNamed(Sessions.COOKIE));
    }

    @Test
    void theRightTokenLandsOnTheWebhooksList() {
        start();
        browser.login(ServerFixture.token(Scope.ADMIN));

        assertEquals("/ui/webhooks", browser.at());
        assertEquals(List.of("chat_notice", "crm_push", "erp_sync"), browser.texts("tr.webhook td.code strong"));
        assertEquals(Scope.ADMIN.word(), browser.find("#user").getText());
    }

    @Test
    void theRootOfTheServerIsThePage() {
        start();
        browser.login(ServerFixture.token(Scope.ADMIN));
        browser.open("/");

        assertEquals("/ui/webhooks", browser.at());
    }

    @Test
    void aPageOpenedWithoutLoginAsksForOneAndComesBackAfterIt() {
        start();
        browser.open("/ui/runs?outcome=failed");

        assertEquals("/login?next=%2Fui%2Fruns%3Foutcome%3Dfailed", browser.at());
        browser.type("#token", ServerFixture.token(Scope.RUNS_READ));
        browser.click("#sign-in");

        assertEquals("/ui/runs?outcome=failed", browser.at());
        assertEquals("failed", browser.find("select[name=outcome] option[selected]").getText());
    }

    @Test
    void theCookieIsHttpOnlyAndSentToThisSiteOnly() {
        start();
        browser.login(ServerFixture.token(Scope.ADMIN));

        Cookie cookie = browser.driver.manage().getCookieNamed(Sessions.COOKIE);
        assertNotNull(cookie, "the login keeps its session in a cookie");
        assertFalse(cookie.getValue().contains(ServerFixture.token(Scope.ADMIN)), "the cookie is not the token");
        assertTrue(cookie.isHttpOnly(), "scripts cannot read it");
        assertEquals("Strict", cookie.getSameSite(), "other sites cannot make the browser send it");
        assertEquals("/", cookie.getPath());
        assertFalse(cookie.isSecure(), "served over plain http, a Secure cookie would never come back");
    }

    @Test
    void loggingOutDropsTheCookieSoPagesAskForALoginAgain() {
        start();
        browser.login(ServerFixture.token(Scope.ADMIN));
        browser.click("#logout");

        assertEquals("/login", browser.at());
        assertNull(browser.driver.manage().getCookieNamed(Sessions.COOKIE));
        browser.open("/ui/webhooks");
        assertEquals("/login?next=%2Fui%2Fwebhooks", browser.at());
    }

    @Test
    void aLinkCannotMakeTheLoginLeadToAnotherSite() {
        start();
        browser.open("/login?next=//elsewhere.example/steal");
        browser.type("#token", ServerFixture.token(Scope.ADMIN));
        browser.click("#sign-in");

        assertEquals(server.uri("/ui/webhooks").toString(), browser.driver.getCurrentUrl());
    }
}
