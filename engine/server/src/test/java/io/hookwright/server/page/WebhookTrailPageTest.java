package io.hookwright.server.page;

import io.hookwright.server.ServerFixture;
import io.hookwright.server.auth.Scope;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A webhook's page shows who deactivated and activated it, when and why: from the page, the API or the engine. */
class WebhookTrailPageTest extends PageTestBase {
    private void later() {
        server.engineFixture.clock.advance(Duration.ofMinutes(1));
    }

    @Test
    void theTrailNamesTheOperatorOrTheEngineForEachChange() {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(410)));
        startSignedIn();
        browser.open("/ui/webhooks/erp_sync");
        assertEquals("Never deactivated.", browser.find("#no-trail").getText());

        browser.type("#health input[name=reason]", "ERP migration");
        browser.click("#deactivate");
        assertEquals("/ui/webhooks/erp_sync", browser.at());
        later();
        browser.click("#activate");
        later();
        server.send("POST", "/webhooks/erp_sync/deactivate?reason=night%20freeze", ServerFixture.token(Scope.WEBHOOKS_WRITE),
                null);
        later();
        server.send("POST", "/webhooks/erp_sync/activate", ServerFixture.token(Scope.WEBHOOKS_WRITE), null);
        later();
        projectUpdated("p-1");
        browser.open("/ui/webhooks/erp_sync");

        assertEquals(List.of("deactivated", "activated", "deactivated", "activated", "deactivated"),
                browser.texts("#trail td.action"));
        assertEquals(List.of("the engine", "webhooks:write", "webhooks:write", "admin", "admin"),
                browser.texts("#trail td.by"));
        assertEquals("ERP migration", browser.texts("#trail td.reason").get(4));
        assertEquals("night freeze (deactivated by token 'webhooks:write')", browser.texts("#trail td.reason").get(2));
        assertTrue(browser.texts("#trail td.reason").get(0).contains("410"), browser.texts("#trail td.reason").get(0));
    }
}
