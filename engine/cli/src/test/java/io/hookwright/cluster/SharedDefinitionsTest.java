package io.hookwright.cluster;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.testdb.Backend;
import io.hookwright.testwait.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Three engine nodes on one PostgreSQL database, each with its own copy of the definitions folder: a reload on one
 * node reaches the others within seconds, a node restarted on a stale copy follows the set that runs, a node started
 * on a new set publishes it, and a webhook deactivated through one node is skipped by all.
 */
@Tag("slow")
class SharedDefinitionsTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final AtomicInteger EVENTS = new AtomicInteger();

    @TempDir
    Path dir;
    private String url;
    private final List<InProcessNode> nodes = new ArrayList<>();

    @BeforeEach
    void cluster() {
        receiver.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));
        url = Backend.POSTGRES.url(null);
        for (int n = 1; n <= 3; n++) {
            write(n, "erp.groovy", webhook("erp"));
            nodes.add(start(n));
        }
    }

    @AfterEach
    void stop() {
        nodes.forEach(InProcessNode::close);
    }

    private InProcessNode start(int n) {
        return new InProcessNode(url, "node-" + n, folder(n), receiver.getPort());
    }

    private InProcessNode node(int n) {
        return nodes.get(n - 1);
    }

    private Path folder(int n) {
        return dir.resolve("node-" + n).resolve("webhooks");
    }

    private void write(int node, String file, String text) {
        try {
            Files.createDirectories(folder(node));
            Files.writeString(folder(node).resolve(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A synchronous after-commit webhook: the answer to {@code POST /events} tells what it did. */
    private String webhook(String code) {
        return """
                webhook('%s') {
                    on 'Project:Updated'
                    request {
                        post 'http://localhost:%d/%s'
                        body '{"project": "${entity.key}"}'
                    }
                    execution {
                        synchronous true
                        transaction 'after-commit'
                    }
                }
                """.formatted(code, receiver.getPort(), code);
    }

    /** Posts a new event to a node; returns each fired webhook with what its run did. */
    @SuppressWarnings("unchecked")
    private Map<String, String> post(int node) {
        String event = """
                {"id": "evt-%d", "type": "Project:Updated",
                 "entity": {"type": "Project", "id": "p-1", "key": "DEMO", "attributes": {"Status": "Done"}}}"""
                .formatted(EVENTS.incrementAndGet());
        Map<String, Object> answer = node(node).json("POST", "/events", event);
        Map<String, Object> result = ((List<Map<String, Object>>) answer.get("results")).get(0);
        Map<String, String> fired = new java.util.TreeMap<>();
        ((List<Map<String, Object>>) result.get("runs")).forEach(r -> fired.put((String) r.get("webhook"),
                r.get("status") + " " + r.get("runId")));
        return fired;
    }

    private static Set<String> codes(Map<String, String> fired) {
        return new TreeSet<>(fired.keySet());
    }

    /** Waits up to 10 s for {@code condition}; returns how long it took. */
    private static long await(String what, Supplier<Boolean> condition) {
        long start = System.nanoTime();
        Await.until(Duration.ofSeconds(10), condition::get, what);
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void aReloadThroughNodeOneReachesNodeThreeWithinSeconds() {
        String before = node(1).revision();
        assertEquals(before, node(3).revision(), "three copies of one folder are one set");
        assertEquals(Set.of("erp"), codes(post(3)));

        write(1, "crm.groovy", webhook("crm"));
        Map<String, Object> reload = node(1).json("POST", "/admin/reload", null);
        String after = (String) reload.get("revision");
        assertNotEquals(before, after);
        assertEquals(2, reload.get("webhooks"));

        long took = await("node 3 loading revision " + after, () -> after.equals(node(3).revision()));
        System.out.println("node 3 ran the reloaded set " + took + " ms after node 1's reload answered");
        Map<String, String> fired = post(3);
        assertEquals(Set.of("crm", "erp"), codes(fired), "an event posted to node 3 matches the new set");
        String runId = fired.get("crm").split(" ")[1];
        Map<String, Object> run = node(2).json("GET", "/runs/" + runId, null);
        assertEquals(after, run.get("revision"), "the run log shows the revision each run used");
        assertEquals("node-3", run.get("node"));
        await("node 2 loading revision " + after, () -> after.equals(node(2).revision()));
    }

    @Test
    void aNodeRestartedOnAStaleFolderFollowsTheSetThatRuns() {
        write(1, "crm.groovy", webhook("crm"));
        String after = (String) node(1).json("POST", "/admin/reload", null).get("revision");
        await("node 3 following", () -> after.equals(node(3).revision()));

        node(3).close();
        nodes.set(2, start(3));
        assertEquals(after, node(3).revision(), "a stale copy does not take the nodes back to an older set");
        assertEquals(Set.of("crm", "erp"), codes(post(3)));
        assertEquals(after, node(1).revision());
    }

    @Test
    void aNodeStartedOnANewSetDeploysItToTheOthers() {
        write(2, "crm.groovy", webhook("crm"));
        node(2).close();
        nodes.set(1, start(2));
        String deployed = node(2).revision();

        await("node 1 following", () -> deployed.equals(node(1).revision()));
        await("node 3 following", () -> deployed.equals(node(3).revision()));
        assertEquals(Set.of("crm", "erp"), codes(post(1)));
    }

    @Test
    void aBrokenReloadChangesNothingOnAnyNode() {
        String before = node(1).revision();
        write(1, "broken.groovy", "webhook('broken') { on 'Nope' }");
        assertEquals(422, node(1).send("POST", "/admin/reload", null).statusCode());
        assertEquals(before, node(1).revision());
        assertEquals(before, node(3).revision());
        assertEquals(Set.of("erp"), codes(post(3)));
    }

    @Test
    void aWebhookDeactivatedThroughOneNodeIsSkippedByAll() {
        assertEquals("succeeded", post(2).get("erp").split(" ")[0]);
        node(1).json("POST", "/webhooks/erp/deactivate?reason=maintenance", null);

        long took = await("node 2 skipping erp", () -> post(2).get("erp").startsWith("skipped"));
        long third = await("node 3 skipping erp", () -> post(3).get("erp").startsWith("skipped"));
        System.out.println("nodes 2 and 3 skipped the deactivated webhook after " + took + " and " + third + " ms");
        node(3).json("POST", "/webhooks/erp/activate", null);
        await("node 1 sending erp again", () -> post(1).get("erp").startsWith("succeeded"));
    }
}
