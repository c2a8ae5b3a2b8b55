package io.hookwright.execution;

import io.hookwright.errors.WebhookVetoedException;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A template stopped by a render limit while an event is published, on the host's own thread: the webhook's run is
 * logged as failed (or vetoes the host's transaction when it is sync-inside), nothing is sent, and the host's thread
 * is left uninterrupted.
 */
class RenderLimitsOnPublishTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;
    private EngineFixture fixture;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static String webhook(String code, String execution, String body) {
        return """
                webhook('%s') {
                    on 'Project:Updated'
                    request {
                        post 'RECEIVER/%s'
                        header 'Content-Type', 'application/json'
                        body '%s'
                    }
                    execution {
                %s
                    }
                }
                """.formatted(code, code, body, execution.indent(8).stripTrailing());
    }

    @Test
    void aStoppedTemplateLogsAFailedRunSendsNothingAndLeavesTheHostThreadAsItWas() {
        fixture = new EngineFixture(dir, receiver.getPort(),
                webhook("sync_after", "synchronous true\ntransaction 'after-commit'", "<#macro m><@m/></#macro><@m/>")
                        + webhook("async_inside", "synchronous false\ntransaction 'inside'",
                        "<#list 1..2147483647 as i></#list>")
                        + webhook("async_after", "synchronous false\ntransaction 'after-commit'",
                        "<#list 1..2147483647 as i>xxxxxxxxxx</#list>"));
        Engine engine = fixture.engine();

        Published published = engine.publish(EngineFixture.projectUpdated("p-1"));

        assertFalse(Thread.currentThread().isInterrupted(), "the host's thread was left interrupted");
        Map<String, Fired> fired = published.fired().stream().collect(Collectors.toMap(Fired::webhook, Function.identity()));
        assertEquals(Fired.Status.FAILED, fired.get("sync_after").status());
        assertTrue(fired.get("sync_after").detail().contains("nests calls too deeply"), fired.get("sync_after").detail());
        assertEquals(Fired.Status.FAILED, fired.get("async_inside").status());
        assertTrue(fired.get("async_inside").detail().contains("stopped"), fired.get("async_inside").detail());
        assertEquals(Fired.Status.FAILED, fired.get("async_after").status());
        assertTrue(fired.get("async_after").detail().contains("renders more than 1048576 bytes"),
                fired.get("async_after").detail());
        fixture.awaitIdle();
        List<Run> runs = fixture.runs();
        assertEquals(3, runs.size(), runs::toString);
        assertTrue(runs.stream().allMatch(r -> r.outcome() == Outcome.FAILED), runs::toString);
        assertEquals(0, receiver.findAll(anyRequestedFor(anyUrl())).size());
        assertEquals(0, engine.queuedMessages());
    }

    @Test
    void aStoppedSyncInsideTemplateVetoesTheHostsTransaction() throws Exception {
        fixture = new EngineFixture(dir, receiver.getPort(),
                webhook("sync_inside", "synchronous true\ntransaction 'inside'", "<#list 1..2147483647 as i></#list>"));
        Engine engine = fixture.engine();
        WebhookVetoedException veto;
        try (Connection host = fixture.connect(); var tx = engine.begin(host)) {
            EngineFixture.insertProject(host, "p-1");
            Published published = tx.publish(EngineFixture.projectUpdated("p-1"));
            assertEquals(Fired.Status.VETOED, published.fired().get(0).status());
            assertFalse(Thread.currentThread().isInterrupted(), "the host's thread was left interrupted");
            veto = assertThrows(WebhookVetoedException.class, tx::commit);
        }
        assertTrue(veto.getMessage().contains("could not be rendered") && veto.getMessage().contains("stopped"),
                veto.getMessage());
        assertFalse(fixture.projectCommitted("p-1"));
        assertEquals(List.of(Outcome.VETOED), fixture.outcomes());
        assertEquals(0, receiver.findAll(anyRequestedFor(anyUrl())).size());
    }
}
