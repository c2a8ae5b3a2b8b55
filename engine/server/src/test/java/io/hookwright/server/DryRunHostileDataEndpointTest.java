package io.hookwright.server;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.event.EventJson;
import io.hookwright.server.auth.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /dry-run} by a webhooks:read caller with event data made to stall matching: the answer comes promptly,
 * says why the regex criterion was not decided, and the server answers the next request as before.
 */
class DryRunHostileDataEndpointTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** Each answer takes milliseconds; without the regex limits the first one does not come for hours. */
    private static final Duration PROMPTLY = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private ServerFixture server;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(dir.resolve("workspace"));
        Files.writeString(dir.resolve("workspace/acme.json"), """
                {"entities": [{"type": "Project", "id": "p-1", "key": "DEMO", "tenant": "acme",
                               "attributes": {"Name": "Demo", "Budget": 5000}}]}""");
        server = new ServerFixture(dir, receiver.getPort(), """
                webhook('named') {
                    on 'Project:Updated'
                    filter { field('Name').matches '^((a+)+)\\\\2b' }
                    request { post 'RECEIVER/named' }
                }
                webhook('unnamed') {
                    on 'Project:Updated'
                    filter { not { field('Name').matches '(a+)+c' } }
                    request { post 'RECEIVER/unnamed' }
                }
                webhook('all') {
                    on 'Project:Updated'
                    request { post 'RECEIVER/all' }
                }
                """);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> dryRun(String name) {
        Map<String, Object> body = Map.of("project", "DEMO", "event", "Project:Updated", "set", Map.of("Name", name));
        HttpResponse<String> answer = assertTimeoutPreemptively(PROMPTLY,
                () -> server.post("/dry-run", Scope.WEBHOOKS_READ, EventJson.write(body)));
        assertEquals(200, answer.statusCode(), () -> answer.body().substring(0, Math.min(500, answer.body().length())));
        Map<String, Map<String, Object>> byCode = new LinkedHashMap<>();
        ((List<Map<String, Object>>) ServerFixture.json(answer).get("webhooks"))
                .forEach(w -> byCode.put((String) w.get("code"), w));
        return byCode;
    }

    @SuppressWarnings("unchecked")
    private static String reason(Map<String, Object> webhook) {
        return ((List<String>) webhook.get("reasons")).get(0);
    }

    @Test
    void aCatastrophicNameIsAnsweredPromptlyWithTheReason() {
        Map<String, Map<String, Object>> webhooks = dryRun("a".repeat(30_000) + "!");
        assertEquals(false, webhooks.get("named").get("matched"));
        assertTrue(reason(webhooks.get("named")).matches("Name 'a{80}…' \\(30,001 characters\\) could not be matched "
                + "against /\\^\\(\\(a\\+\\)\\+\\)\\\\2b/: .*(ms and was stopped|ran out of stack.*)"), reason(webhooks.get("named")));
        assertEquals(false, webhooks.get("unnamed").get("matched"), "a stopped match inside not { } does not fire");
        assertTrue(reason(webhooks.get("unnamed")).startsWith("not { } is undecided: Name 'a"), reason(webhooks.get("unnamed")));
        assertEquals(true, webhooks.get("all").get("matched"));
    }

    @Test
    void aNameOverTheTextLimitIsRefusedBeforeAnyMatchingWithItsField() {
        Map<String, Object> body = Map.of("project", "DEMO", "event", "Project:Updated",
                "set", Map.of("Name", "b".repeat(480_000)));
        HttpResponse<String> answer = assertTimeoutPreemptively(PROMPTLY,
                () -> server.post("/dry-run", Scope.WEBHOOKS_READ, EventJson.write(body)));
        assertEquals(400, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("entity.attributes.Name: is text of 480000 characters; at most 100000"),
                answer.body());
    }

    @Test
    void theServerGoesOnAnsweringAfterManyHostileDryRuns() {
        for (int i = 0; i < 10; i++) {
            dryRun("a".repeat(25_000 + i) + "!");
        }
        Map<String, Map<String, Object>> webhooks = dryRun("aab");
        assertEquals(true, webhooks.get("named").get("matched"));
        assertEquals(true, webhooks.get("unnamed").get("matched"), reason(webhooks.get("unnamed")));
        assertEquals(200, server.send("GET", "/health", null, null).statusCode());
        assertEquals(0, receiver.findAll(anyRequestedFor(anyUrl())).size(), "a dry-run sends nothing");
    }
}
