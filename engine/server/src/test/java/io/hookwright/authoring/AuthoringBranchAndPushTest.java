package io.hookwright.authoring;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.server.ServerFixture;
import io.hookwright.server.auth.Scope;
import io.hookwright.server.auth.Tokens;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * serve --authoring branch (each change a commit on a branch of its own, nothing live until merged), --push to a
 * real bare repository, a push that fails, a reload refused after a commit, and commits authored with the e-mail
 * the tokens file gives: over real HTTP on real git repositories.
 */
class AuthoringBranchAndPushTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;
    private ServerFixture server;
    private Repo repo;
    private Path folder;
    private Git remote;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void repositories() throws Exception {
        receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));
        folder = dir.resolve("webhooks");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("hooks.groovy"), AuthoringEndpointTest.HOOKS.replace("RECEIVER",
                "http://localhost:" + receiver.getPort()));
        repo = Repo.init(folder);
        remote = Git.init().setBare(true).setDirectory(dir.resolve("remote.git").toFile()).setInitialBranch("main").call();
        repo.git.remoteAdd().setName("origin").setUri(new URIish(dir.resolve("remote.git").toUri().toURL())).call();
    }

    /** Serves the folder written above (the fixture writes it again, the same) with these settings. */
    private void serve(UnaryOperator<io.hookwright.server.ServerSettings.Builder> settings) {
        server = new ServerFixture(dir, receiver.getPort(), AuthoringEndpointTest.HOOKS, settings, UnaryOperator.identity());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        repo.close();
        remote.close();
    }

    private HttpResponse<String> send(String method, String path, String token, String json, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Authorization", "Bearer " + token);
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

    private String erp() {
        return "{\"code\": \"erp\", \"eventTypes\": [\"Project:Updated\"], \"url\": \"http://localhost:"
                + receiver.getPort() + "/erp\"}";
    }

    private static String fileAt(Repository repository, ObjectId commit, String path) throws Exception {
        try (RevWalk walk = new RevWalk(repository);
             TreeWalk file = TreeWalk.forPath(repository, path, walk.parseCommit(commit).getTree())) {
            return file == null ? null
                    : new String(repository.open(file.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String etag(HttpResponse<String> response) {
        return response.headers().firstValue("ETag").orElseThrow();
    }

    @Test
    void inBranchModeEachChangeIsACommitOnANewBranchAndNothingGoesLive() throws Exception {
        serve(s -> s.authoring(AuthoringMode.BRANCH));
        RevCommit head = repo.head();
        String before = Files.readString(folder.resolve("hooks.groovy"));

        HttpResponse<String> created = send("POST", "/webhooks", ServerFixture.token(Scope.ADMIN), erp(), null);

        assertEquals(202, created.statusCode(), created.body());
        Map<String, Object> answer = ServerFixture.json(created);
        String branch = (String) answer.get("branch");
        assertTrue(branch.matches("hookwright/erp-[0-9a-f]{7}"), branch);
        Repository git = repo.git.getRepository();
        ObjectId tip = git.resolve("refs/heads/" + branch);
        assertEquals(tip.abbreviate(12).name(), answer.get("commit"));
        assertTrue(branch.endsWith(tip.abbreviate(7).name()), "the branch is named by its commit");
        try (RevWalk walk = new RevWalk(git)) {
            RevCommit proposed = walk.parseCommit(tip);
            assertEquals(head, proposed.getParent(0), "on top of the branch checked out");
            assertEquals(List.of("erp.groovy"), repo.changed(proposed));
            assertTrue(proposed.getFullMessage().startsWith("Create webhook erp"), proposed.getFullMessage());
            assertEquals("admin", proposed.getAuthorIdent().getName());
        }
        assertTrue(fileAt(git, tip, "erp.groovy").startsWith("webhook('erp') {"));
        assertEquals(before, fileAt(git, tip, "hooks.groovy"), "the other files as HEAD has them");

        assertEquals(head, repo.head(), "the branch checked out does not move");
        assertEquals("refs/heads/main", git.getFullBranch());
        assertFalse(Files.exists(folder.resolve("erp.groovy")), "the work tree is unchanged");
        assertTrue(repo.clean());
        assertEquals(404, send("GET", "/webhooks/erp/definition", ServerFixture.token(Scope.ADMIN), null, null)
                .statusCode(), "the running set is unchanged");
        assertEquals(202, server.post("/events", Scope.EVENTS_WRITE, """
                {"id": "evt-b1", "type": "Project:Updated", "entity": {"type": "Project", "id": "p-1"}}""")
                .statusCode());
        server.engineFixture.awaitIdle();
        receiver.verify(0, postRequestedFor(urlEqualTo("/erp")));

        String beta = etag(send("GET", "/webhooks/beta/definition", ServerFixture.token(Scope.ADMIN), null, null));
        HttpResponse<String> edited = send("PUT", "/webhooks/beta", ServerFixture.token(Scope.WEBHOOKS_WRITE),
                "{\"eventTypes\": [\"Project:Updated\"], \"url\": \"https://erp.example.com/beta-v2\"}", beta);
        assertEquals(202, edited.statusCode(), edited.body());
        String editBranch = (String) ServerFixture.json(edited).get("branch");
        assertTrue(editBranch.startsWith("hookwright/beta-"), editBranch);
        String proposedFile = fileAt(git, git.resolve("refs/heads/" + editBranch), "hooks.groovy");
        assertTrue(proposedFile.contains("post 'https://erp.example.com/beta-v2'"), proposedFile);
        assertTrue(proposedFile.contains("// Hand-written: the ERP's webhooks. Keep this comment."), proposedFile);
        assertEquals(before, Files.readString(folder.resolve("hooks.groovy")), "the work tree's file is as it was");

        HttpResponse<String> deleted = send("DELETE", "/webhooks/alpha", ServerFixture.token(Scope.WEBHOOKS_DELETE),
                null, etag(send("GET", "/webhooks/alpha/definition", ServerFixture.token(Scope.ADMIN), null, null)));
        assertEquals(202, deleted.statusCode(), deleted.body());
        assertFalse(fileAt(git, git.resolve("refs/heads/" + ServerFixture.json(deleted).get("branch")), "hooks.groovy")
                .contains("webhook('alpha')"));
        assertEquals(200, send("GET", "/webhooks/alpha/definition", ServerFixture.token(Scope.ADMIN), null, null)
                .statusCode(), "alpha still runs until the branch is merged");

        HttpResponse<String> all = send("DELETE", "/webhooks?all=true", ServerFixture.token(Scope.WEBHOOKS_DELETE),
                null, null);
        assertEquals(202, all.statusCode(), all.body());
        Map<String, Object> deletedAll = ServerFixture.json(all);
        assertEquals(List.of("alpha", "beta"), deletedAll.get("deleted"));
        assertTrue(((String) deletedAll.get("branch")).startsWith("hookwright/all-"), all.body());
        assertEquals(head, repo.head());
        assertEquals(before, Files.readString(folder.resolve("hooks.groovy")));
    }

    @Test
    void withPushTheProposedBranchReachesTheRemote() throws Exception {
        serve(s -> s.authoring(AuthoringMode.BRANCH).push("origin"));

        HttpResponse<String> created = send("POST", "/webhooks", ServerFixture.token(Scope.ADMIN), erp(), null);

        assertEquals(202, created.statusCode(), created.body());
        Map<String, Object> answer = ServerFixture.json(created);
        String branch = (String) answer.get("branch");
        assertEquals(Map.of("remote", "origin", "ref", "refs/heads/" + branch, "pushed", true), answer.get("push"));
        ObjectId pushed = remote.getRepository().resolve("refs/heads/" + branch);
        assertNotNull(pushed, "the branch is on the remote");
        assertEquals(repo.git.getRepository().resolve("refs/heads/" + branch), pushed);
        assertNull(remote.getRepository().resolve("refs/heads/main"), "only the new branch is pushed");
    }

    @Test
    void inDirectModePushSendsTheCheckedOutBranch() throws Exception {
        serve(s -> s.push(dir.resolve("remote.git").toString()));

        HttpResponse<String> created = send("POST", "/webhooks", ServerFixture.token(Scope.ADMIN), erp(), null);

        assertEquals(201, created.statusCode(), created.body());
        @SuppressWarnings("unchecked")
        Map<String, Object> push = (Map<String, Object>) ServerFixture.json(created).get("push");
        assertEquals(true, push.get("pushed"), created.body());
        assertEquals("refs/heads/main", push.get("ref"));
        assertEquals(repo.head().getId(), remote.getRepository().resolve("refs/heads/main"));
        assertTrue(Files.exists(folder.resolve("erp.groovy")), "direct: written, committed and live");
        assertEquals(200, send("GET", "/webhooks/erp/definition", ServerFixture.token(Scope.ADMIN), null, null)
                .statusCode());
    }

    @Test
    void aPushTheRemoteRefusesLeavesTheCommitAndSaysSo() throws Exception {
        // Someone else pushed an unrelated main first: this node's main cannot be pushed over it.
        try (Git other = Git.init().setDirectory(dir.resolve("other").toFile()).setInitialBranch("main").call()) {
            Files.writeString(dir.resolve("other/README"), "another history\n");
            other.add().addFilepattern("README").call();
            PersonIdent bob = new PersonIdent("Bob", "bob@example.com");
            other.commit().setAuthor(bob).setCommitter(bob).setMessage("Other").call();
            other.push().setRemote(dir.resolve("remote.git").toString()).setRefSpecs(new RefSpec("main:main")).call();
        }
        ObjectId theirs = remote.getRepository().resolve("refs/heads/main");
        List<String> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(Authoring.class.getName());
        log.addHandler(handler);
        try {
            serve(s -> s.push("origin"));
            HttpResponse<String> created = send("POST", "/webhooks", ServerFixture.token(Scope.ADMIN), erp(), null);

            assertEquals(201, created.statusCode(), "the change is made: " + created.body());
            @SuppressWarnings("unchecked")
            Map<String, Object> push = (Map<String, Object>) ServerFixture.json(created).get("push");
            assertEquals(false, push.get("pushed"), created.body());
            assertTrue(((String) push.get("error")).contains("REJECTED_NONFASTFORWARD"), created.body());
            assertTrue(((String) push.get("error")).contains("the commit stays"), created.body());
            assertEquals(List.of("erp.groovy"), repo.changed(repo.head()), "the commit is in the work tree");
            assertEquals(theirs, remote.getRepository().resolve("refs/heads/main"), "the remote is as it was");
            String commit = repo.head().getId().abbreviate(12).name();
            assertTrue(logged.stream().anyMatch(l -> l.startsWith("pushing refs/heads/main (commit " + commit
                    + ") to origin failed")), logged.toString());
        } finally {
            log.removeHandler(handler);
        }
    }

    @Test
    void aReloadRefusedAfterTheCommitSaysTheCommitIsMadeAndNothingRunsNew() throws Exception {
        // A post-commit hook that breaks the folder: the check before the commit passed, the reload after it fails.
        Path hook = folder.resolve(".git/hooks/post-commit");
        Files.createDirectories(hook.getParent());
        Files.writeString(hook, "#!/bin/sh\nprintf \"webhook('broken') {\\n    on 'Nope'\\n}\\n\" > '"
                + folder.toAbsolutePath().resolve("broken.groovy") + "'\n");
        assertTrue(hook.toFile().setExecutable(true));
        serve(UnaryOperator.identity());

        HttpResponse<String> created = send("POST", "/webhooks", ServerFixture.token(Scope.ADMIN), erp(), null);

        assertEquals(409, created.statusCode(), created.body());
        assertEquals("application/problem+json", created.headers().firstValue("Content-Type").orElse(null));
        Map<String, Object> problem = ServerFixture.json(created);
        assertEquals("Committed, not reloaded", problem.get("title"));
        assertEquals(repo.head().getId().abbreviate(12).name(), problem.get("commit"));
        assertTrue(((String) problem.get("detail")).contains("the running set is unchanged"), created.body());
        assertTrue(created.body().contains("\"file\":\"broken.groovy\",\"line\":2"), created.body());
        assertEquals(List.of("erp.groovy"), repo.changed(repo.head()), "the commit is made");
        assertEquals(404, send("GET", "/webhooks/erp/definition", ServerFixture.token(Scope.ADMIN), null, null)
                .statusCode(), "the running set is the one before");
    }

    @Test
    void aTokenWithAnEmailInTheTokensFileAuthorsCommitsWithIt() throws Exception {
        Path tokens = Files.writeString(dir.resolve("tokens"), "# name <e-mail> scopes... digest\n"
                + Tokens.line("anna", "anna.doe@company.com", java.util.EnumSet.of(Scope.WEBHOOKS_CREATE), "anna-token")
                + "\n" + Tokens.line("bot", java.util.EnumSet.of(Scope.WEBHOOKS_CREATE), "bot-token") + "\n");
        assertTrue(Files.readString(tokens).contains("anna <anna.doe@company.com> webhooks:create sha256:"));
        server = new ServerFixture(dir, receiver.getPort(), AuthoringEndpointTest.HOOKS, UnaryOperator.identity(), t -> {
            try {
                return Tokens.load(tokens, null);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });

        assertEquals(201, send("POST", "/webhooks", "anna-token", erp(), null).statusCode());
        PersonIdent anna = repo.head().getAuthorIdent();
        assertEquals("anna", anna.getName());
        assertEquals("anna.doe@company.com", anna.getEmailAddress());

        assertEquals(201, send("POST", "/webhooks", "bot-token", erp().replace("\"erp\"", "\"crm\""), null).statusCode());
        assertEquals("bot", repo.head().getAuthorIdent().getName());
        assertEquals("", repo.head().getAuthorIdent().getEmailAddress(), "a token without one: as before");
    }
}
