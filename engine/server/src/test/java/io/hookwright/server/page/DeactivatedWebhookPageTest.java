package io.hookwright.server.page;

import io.hookwright.execution.EngineFixture;
import io.hookwright.state.WebhookState;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.Color;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A deactivated webhook stands out in red with why and since when; the page activates and deactivates webhooks. */
class DeactivatedWebhookPageTest extends PageTestBase {
    @Test
    void aWebhookDeactivatedByItsTargetShowsTheReasonInRed() {
        start();
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(410)));
        server.engine.publish(EngineFixture.projectUpdated("p-1"));
        signIn();

        String row = "#webhook-erp_sync";
        assertTrue(browser.find(row).getAttribute("class").contains("deactivated"));
        assertEquals("deactivated", browser.find(row + " .badge").getText());
        String reason = browser.find(row + " .reason").getText();
        assertTrue(reason.startsWith("the target answered 410 Gone from localhost on message "), reason);
        assertEquals("since 2026-11-23 10:00:00 UTC", browser.find(row + " .when").getText());
        assertRed(browser.find(row + " .reason").getCssValue("color"));
        assertFalse(browser.find("#webhook-crm_push").getAttribute("class").contains("deactivated"));
    }

    @Test
    void activateMakesItActiveAgain() {
        start();
        server.engine.deactivate("erp_sync", "HTTP 500 from localhost, 20 times in a row");
        signIn();
        browser.click("#webhook-erp_sync button.activate");

        assertEquals("/ui/webhooks", browser.at());
        assertEquals("active", browser.find("#webhook-erp_sync .badge").getText());
        assertTrue(browser.all("#webhook-erp_sync .reason").isEmpty());
        assertTrue(server.engine.states().get("erp_sync").active());
    }

    @Test
    void deactivateFromThePageKeepsTheReasonGiven() {
        start();
        signIn();
        browser.type("#webhook-crm_push input.reason-input", "CRM down for maintenance");
        browser.click("#webhook-crm_push button.deactivate");

        assertEquals("CRM down for maintenance", browser.find("#webhook-crm_push .reason").getText());
        WebhookState state = server.engine.states().get("crm_push");
        assertFalse(state.active());
        assertEquals("CRM down for maintenance", state.deactivationReason());
    }

    @Test
    void deactivateWithoutAReasonNamesWhoDidIt() {
        start();
        signIn();
        browser.click("#webhook-crm_push button.deactivate");

        assertEquals("deactivated by admin from the web page", browser.find("#webhook-crm_push .reason").getText());
    }

    @Test
    void anActionLeadsBackToTheListAsItWasFiltered() {
        start();
        signIn();
        browser.open("/ui/webhooks?q=crm&sort=owner");
        browser.click("#webhook-crm_push button.deactivate");

        assertEquals("/ui/webhooks?q=crm&sort=owner", browser.at());
        assertEquals(List.of("crm_push"), browser.texts("tr.webhook td.code strong"));
    }

    private static void assertRed(String cssColour) {
        Color colour = Color.fromString(cssColour);
        java.awt.Color rgb = colour.getColor();
        assertTrue(rgb.getRed() > 150 && rgb.getGreen() < 80 && rgb.getBlue() < 80, "red, not " + cssColour);
    }
}
