package io.hookwright.server.page;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.server.ServerFixture;
import io.hookwright.server.auth.Scope;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.util.FileUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The webhook form over HTTP: it changes something only with its session's CSRF token and its scope, never writes
 * over a change made since it was opened, and shows each error at the field it is about.
 */
class WebhookFormOverHttpTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    private static final Pattern REVISION = Pattern.compile("name=\"revision\" value=\"([^\"]*)\"");

    @TempDir
    Path dir;
    private ServerFixture server;
    private Git git;

    @BeforeEach
    void start() throws Exception {
        server = new ServerFixture(dir, receiver.getPort(), PageTestBase.WEBHOOKS);
        git = WebhookAuthoringPageTest.committed(dir);
    }

    @AfterEach
    void stop() {
        git.close();
        server.close();
    }

    private int commits() throws Exception {
        List<RevCommit> all = new ArrayList<>();
        git.log().call().forEach(all::add);
        return all.size();
    }

    private String url(String path) {
        return "http://localhost:" + receiver.getPort() + path;
    }

    /** A new webhook's form, as a browser posts it, with {@code more} pairs added or replacing. */
    private HttpResponse<String> create(PageClient browser, String csrf, String... more) {
        List<String> fields = new ArrayList<>(List.of("code", "erp_budget", "label.language", "en", "label.text",
                "ERP budget", "eventType", "Project:Updated", "filter.field", "Budget", "filter.op", ">",
                "filter.value", "10000", "filter.raw", "", "httpVerb", "POST", "url", url("/budget"), "bodyKind",
                "inline", "body", "{\"key\": \"${entity.key}\"}", "transaction", "after-commit", "timeout", "",
                "retry", "", "active", "on"));
        if (csrf != null) {
            fields.addAll(0, List.of("csrf", csrf));
        }
        for (int i = 0; i < more.length; i += 2) {
            int at = fields.indexOf(more[i]);
            if (at >= 0 && at % 2 == 0) {
                fields.set(at + 1, more[i + 1]);
            } else {
                fields.add(more[i]);
                fields.add(more[i + 1]);
            }
        }
        return browser.post("/ui/webhooks/new", fields.toArray(String[]::new));
    }

    private static String revision(HttpResponse<String> form) {
        Matcher m = REVISION.matcher(form.body());
        assertTrue(m.find(), form.body());
        return m.group(1);
    }

    @Test
    void aFormWithoutOrWithAWrongCsrfTokenIsRefusedWithAPageAndCommitsNothing() throws Exception {
        PageClient browser = new PageClient(server).signedIn(Scope.ADMIN);
        String right = browser.csrf("/ui/webhooks/new");

        for (String wrong : new String[] {null, "", right + "x"}) {
            HttpResponse<String> refused = create(browser, wrong);
            assertEquals(403, refused.statusCode(), refused.body());
            assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertTrue(refused.body().contains("CSRF token"), refused.body());
        }
        assertFalse(Files.exists(dir.resolve("webhooks/erp_budget.groovy")));
        assertEquals(1, commits());

        HttpResponse<String> made = create(browser, right);
        assertEquals(303, made.statusCode(), made.body());
        assertTrue(PageClient.location(made).startsWith("/ui/webhooks/erp_budget?saved="), PageClient.location(made));
        assertEquals(2, commits());
    }

    @Test
    void withAuthoringOnBranchesASaveFromThePageIsProposedOnABranchAndChangesNothingThatRuns() throws Exception {
        server.close();
        server = new ServerFixture(dir, receiver.getPort(), PageTestBase.WEBHOOKS,
                s -> s.authoring(io.hookwright.authoring.AuthoringMode.BRANCH), UnaryOperator.identity());
        String head = git.getRepository().resolve("HEAD").name();
        PageClient browser = new PageClient(server).signedIn(Scope.ADMIN);

        HttpResponse<String> made = create(browser, browser.csrf("/ui/webhooks/new"));
        assertEquals(303, made.statusCode(), made.body());
        String location = PageClient.location(made);
        assertTrue(location.startsWith("/ui/webhooks?proposed=hookwright%2Ferp_budget-"), location);
        String branch = java.net.URLDecoder.decode(location.substring(location.indexOf('=') + 1),
                java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(browser.get(location).body().contains("Proposed on the branch <code>" + branch + "</code>"));
        assertEquals(head, git.getRepository().resolve("HEAD").name(), "the checked-out branch is where it was");
        assertFalse(Files.exists(dir.resolve("webhooks/erp_budget.groovy")), "the work tree is unchanged");
        assertEquals(404, browser.get("/ui/webhooks/erp_budget").statusCode(), "nothing new runs");
        assertTrue(git.getRepository().resolve(branch) != null, "the branch holds the commit");
    }

    @Test
    void eachFormNeedsTheScopeItsRestCounterpartNeedsAndOffersOnlyTheButtonsItsTokenMayPress() throws Exception {
        PageClient reader = new PageClient(server).signedIn(Scope.WEBHOOKS_READ);
        String csrf = reader.csrf("/ui/webhooks");
        HttpResponse<String> list = reader.get("/ui/webhooks");
        assertFalse(list.body().contains("id=\"new-webhook\""), list.body());
        HttpResponse<String> detail = reader.get("/ui/webhooks/erp_sync");
        assertEquals(200, detail.statusCode(), detail.body());
        assertFalse(detail.body().contains("id=\"edit\"") || detail.body().contains("id=\"delete\""));

        assertEquals(403, reader.get("/ui/webhooks/new").statusCode());
        HttpResponse<String> refused = create(reader, csrf);
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("lacks the scope webhooks:create"), refused.body());
        assertEquals(403, reader.get("/ui/webhooks/erp_sync/edit").statusCode());
        assertEquals(403, reader.post("/ui/webhooks/erp_sync/edit", "csrf", csrf, "url", url("/x")).statusCode());
        assertEquals(403, reader.post("/ui/webhooks/erp_sync/delete", "csrf", csrf, "revision", "x").statusCode());

        PageClient creator = new PageClient(server).signedIn(Scope.WEBHOOKS_CREATE);
        String creatorCsrf = creator.csrf("/ui/webhooks/new");
        assertEquals(303, create(creator, creatorCsrf).statusCode());
        assertEquals(403, creator.get("/ui/webhooks/erp_budget/delete").statusCode());
        HttpResponse<String> notDeleted = creator.post("/ui/webhooks/erp_budget/delete", "csrf", creatorCsrf);
        assertEquals(403, notDeleted.statusCode());
        assertTrue(notDeleted.body().contains("lacks the scope webhooks:delete"), notDeleted.body());
        assertTrue(Files.exists(dir.resolve("webhooks/erp_budget.groovy")));
        assertEquals(2, commits());
    }

    @Test
    void anEditOfAWebhookChangedSinceItWasOpenedSaysSoAndOverwritesNothing() throws Exception {
        PageClient browser = new PageClient(server).signedIn(Scope.ADMIN);
        HttpResponse<String> opened = browser.get("/ui/webhooks/crm_push/edit");
        assertEquals(200, opened.statusCode(), opened.body());
        String csrf = PageClient.csrf(opened);
        String revision = revision(opened);

        HttpResponse<String> meanwhile = server.send("PUT", "/webhooks/crm_push", ServerFixture.token(Scope.ADMIN),
                "{\"eventTypes\": [\"Task:*\"], \"httpVerb\": \"PUT\", \"url\": \"" + url("/crm/other") + "\"}");
        assertEquals(428, meanwhile.statusCode(), "REST needs If-Match too: " + meanwhile.body());
        HttpResponse<String> changed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        server.uri("/webhooks/crm_push")).header("Authorization", "Bearer " + ServerFixture.token(Scope.ADMIN))
                .header("Content-Type", "application/json").header("If-Match", "\"" + revision + "\"")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"eventTypes\": [\"Task:*\"], \"httpVerb\": \"PUT\", "
                        + "\"url\": \"" + url("/crm/other") + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, changed.statusCode(), changed.body());
        int before = commits();

        HttpResponse<String> stale = browser.post("/ui/webhooks/crm_push/edit", "csrf", csrf, "revision", revision,
                "otherEvents", "Task:*", "httpVerb", "PUT", "url", url("/crm/mine"), "bodyKind", "inline",
                "transaction", "after-commit", "active", "on");
        assertEquals(412, stale.statusCode(), stale.body());
        assertTrue(stale.body().contains("id=\"stale\""), stale.body());
        assertTrue(stale.body().contains("crm_push has changed since you opened it"), stale.body());
        assertTrue(stale.body().contains("href=\"/ui/webhooks/crm_push/edit\""), stale.body());
        assertTrue(stale.body().contains(url("/crm/mine")), "the form keeps what was typed");
        assertEquals(before, commits());
        String file = Files.readString(dir.resolve("webhooks/hooks.groovy"));
        assertTrue(file.contains("/crm/other") && !file.contains("/crm/mine"), file);

        HttpResponse<String> reloaded = browser.get("/ui/webhooks/crm_push/edit");
        HttpResponse<String> saved = browser.post("/ui/webhooks/crm_push/edit", "csrf", csrf, "revision",
                revision(reloaded), "otherEvents", "Task:*", "httpVerb", "PUT", "url", url("/crm/mine"), "bodyKind",
                "inline", "transaction", "after-commit", "active", "on", "action", "apply");
        assertEquals(303, saved.statusCode(), saved.body());
        assertTrue(PageClient.location(saved).startsWith("/ui/webhooks/crm_push/edit?saved="));
        assertTrue(Files.readString(dir.resolve("webhooks/hooks.groovy")).contains("/crm/mine"));
    }

    @Test
    void aWrongValueIsShownAtItsFieldAndNothingIsCommitted() throws Exception {
        PageClient browser = new PageClient(server).signedIn(Scope.ADMIN);
        String csrf = browser.csrf("/ui/webhooks/new");

        HttpResponse<String> timeout = create(browser, csrf, "timeout", "5 parsecs");
        assertEquals(422, timeout.statusCode(), timeout.body());
        assertTrue(timeout.body().contains("id=\"error-execution-timeout\""), timeout.body());
        assertTrue(timeout.body().contains("value=\"5 parsecs\""), "the form keeps what was typed");

        HttpResponse<String> op = create(browser, csrf, "filter.op", "=~");
        assertEquals(422, op.statusCode(), op.body());
        assertTrue(op.body().contains("id=\"error-filter-0\""), op.body());

        HttpResponse<String> template = create(browser, csrf, "body", "{\"key\": ${entity.key");
        assertEquals(422, template.statusCode(), template.body());
        Matcher bodyError = Pattern.compile("id=\"error-body\">([^<]*)<").matcher(template.body());
        assertTrue(bodyError.find(), template.body());
        assertTrue(bodyError.group(1).contains("erp_budget.groovy:"), "names the line and column: " + bodyError.group(1));

        assertFalse(Files.exists(dir.resolve("webhooks/erp_budget.groovy")));
        assertEquals(1, commits());
    }

    @Test
    void aDeleteIsConfirmedOnItsOwnPageAndIsACommit() throws Exception {
        PageClient browser = new PageClient(server).signedIn(Scope.ADMIN);
        HttpResponse<String> confirm = browser.get("/ui/webhooks/chat_notice/delete");
        assertEquals(200, confirm.statusCode(), confirm.body());
        assertTrue(confirm.body().contains("id=\"confirm-delete\""));
        assertTrue(Files.readString(dir.resolve("webhooks/hooks.groovy")).contains("chat_notice"));

        HttpResponse<String> deleted = browser.post("/ui/webhooks/chat_notice/delete", "csrf", PageClient.csrf(confirm),
                "revision", revision(confirm));
        assertEquals(303, deleted.statusCode(), deleted.body());
        assertEquals("/ui/webhooks?deleted=chat_notice", PageClient.location(deleted));
        String file = Files.readString(dir.resolve("webhooks/hooks.groovy"));
        assertFalse(file.contains("chat_notice"));
        assertTrue(file.contains("erp_sync") && file.contains("crm_push"), "only its own block goes");
        assertEquals(2, commits());
    }

    @Test
    void withoutAGitWorkTreeThePageSaysWhyNothingCanBeSavedAndOffersNoEdit() throws Exception {
        FileUtils.delete(dir.resolve("webhooks/.git").toFile(), FileUtils.RECURSIVE);
        PageClient browser = new PageClient(server).signedIn(Scope.ADMIN);

        HttpResponse<String> detail = browser.get("/ui/webhooks/erp_sync");
        assertTrue(detail.body().contains("id=\"authoring-off\""), detail.body());
        assertFalse(detail.body().contains("id=\"edit\""), detail.body());
        HttpResponse<String> refused = create(browser, browser.csrf("/ui/webhooks/new"));
        assertEquals(409, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("not in a git work tree"), refused.body());
        assertFalse(Files.exists(dir.resolve("webhooks/erp_budget.groovy")));
    }

    @Test
    void aWebhookItsFileMakesByCodeHasAPageThatSaysWhyItsSourceIsNotShown() throws Exception {
        Files.writeString(dir.resolve("webhooks/made.groovy"), """
                ['made_a'].each { name ->
                    webhook(name) {
                        on 'Project:Updated'
                        request { post 'RECEIVER/made' }
                    }
                }
                """.replace("RECEIVER", url("")));
        git.add().addFilepattern("made.groovy").call();
        git.commit().setMessage("Webhooks made by code").setSign(false).call();
        assertEquals(200, server.post("/admin/reload", Scope.ADMIN, null).statusCode());
        PageClient browser = new PageClient(server).signedIn(Scope.ADMIN);

        HttpResponse<String> page = browser.get("/ui/webhooks/made_a");
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("has no block of its own for made_a"), page.body());
        assertFalse(page.body().contains("id=\"edit\""), page.body());
    }
}
