package io.hookwright.server.page;

import io.hookwright.server.ServerFixture;
import io.hookwright.server.auth.Scope;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each page needs the scope its REST counterpart needs; without it the page says which scope is missing, and a page
 * offers no button its token may not press.
 */
class PageScopesTest extends PageTestBase {
    @Test
    void aPageWithoutItsScopeSaysWhichScopeIsMissing() {
        start();
        browser.login(ServerFixture.token(Scope.RUNS_READ));
        browser.open("/ui/webhooks");

        assertEquals("Forbidden", browser.find("h1").getText());
        assertEquals("token 'runs:read' lacks the scope webhooks:read", browser.find("#problem").getText());
        assertEquals("webhooks:read", browser.find("#missing-scope").getText());
        assertTrue(browser.find("#logout").isDisplayed(), "the operator can sign in with another token");
    }

    @Test
    void aTokenThatMayOnlyReadRunsLandsOnTheRunsPage() {
        start();
        browser.login(ServerFixture.token(Scope.RUNS_READ));

        assertEquals("/ui/runs", browser.at());
    }

    @Test
    void aTokenThatMayOnlyReadWebhooksSeesNoActivateOrDeactivateButton() {
        start();
        server.engine.deactivate("erp_sync", "HTTP 500 from localhost, 20 times in a row");
        browser.login(ServerFixture.token(Scope.WEBHOOKS_READ));

        assertEquals("HTTP 500 from localhost, 20 times in a row", browser.find("#webhook-erp_sync .reason").getText());
        assertTrue(browser.all("button.activate").isEmpty());
        assertTrue(browser.all("button.deactivate").isEmpty());
    }

    @Test
    void aTokenThatMayOnlyReadRunsSeesNoRedeliverButton() {
        start();
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(500)));
        projectUpdated("p-1");
        browser.login(ServerFixture.token(Scope.RUNS_READ));
        browser.click("tr.run a.detail");

        assertEquals("failed", browser.find("#outcome").getText());
        assertFalse(browser.html().contains("Redeliver"));
    }
}
