package io.hookwright.server.page;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The webhooks page lists every webhook with its definition and health, filtered and sorted as asked. */
class WebhookListPageTest extends PageTestBase {
    private static final String CODES = "tr.webhook td.code strong";

    @Test
    void everyWebhookIsListedWithWhatItsDefinitionSays() {
        startSignedIn();

        assertEquals(List.of("chat_notice", "crm_push", "erp_sync"), browser.texts(CODES));
        assertEquals("3 webhooks", browser.find("#count").getText());
        String erp = "#webhook-erp_sync ";
        assertTrue(browser.find(erp + "td.label").getText().startsWith("ERP sync"));
        assertEquals("Project:Updated", browser.find(erp + "td.events").getText());
        assertEquals("sync-after-commit", browser.find(erp + "td.mode").getText());
        assertEquals("POST http://localhost:" + receiver.getPort() + "/erp", browser.find(erp + "td.url").getText());
        assertEquals("carol@acme.example", browser.find(erp + "td.owner").getText());
        assertTrue(browser.find(erp + "td.created").getText().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC"));
        assertEquals("active", browser.find(erp + "td.status .badge").getText());
        assertEquals("disabled", browser.find("#webhook-chat_notice td.status .badge").getText());
    }

    @Test
    void filteringByStatusShowsOnlyThoseWebhooks() {
        startSignedIn();
        new Select(browser.find("select[name=status]")).selectByVisibleText("disabled");
        browser.click("#filter");

        assertEquals(List.of("chat_notice"), browser.texts(CODES));
        assertTrue(browser.at().contains("status=disabled"), browser.at());
    }

    @Test
    void filteringByTextShowsOnlyWebhooksWithThoseWords() {
        startSignedIn();
        browser.type("input[name=q]", "ALICE");
        browser.click("#filter");

        assertEquals(List.of("crm_push"), browser.texts(CODES));
        assertEquals("ALICE", browser.find("input[name=q]").getAttribute("value"), "the filter stays in the form");
    }

    @Test
    void filteringByEventCountsWildcards() {
        startSignedIn();
        browser.type("input[name=event]", "Task:Updated");
        browser.click("#filter");

        assertEquals(List.of("crm_push"), browser.texts(CODES));
    }

    @Test
    void filtersThatMatchNothingSaySo() {
        startSignedIn();
        browser.type("input[name=q]", "nothing-like-this");
        browser.click("#filter");

        assertEquals(List.of(), browser.texts(CODES));
        assertEquals("No webhook matches.", browser.find("td.empty").getText());
    }

    @Test
    void sortingByOwnerChangesTheOrder() {
        startSignedIn();
        new Select(browser.find("select[name=sort]")).selectByVisibleText("owner");
        browser.click("#filter");

        assertEquals(List.of("crm_push", "chat_notice", "erp_sync"), browser.texts(CODES));
        assertEquals(List.of("alice@acme.example", "bob@acme.example", "carol@acme.example"),
                browser.texts("tr.webhook td.owner"));
    }

    @Test
    void aSortThePageDoesNotKnowIsAnErrorPageNamingTheChoices() {
        startSignedIn();
        browser.open("/ui/webhooks?sort=colour");

        assertEquals("Bad request", browser.find("h1").getText());
        assertEquals("sort 'colour' is not one of code, url, owner, created, status", browser.find("#problem").getText());
    }

    @Test
    void textFromDefinitionsIsShownAsTextNeverAsMarkup() {
        start(WEBHOOKS + """
                webhook('markup') {
                    label '<b id="injected">Bold</b> & <script>document.title = "owned"</script>'
                    on 'Project:Updated'
                    request {
                        post 'RECEIVER/markup'
                    }
                }
                """);
        signIn();

        assertEquals("<b id=\"injected\">Bold</b> & <script>document.title = \"owned\"</script>",
                browser.find("#webhook-markup td.label").getText());
        assertTrue(browser.all("#injected").isEmpty(), "no element was made from the label");
        assertFalse(browser.driver.getTitle().contains("owned"), "no script from the label ran");
    }
}
