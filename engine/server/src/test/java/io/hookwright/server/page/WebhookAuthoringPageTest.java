package io.hookwright.server.page;

import io.hookwright.event.Entity;
import io.hookwright.event.Event;
import io.hookwright.event.Initiator;
import io.hookwright.runlog.Outcome;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A webhook made, changed and deleted from the page in a real Chromium, each step a commit to the definitions' git
 * work tree, and the webhook it makes sending to a real receiver.
 */
class WebhookAuthoringPageTest extends PageTestBase {
    /** The definitions folder made a git work tree, everything committed once; and a workspace with one project. */
    static Git committed(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("workspace"));
        Files.writeString(dir.resolve("workspace/acme.json"), """
                {"entities": [{"type": "Project", "id": "p-1", "key": "DEMO", "tenant": "acme",
                               "attributes": {"Name": "Demo", "Budget": 25000}}]}""");
        Git git = Git.init().setDirectory(dir.resolve("webhooks").toFile()).setInitialBranch("main").call();
        git.add().addFilepattern(".").call();
        PersonIdent anna = new PersonIdent("Anna Doe", "anna.doe@acme.example");
        git.commit().setAuthor(anna).setCommitter(anna).setMessage("Hand-written webhooks").setSign(false).call();
        return git;
    }

    private static List<RevCommit> log(Git git) throws Exception {
        List<RevCommit> commits = new ArrayList<>();
        git.log().call().forEach(commits::add);
        return commits;
    }

    private static Event budgetChanged(String id, int budget) {
        return Event.builder("Project:Updated").id("evt-" + id).tenant("acme")
                .initiator(new Initiator("u-1", "Anna Doe", "anna"))
                .entity(new Entity("Project", id, "KEY-" + id, Map.of("Budget", budget)))
                .before(Map.of("Budget", 1)).build();
    }

    @Test
    void aWebhookMadeOnThePageFiresIsEditedAndDeletedEachAsACommit() throws Exception {
        receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));
        start();
        try (Git git = committed(dir)) {
            signIn();
            browser.click("#new-webhook");
            assertEquals("/ui/webhooks/new", browser.at());
            browser.click("#add-label");
            browser.type("#f-code", "erp_budget");
            List<String> languages = List.of("en", "fr");
            List<String> labels = List.of("ERP budget", "Budget ERP");
            for (int i = 0; i < 2; i++) {
                browser.type("div.label-row:nth-of-type(" + (i + 1) + ") input[name='label.language']", languages.get(i));
                browser.type("div.label-row:nth-of-type(" + (i + 1) + ") input[name='label.text']", labels.get(i));
            }
            browser.type("#f-description", "Tells the ERP of big budgets");
            browser.find("input[name=eventType][value='Project:Updated']").click();
            browser.type("input[name='filter.field']", "Budget");
            new Select(browser.find("select[name='filter.op']")).selectByVisibleText(">");
            browser.type("input[name='filter.value']", "10000");
            browser.type("#f-url", "http://localhost:" + receiver.getPort() + "/budget");
            browser.type("input[name='header.name']", "Content-Type");
            browser.type("input[name='header.value']", "application/json");
            browser.type("#f-body", "{\"key\": \"${entity.key}\"}");
            browser.find("#f-synchronous").click();
            browser.click("#save");

            assertEquals("/ui/webhooks/erp_budget?saved=" + log(git).get(0).getId().name().substring(0, 12),
                    browser.at());
            assertEquals("en: ERP budget fr: Budget ERP", browser.find("#label").getText());
            assertEquals("Budget > 10000", browser.find("#filter").getText());
            assertEquals("Create webhook erp_budget (ERP budget)", log(git).get(0).getShortMessage());
            assertEquals("admin", log(git).get(0).getAuthorIdent().getName());
            assertTrue(Files.readString(dir.resolve("webhooks/erp_budget.groovy")).contains("field('Budget') > 10000"));

            server.engine.publish(budgetChanged("p-9", 20000));
            server.engine.publish(budgetChanged("p-8", 500));
            receiver.verify(1, postRequestedFor(urlEqualTo("/budget")));
            receiver.verify(postRequestedFor(urlEqualTo("/budget")).withRequestBody(equalTo("{\"key\": \"KEY-p-9\"}")));

            browser.open("/ui/webhooks/erp_budget");
            browser.find("#copy-code").click();
            new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                    .until(d -> browser.find("#copy-code").getText().equals("Copied"));
            new Select(browser.find("#test-entity")).selectByValue("Project:p-1");
            browser.click("#send-test");
            assertTrue(browser.at().startsWith("/ui/runs/"), browser.at());
            String runId = browser.at().substring("/ui/runs/".length());
            assertEquals(Outcome.SUCCEEDED, server.engine.run(runId).orElseThrow().outcome());
            receiver.verify(postRequestedFor(urlEqualTo("/budget")).withRequestBody(equalTo("{\"key\": \"DEMO\"}")));

            browser.open("/ui/webhooks/erp_budget");
            browser.click("#edit");
            browser.type("input[name='filter.value']", "20000");
            browser.click("#apply");
            assertTrue(browser.at().startsWith("/ui/webhooks/erp_budget/edit?saved="), browser.at());
            assertEquals("20000", browser.find("input[name='filter.value']").getAttribute("value"));
            assertEquals("Update webhook erp_budget: filter", log(git).get(0).getShortMessage());

            browser.open("/ui/webhooks/erp_budget");
            assertEquals(List.of("Update webhook erp_budget: filter", "Create webhook erp_budget (ERP budget)"),
                    browser.texts("#history p.message"));
            String diff = browser.find("#history div.commit pre.diff").getText();
            assertTrue(diff.contains("-        field('Budget') > 10000") && diff.contains("+        field('Budget') > 20000"),
                    diff);

            browser.click("#delete");
            assertEquals("/ui/webhooks/erp_budget/delete", browser.at());
            assertTrue(Files.exists(dir.resolve("webhooks/erp_budget.groovy")), "not deleted before it is confirmed");
            browser.click("#confirm-delete");
            assertEquals("/ui/webhooks?deleted=erp_budget", browser.at());
            assertFalse(Files.exists(dir.resolve("webhooks/erp_budget.groovy")));
            assertEquals("Delete webhook erp_budget", log(git).get(0).getShortMessage());
            assertEquals(List.of(), browser.all("#webhook-erp_budget"));
        }
    }

    @Test
    void theFormAndAWebhooksPageFit1280PixelsWithoutScrollingSideways() throws Exception {
        start();
        try (Git git = committed(dir)) {
            signIn();
            browser.driver.manage().window().setSize(new Dimension(1280, 900));
            try {
                for (String page : List.of("/ui/webhooks/new", "/ui/webhooks/erp_sync/edit", "/ui/webhooks/erp_sync",
                        "/ui/webhooks")) {
                    browser.open(page);
                    long wide = (Long) ((JavascriptExecutor) browser.driver)
                            .executeScript("return document.documentElement.scrollWidth");
                    long shown = (Long) ((JavascriptExecutor) browser.driver)
                            .executeScript("return document.documentElement.clientWidth");
                    if (System.getProperty("page.screenshots") != null) {
                        Files.write(Path.of(System.getProperty("page.screenshots"), page.replace('/', '_') + ".png"),
                                ((TakesScreenshot) browser.driver).getScreenshotAs(OutputType.BYTES));
                    }
                    assertTrue(wide <= shown, page + " is " + wide + " px wide in a window showing " + shown);
                }
            } finally {
                browser.driver.manage().window().setSize(new Dimension(1400, 1000));
            }
        }
    }

    @Test
    void aWebhookWithAWhereClosureShowsWhyItCannotBeEditedAndItsSource() throws Exception {
        start(WEBHOOKS + """
                webhook('picky') {
                    on 'Project:Updated'
                    filter {
                        where { e -> e.attributes.Budget > 1 }
                    }
                    request { post 'RECEIVER/picky' }
                }
                """);
        try (Git git = committed(dir)) {
            signIn();
            browser.open("/ui/webhooks/picky");
            assertEquals(List.of(), browser.all("#edit"));
            assertTrue(browser.find("#not-editable").getText().contains("where"), browser.find("#not-editable").getText());
            assertTrue(browser.find("#groovy").getText().contains("where { e -> e.attributes.Budget > 1 }"));

            browser.open("/ui/webhooks/picky/edit");
            assertTrue(browser.find("#not-editable").getText().contains("where"));
            assertEquals(List.of(), browser.all("form.webhook-form"));
        }
    }
}
