package io.hookwright.authoring;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.server.ServerFixture;
import io.hookwright.server.auth.Scope;
import org.eclipse.jgit.revwalk.RevCommit;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhooks created, read, replaced and deleted over real HTTP, each write a commit to a real git work tree that the
 * running set then follows.
 */
class AuthoringEndpointTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** A hand-written file: comments, three webhooks, one with a where closure. */
    static final String HOOKS = """
            // Hand-written: the ERP's webhooks. Keep this comment.

            webhook('alpha') {
                label 'Alpha'
                on 'Project:Updated'
                request {
                    post 'RECEIVER/alpha'
                    header 'Authorization', 'Bearer ${secrets.ERP_TOKEN}'
                }
            }

            /* beta goes to the ERP's second endpoint */
            webhook('beta') {   // the one the tests edit
                on 'Project:Updated'
                filter {
                    field('Budget') > 10_000
                }
                request {
                    post 'RECEIVER/beta'
                }
            }

            webhook('gamma') {
                on 'Project:Updated'
                filter {
                    where { e -> e.attributes.Budget > 1 }
                }
                request { post 'RECEIVER/gamma' }
            }
            // the end
            """;

    @TempDir
    Path dir;
    private ServerFixture server;
    private Repo repo;
    private Path folder;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));
        server = new ServerFixture(dir, receiver.getPort(), HOOKS);
        folder = dir.resolve("webhooks");
        repo = Repo.init(folder);
    }

    @AfterEach
    void stop() {
        repo.close();
        server.close();
    }

    private String receiverUrl() {
        return "http://localhost:" + receiver.getPort();
    }

    HttpResponse<String> send(String method, String path, Scope scope, String json, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .header("Authorization", "Bearer " + ServerFixture.token(scope));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String erpBudget() {
        return """
                {"label": {"en": "ERP budget", "fr": "Budget ERP"}, "owner": "anna.doe@company.com",
                 "eventTypes": ["Project:Updated"],
                 "filter": [{"field": "Budget", "op": ">", "value": 10000},
                            {"field": "Stage", "op": "in", "value": ["Approved", "Active"]}],
                 "httpVerb": "POST", "url": "%s/erp-budget",
                 "headers": [{"name": "Authorization", "value": "Bearer ${secrets.ERP_TOKEN}"},
                             {"name": "Content-Type", "value": "application/json"}],
                 "body": "{ \\"key\\": ${json(entity.key)} }",
                 "execution": {"synchronous": false, "transaction": "after-commit", "timeout": "5s",
                               "retry": ["5s", "5m"]}}""".formatted(receiverUrl());
    }

    private static List<?> list(HttpResponse<String> response) throws Exception {
        return io.hookwright.event.EventJson.MAPPER.readValue(response.body(), List.class);
    }

    private static String etag(HttpResponse<String> response) {
        return response.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag: " + response));
    }

    private String file(String name) throws Exception {
        return Files.readString(folder.resolve(name));
    }

    private static String event(String id, int budget) {
        return """
                {"id": "%s", "type": "Project:Updated",
                 "entity": {"type": "Project", "id": "p-1", "key": "DEMO",
                            "attributes": {"Budget": %d, "Stage": "Active"}}}""".formatted(id, budget);
    }

    @Test
    void aWebhookCreatedByPostIsCommittedLoadedAndFires() throws Exception {
        RevCommit before = repo.head();
        HttpResponse<String> created = send("POST", "/webhooks", Scope.WEBHOOKS_CREATE, erpBudget(), null);

        assertEquals(201, created.statusCode(), created.body());
        assertEquals("/webhooks/erp_budget", created.headers().firstValue("Location").orElse(null));
        Map<String, Object> doc = ServerFixture.json(created);
        assertEquals("erp_budget", doc.get("code"), "made from the label");
        assertEquals("erp_budget.groovy", doc.get("file"));
        assertEquals(true, doc.get("editable"));
        assertEquals(Map.of("en", "ERP budget", "fr", "Budget ERP"), doc.get("label"));
        RevCommit commit = repo.head();
        assertEquals(before, commit.getParent(0));
        assertEquals("\"" + commit.getId().abbreviate(12).name() + "\"", etag(created));
        assertEquals(commit.getId().abbreviate(12).name(), doc.get("revision"));
        assertEquals("webhooks:create", commit.getAuthorIdent().getName(), "the token's name");
        assertTrue(commit.getFullMessage().startsWith("Create webhook erp_budget"), commit.getFullMessage());
        assertEquals(List.of("erp_budget.groovy"), repo.changed(commit));
        assertTrue(repo.clean(), "everything written is committed");
        assertFalse(created.body().contains("t0ken-value"), "secrets stay references: " + created.body());
        assertTrue(created.body().contains("Bearer ${secrets.ERP_TOKEN}"), created.body());
        assertTrue(file("erp_budget.groovy").startsWith("webhook('erp_budget') {\n    label en: 'ERP budget'"),
                file("erp_budget.groovy"));

        assertEquals(202, server.post("/events", Scope.EVENTS_WRITE, event("evt-1", 20_000)).statusCode());
        server.engineFixture.awaitIdle();
        receiver.verify(1, postRequestedFor(urlEqualTo("/erp-budget"))
                .withHeader("Authorization", equalTo("Bearer t0ken-value"))
                .withRequestBody(equalTo("{ \"key\": \"DEMO\" }")));

        HttpResponse<String> again = send("POST", "/webhooks", Scope.WEBHOOKS_CREATE,
                erpBudget().replace("{\"label\"", "{\"code\": \"erp_budget\", \"label\""), null);
        assertEquals(409, again.statusCode(), again.body());
        assertTrue(again.body().contains("exists already"), again.body());
    }

    @Test
    void theDefinitionAndSourceOfAHandWrittenWebhook() throws Exception {
        HttpResponse<String> read = send("GET", "/webhooks/beta/definition", Scope.WEBHOOKS_READ, null, null);
        assertEquals(200, read.statusCode(), read.body());
        String initial = repo.head().getId().abbreviate(12).name();
        assertEquals("\"" + initial + "\"", etag(read));
        Map<String, Object> doc = ServerFixture.json(read);
        assertEquals("hooks.groovy", doc.get("file"));
        assertEquals(List.of(Map.of("field", "Budget", "op", ">", "value", 10000)), doc.get("filter"));
        assertEquals("beta", doc.get("label"));

        HttpResponse<String> source = send("GET", "/webhooks/beta/source", Scope.WEBHOOKS_READ, null, null);
        assertEquals(200, source.statusCode(), source.body());
        assertTrue(source.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        String text = file("hooks.groovy");
        int start = text.indexOf("webhook('beta')");
        assertEquals(text.substring(start, text.indexOf("\n}\n", start) + 2) + "\n", source.body());

        HttpResponse<String> gamma = send("GET", "/webhooks/gamma/definition", Scope.WEBHOOKS_READ, null, null);
        Map<String, Object> where = ServerFixture.json(gamma);
        assertEquals(false, where.get("editable"));
        assertTrue(((String) where.get("reason")).contains("where closure (line 26)"), gamma.body());
        assertEquals(404, send("GET", "/webhooks/nope/definition", Scope.WEBHOOKS_READ, null, null).statusCode());
    }

    @Test
    void aHandWrittenFileIsEditedInPlaceOneBlockOneCommit() throws Exception {
        String before = file("hooks.groovy");
        String etag = etag(send("GET", "/webhooks/beta/definition", Scope.WEBHOOKS_READ, null, null));
        String doc = """
                {"eventTypes": ["Project:Updated"], "filter": [{"field": "Budget", "op": ">=", "value": 50000}],
                 "url": "%s/beta-v2", "message": "Beta: only big budgets, new endpoint"}""".formatted(receiverUrl());

        HttpResponse<String> put = send("PUT", "/webhooks/beta", Scope.WEBHOOKS_WRITE, doc, etag);

        assertEquals(200, put.statusCode(), put.body());
        String after = file("hooks.groovy");
        int start = before.indexOf("webhook('beta')");
        int end = before.indexOf("\n}\n", start) + 2;
        assertTrue(after.startsWith(before.substring(0, start)), after);
        assertTrue(after.endsWith(before.substring(end)), after);
        assertEquals("""
                webhook('beta') {
                    on 'Project:Updated'
                    filter {
                        field('Budget') >= 50000
                    }
                    request {
                        post '%s/beta-v2'
                    }
                }""".formatted(receiverUrl()), after.substring(start, after.length() - before.length() + end));
        List<RevCommit> log = repo.log();
        assertEquals(2, log.size());
        assertEquals("Beta: only big budgets, new endpoint", log.get(0).getFullMessage());
        assertEquals(List.of("hooks.groovy"), repo.changed(log.get(0)));
        assertEquals("\"" + log.get(0).getId().abbreviate(12).name() + "\"", etag(put));
        assertTrue(repo.clean());

        HttpResponse<String> alpha = send("GET", "/webhooks/alpha/definition", Scope.WEBHOOKS_READ, null, null);
        assertEquals("\"" + log.get(1).getId().abbreviate(12).name() + "\"", etag(alpha),
                "alpha did not change: its revision stays");

        assertEquals(202, server.post("/events", Scope.EVENTS_WRITE, event("evt-2", 60_000)).statusCode());
        server.engineFixture.awaitIdle();
        receiver.verify(1, postRequestedFor(urlEqualTo("/beta-v2")));
        receiver.verify(0, postRequestedFor(urlEqualTo("/beta")));
    }

    @Test
    void aStaleOrMissingIfMatchIsRefused() {
        String etag = etag(send("GET", "/webhooks/beta/definition", Scope.WEBHOOKS_READ, null, null));
        String doc = "{\"eventTypes\": [\"Project:Updated\"], \"url\": \"" + receiverUrl() + "/b2\"}";
        HttpResponse<String> none = send("PUT", "/webhooks/beta", Scope.WEBHOOKS_WRITE, doc, null);
        assertEquals(428, none.statusCode(), none.body());
        assertEquals(200, send("PUT", "/webhooks/beta", Scope.WEBHOOKS_WRITE, doc, etag).statusCode());

        HttpResponse<String> stale = send("PUT", "/webhooks/beta", Scope.WEBHOOKS_WRITE, doc.replace("b2", "b3"), etag);
        assertEquals(412, stale.statusCode(), stale.body());
        assertEquals("application/problem+json", stale.headers().firstValue("Content-Type").orElse(null));
        HttpResponse<String> deleted = send("DELETE", "/webhooks/beta", Scope.WEBHOOKS_DELETE, null, etag);
        assertEquals(412, deleted.statusCode(), deleted.body());
        assertEquals(428, send("DELETE", "/webhooks/beta", Scope.WEBHOOKS_DELETE, null, null).statusCode());
    }

    @Test
    void concurrentWritersWithTheSameRevisionOneWinsTheOtherGets412() throws Exception {
        String etag = etag(send("GET", "/webhooks/beta/definition", Scope.WEBHOOKS_READ, null, null));
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Future<Integer>> answers = List.of("one", "two").stream().map(n -> pool.submit(() -> {
                go.await();
                return send("PUT", "/webhooks/beta", Scope.WEBHOOKS_WRITE, "{\"eventTypes\": [\"Project:Updated\"], "
                        + "\"url\": \"" + receiverUrl() + "/" + n + "\"}", etag).statusCode();
            })).toList();
            go.countDown();
            List<Integer> statuses = List.of(answers.get(0).get(), answers.get(1).get()).stream().sorted().toList();
            assertEquals(List.of(200, 412), statuses);
        }
        assertEquals(2, repo.log().size(), "one write committed, none lost or mixed");
    }

    @Test
    void anInvalidWriteIsRefusedWithItsErrorsAndChangesNothing() throws Exception {
        String before = file("hooks.groovy");
        RevCommit head = repo.head();
        String etag = etag(send("GET", "/webhooks/beta/definition", Scope.WEBHOOKS_READ, null, null));

        HttpResponse<String> broken = send("PUT", "/webhooks/beta", Scope.WEBHOOKS_WRITE, """
                {"eventTypes": ["Project:Updated"], "url": "%s/beta",
                 "body": "{\\"a\\": ${entity.key"}""".formatted(receiverUrl()), etag);
        assertEquals(422, broken.statusCode(), broken.body());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) ServerFixture.json(broken).get("errors");
        assertFalse(errors.isEmpty(), broken.body());
        assertEquals("hooks.groovy", errors.get(0).get("file"));
        assertTrue((Integer) errors.get(0).get("line") > 13, broken.body());

        HttpResponse<String> badOp = send("PUT", "/webhooks/beta", Scope.WEBHOOKS_WRITE, """
                {"eventTypes": ["Project:Updated"], "url": "https://x.example.com/",
                 "filter": [{"field": "Budget", "op": ">", "value": 1}, {"field": "Stage", "op": "~", "value": 1}]}""",
                etag);
        assertEquals(422, badOp.statusCode(), badOp.body());
        assertEquals("filter[1].op", ServerFixture.json(badOp).get("field"));
        HttpResponse<String> badShape = send("POST", "/webhooks", Scope.WEBHOOKS_CREATE,
                "{\"eventTypes\": \"Project:Updated\", \"url\": \"https://x.example.com/\", \"filter\": {\"a\": 1}}",
                null);
        assertEquals(400, badShape.statusCode(), badShape.body());
        assertEquals("filter", ServerFixture.json(badShape).get("field"));
        HttpResponse<String> badEvent = send("POST", "/webhooks", Scope.WEBHOOKS_CREATE,
                "{\"code\": \"x\", \"eventTypes\": [\"Project\"], \"url\": \"https://x.example.com/\"}", null);
        assertEquals(422, badEvent.statusCode(), badEvent.body());
        assertEquals("eventTypes[0]", ServerFixture.json(badEvent).get("field"));

        assertEquals(before, file("hooks.groovy"));
        assertEquals(head, repo.head(), "nothing committed");
        assertTrue(repo.clean());
        assertEquals(etag, etag(send("GET", "/webhooks/beta/definition", Scope.WEBHOOKS_READ, null, null)));
    }

    @Test
    void nonEditableWebhooksAndUncommittedFilesAnswer409() throws Exception {
        String gammaTag = etag(send("GET", "/webhooks/gamma/definition", Scope.WEBHOOKS_READ, null, null));
        HttpResponse<String> where = send("PUT", "/webhooks/gamma", Scope.WEBHOOKS_WRITE,
                "{\"eventTypes\": [\"Project:Updated\"], \"url\": \"https://x.example.com/\"}", gammaTag);
        assertEquals(409, where.statusCode(), where.body());
        assertTrue(where.body().contains("where closure"), where.body());

        String etag = etag(send("GET", "/webhooks/beta/definition", Scope.WEBHOOKS_READ, null, null));
        Files.writeString(folder.resolve("hooks.groovy"), file("hooks.groovy") + "// a local change\n");
        HttpResponse<String> dirty = send("PUT", "/webhooks/beta", Scope.WEBHOOKS_WRITE,
                "{\"eventTypes\": [\"Project:Updated\"], \"url\": \"https://x.example.com/\"}", etag);
        assertEquals(409, dirty.statusCode(), dirty.body());
        assertTrue(dirty.body().contains("hooks.groovy has uncommitted changes"), dirty.body());
        assertEquals(1, repo.log().size());
    }

    @Test
    void writesNeedTheirOwnScopes() {
        HttpResponse<String> create = send("POST", "/webhooks", Scope.WEBHOOKS_WRITE, erpBudget(), null);
        assertEquals(403, create.statusCode(), create.body());
        assertTrue(create.body().contains("webhooks:create"), create.body());
        HttpResponse<String> delete = send("DELETE", "/webhooks/beta", Scope.WEBHOOKS_WRITE, null, "*");
        assertEquals(403, delete.statusCode(), delete.body());
        assertTrue(delete.body().contains("webhooks:delete"), delete.body());
        assertEquals(403, send("PUT", "/webhooks/beta", Scope.WEBHOOKS_CREATE, "{}", "*").statusCode());
        assertEquals(201, send("POST", "/webhooks", Scope.ADMIN, erpBudget(), null).statusCode(), "admin may");
    }

    @Test
    void deletingOneWebhookAndThenEveryEditableOne() throws Exception {
        HttpResponse<String> created = send("POST", "/webhooks", Scope.WEBHOOKS_CREATE, erpBudget(), null);
        HttpResponse<String> gone = send("DELETE", "/webhooks/erp_budget", Scope.WEBHOOKS_DELETE, null,
                etag(created));
        assertEquals(204, gone.statusCode(), gone.body());
        assertFalse(Files.exists(folder.resolve("erp_budget.groovy")), "its own file goes with it");
        assertEquals(404, send("GET", "/webhooks/erp_budget/definition", Scope.WEBHOOKS_READ, null, null)
                .statusCode());
        assertEquals(List.of("erp_budget.groovy"), repo.changed(repo.head()));
        assertEquals("Delete webhook erp_budget", repo.head().getFullMessage());

        HttpResponse<String> all = send("DELETE", "/webhooks?all=true", Scope.WEBHOOKS_DELETE, null, null);
        assertEquals(200, all.statusCode(), all.body());
        Map<String, Object> answer = ServerFixture.json(all);
        assertEquals(List.of("alpha", "beta"), answer.get("deleted"));
        assertTrue(all.body().contains("\"code\":\"gamma\""), "the where one is kept, with why: " + all.body());
        assertEquals(4, repo.log().size(), "one commit for all");
        String left = file("hooks.groovy");
        assertFalse(left.contains("webhook('alpha')") || left.contains("webhook('beta')"), left);
        assertTrue(left.contains("// Hand-written: the ERP's webhooks. Keep this comment.")
                && left.contains("webhook('gamma')"), left);
        assertEquals(404, send("GET", "/webhooks/alpha/definition", Scope.WEBHOOKS_READ, null, null).statusCode());
        assertEquals(400, send("DELETE", "/webhooks", Scope.WEBHOOKS_DELETE, null, null).statusCode());
    }

    @Test
    void aBodyTemplateTextIsWrittenInTheSameCommitAndStaysUnderTemplates() throws Exception {
        String doc = """
                {"code": "erp_file", "eventTypes": ["Project:Updated"], "url": "%s/erp-file",
                 "headers": [{"name": "Content-Type", "value": "application/json"}],
                 "bodyTemplate": "erp/budget.ftl", "bodyTemplateText": "{\\"key\\": ${json(entity.key)}}"}"""
                .formatted(receiverUrl());
        HttpResponse<String> created = send("POST", "/webhooks", Scope.WEBHOOKS_CREATE, doc, null);
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(List.of("erp_file.groovy", "templates/erp/budget.ftl"), repo.changed(repo.head()));
        assertEquals("{\"key\": ${json(entity.key)}}", file("templates/erp/budget.ftl"));
        assertFalse(created.body().contains("bodyTemplateText"), created.body());
        assertEquals("erp/budget.ftl", ServerFixture.json(created).get("bodyTemplate"));

        HttpResponse<String> escaping = send("POST", "/webhooks", Scope.WEBHOOKS_CREATE,
                doc.replace("erp_file", "erp_out").replace("erp/budget.ftl", "../../outside.ftl"), null);
        assertEquals(422, escaping.statusCode(), escaping.body());
        assertEquals("bodyTemplate", ServerFixture.json(escaping).get("field"));

        Path outside = Files.writeString(dir.resolve("outside.ftl"), "{}");
        Files.createSymbolicLink(folder.resolve("templates/link.ftl"), outside);
        HttpResponse<String> link = send("POST", "/webhooks", Scope.WEBHOOKS_CREATE,
                doc.replace("erp_file", "erp_link").replace("erp/budget.ftl", "link.ftl"), null);
        assertEquals(422, link.statusCode(), link.body());
        assertTrue(link.body().contains("symbolic link"), link.body());
        assertEquals("{}", Files.readString(outside), "nothing written through the link");
    }

    @Test
    void aFolderOutsideGitTakesNoWrites() throws Exception {
        repo.close();
        org.eclipse.jgit.util.FileUtils.delete(folder.resolve(".git").toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE);
        HttpResponse<String> create = send("POST", "/webhooks", Scope.WEBHOOKS_CREATE, erpBudget(), null);
        assertEquals(409, create.statusCode(), create.body());
        assertTrue(create.body().contains("not in a git work tree"), create.body());
        assertFalse(Files.exists(folder.resolve("erp_budget.groovy")));
        HttpResponse<String> read = send("GET", "/webhooks/beta/definition", Scope.WEBHOOKS_READ, null, null);
        assertEquals(200, read.statusCode(), "reads still answer: " + read.body());
        assertTrue(etag(read).startsWith("\"content-"), etag(read));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theHistoryOfAWebhookHasTheCommitsThatChangedItNewestFirstWithDiffsWhenAsked() throws Exception {
        String beta = etag(send("GET", "/webhooks/beta/definition", Scope.WEBHOOKS_READ, null, null));
        String betaDoc = "{\"eventTypes\": [\"Project:Updated\"], \"url\": \"" + receiverUrl() + "/b2\"}";
        beta = etag(send("PUT", "/webhooks/beta", Scope.WEBHOOKS_WRITE, betaDoc, beta));
        String alpha = etag(send("GET", "/webhooks/alpha/definition", Scope.WEBHOOKS_READ, null, null));
        assertEquals(200, send("PUT", "/webhooks/alpha", Scope.WEBHOOKS_WRITE, "{\"eventTypes\": [\"Task:*\"], "
                + "\"url\": \"" + receiverUrl() + "/a2\", \"message\": \"Alpha listens to tasks\"}", alpha)
                .statusCode());
        assertEquals(200, send("PUT", "/webhooks/beta", Scope.ADMIN, betaDoc.replace("b2", "b3"), beta).statusCode());

        HttpResponse<String> history = send("GET", "/webhooks/beta/history", Scope.WEBHOOKS_READ, null, null);
        assertEquals(200, history.statusCode(), history.body());
        List<Map<String, Object>> commits = (List<Map<String, Object>>) (List<?>) list(history);
        assertEquals(List.of("admin", "webhooks:write", "Anna Doe"), commits.stream().map(c -> c.get("author")).toList(),
                "alpha's commit is not beta's: " + history.body());
        assertEquals("Update webhook beta: filter, url", commits.get(1).get("message"));
        assertEquals(repo.head().getId().name(), commits.get(0).get("commit"));
        assertFalse(commits.get(0).containsKey("diff"));

        HttpResponse<String> diffs = send("GET", "/webhooks/beta/history?diff=true", Scope.WEBHOOKS_READ, null, null);
        List<Map<String, Object>> withDiffs = (List<Map<String, Object>>) (List<?>) list(diffs);
        String last = (String) withDiffs.get(0).get("diff");
        assertTrue(last.startsWith("--- a/hooks.groovy\n+++ b/hooks.groovy\n@@ -11,6 +11,6 @@\n webhook('beta') {\n"),
                "numbered as the file (alpha above it is shorter now): " + last);
        assertTrue(last.contains("-        post '" + receiverUrl() + "/b2'\n+        post '" + receiverUrl() + "/b3'"),
                last);
        assertFalse(last.contains("alpha") || last.contains("gamma"), "beta's block alone: " + last);
        String first = (String) withDiffs.get(2).get("diff");
        assertTrue(first.startsWith("--- /dev/null\n+++ b/hooks.groovy\n@@ -0,0 +13,9 @@\n+webhook('beta') {   // the one"),
                "the file's first commit, beta's block alone: " + first);
        assertFalse(first.contains("Hand-written") || first.contains("webhook('alpha')"), first);
    }

    @Test
    void aDefinitionsFolderInsideALargerWorkTreeCommitsOnlyItsOwnFiles() throws Exception {
        repo.close();
        org.eclipse.jgit.util.FileUtils.delete(folder.resolve(".git").toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE);
        Files.writeString(dir.resolve(".gitignore"), "*.db*\n");
        Files.writeString(dir.resolve("notes.txt"), "the team's notes\n");
        repo = Repo.init(dir);
        Files.writeString(dir.resolve("notes.txt"), "the team's notes, changed and not committed\n");
        String etag = etag(send("GET", "/webhooks/beta/definition", Scope.WEBHOOKS_READ, null, null));

        HttpResponse<String> put = send("PUT", "/webhooks/beta", Scope.WEBHOOKS_WRITE,
                "{\"eventTypes\": [\"Project:Updated\"], \"url\": \"" + receiverUrl() + "/b2\"}", etag);

        assertEquals(200, put.statusCode(), put.body());
        assertEquals(List.of("webhooks/hooks.groovy"), repo.changed(repo.head()));
        assertEquals(java.util.Set.of("notes.txt"), repo.git.status().call().getModified(),
                "the other change stays uncommitted");
        HttpResponse<String> history = send("GET", "/webhooks/beta/history", Scope.WEBHOOKS_READ, null, null);
        assertEquals(2, list(history).size(), history.body());
    }

    @Test
    void aWriteIsCheckedWithTheWholeFolderItWouldJoin() throws Exception {
        Files.writeString(folder.resolve("broken.groovy"), "webhook('broken') {\n    on 'Project'\n"
                + "    request { post 'https://x.example.com/' }\n}\n");
        RevCommit head = repo.head();

        HttpResponse<String> create = send("POST", "/webhooks", Scope.WEBHOOKS_CREATE, erpBudget(), null);

        assertEquals(422, create.statusCode(), create.body());
        assertTrue(create.body().contains("\"file\":\"broken.groovy\",\"line\":2"), create.body());
        assertFalse(Files.exists(folder.resolve("erp_budget.groovy")), "nothing written");
        assertEquals(head, repo.head(), "nothing committed");
        assertEquals(404, send("GET", "/webhooks/erp_budget/definition", Scope.WEBHOOKS_READ, null, null).statusCode(),
                "the running set is untouched");
    }

    @Test
    void aRepositoryWithoutACommitYetTakesTheFirstOne() throws Exception {
        repo.close();
        org.eclipse.jgit.util.FileUtils.delete(folder.resolve(".git").toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE);
        repo = Repo.empty(folder);

        HttpResponse<String> create = send("POST", "/webhooks", Scope.WEBHOOKS_CREATE, erpBudget(), null);

        assertEquals(201, create.statusCode(), create.body());
        assertEquals(1, repo.log().size());
        assertEquals(List.of("erp_budget.groovy"), repo.changed(repo.head()));
    }
}
