package io.hookwright.cluster;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.testdb.Backend;
import io.hookwright.testwait.Await;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two nodes on one PostgreSQL database: a webhook created over node A's REST API is a commit in node A's work tree,
 * and, published with the set, is delivered by node B, whose own folder never had it.
 */
@Tag("slow")
class AuthoringAcrossNodesTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;
    private InProcessNode a;
    private InProcessNode b;
    private Git git;

    private String erp() {
        return """
                webhook('erp') {
                    on 'Project:Updated'
                    request { post 'http://localhost:%d/erp' }
                }
                """.formatted(receiver.getPort());
    }

    @BeforeEach
    void nodes() throws Exception {
        receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));
        String url = Backend.POSTGRES.url(null);
        Path folderA = dir.resolve("node-a/webhooks");
        Path folderB = dir.resolve("node-b/webhooks");
        for (Path folder : List.of(folderA, folderB)) {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("erp.groovy"), erp());
        }
        git = Git.init().setDirectory(folderA.toFile()).setInitialBranch("main").call();
        git.add().addFilepattern(".").call();
        PersonIdent anna = new PersonIdent("Anna Doe", "anna.doe@company.com");
        git.commit().setAuthor(anna).setCommitter(anna).setMessage("The ERP's webhook").call();
        a = new InProcessNode(url, "node-a", folderA, receiver.getPort());
        b = new InProcessNode(url, "node-b", folderB, receiver.getPort());
    }

    @AfterEach
    void stop() {
        b.close();
        a.close();
        git.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWebhookCreatedThroughNodeAIsDeliveredByNodeB() throws Exception {
        HttpResponse<String> created = a.send("POST", "/webhooks", """
                {"code": "crm", "eventTypes": ["Project:Updated"], "url": "http://localhost:%d/crm",
                 "body": "{\\"project\\": \\"${entity.key}\\"}",
                 "execution": {"synchronous": true, "transaction": "after-commit"}}""".formatted(receiver.getPort()));
        assertEquals(201, created.statusCode(), created.body());

        RevCommit commit = git.log().setMaxCount(1).call().iterator().next();
        assertEquals("Create webhook crm", commit.getFullMessage(), "the commit is in node A's work tree");
        assertTrue(git.status().call().isClean());
        String revision = a.revision();
        Await.until(Duration.ofSeconds(10), () -> revision.equals(b.revision()), "node B following node A's set");

        Map<String, Object> answer = b.json("POST", "/events", """
                {"id": "evt-across-1", "type": "Project:Updated",
                 "entity": {"type": "Project", "id": "p-1", "key": "DEMO", "attributes": {}}}""");
        Map<String, Object> result = ((List<Map<String, Object>>) answer.get("results")).get(0);
        Map<String, Object> crm = ((List<Map<String, Object>>) result.get("runs")).stream()
                .filter(r -> "crm".equals(r.get("webhook"))).findFirst().orElseThrow(() -> new AssertionError(answer));
        assertEquals("succeeded", crm.get("status"), answer.toString());
        assertEquals("node-b", b.json("GET", "/runs/" + crm.get("runId"), null).get("node"));
        receiver.verify(1, postRequestedFor(urlEqualTo("/crm")));
        assertFalse(Files.exists(dir.resolve("node-b/webhooks/crm.groovy")), "node B ran the published set");
    }
}
