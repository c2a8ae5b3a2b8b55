package io.hookwright.execution;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.hookwright.render.MessageIds;
import io.hookwright.render.Secrets;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A logged run can be sent again: the request as it was rendered then, under the same message id, with the secrets
 * as they are now, logged as a {@code redelivery} and a new attempt. After an outage, every message whose latest
 * run failed, gave up or was skipped is sent again in one call.
 */
class RedeliveryTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String BODY = "body '''{\"project\": \"${entity.key}\", \"message\": \"${message.id}\"}'''";
    private static final String SYNC = "synchronous true\ntransaction 'after-commit'";

    @TempDir
    Path dir;
    private EngineFixture fixture;
    private Engine engine;

    /** Three webhooks on every project update: two sent after commit in the caller's thread, one queued. */
    private static String definitions(String erpBody) {
        return EngineFixture.webhook("erp_sync", "/erp", SYNC).replace(BODY, erpBody)
                + EngineFixture.webhook("crm_sync", "/crm", SYNC)
                + EngineFixture.webhook("ledger", "/ledger", "synchronous false\ntransaction 'after-commit'\nretry false");
    }

    @BeforeEach
    void start() {
        fixture = new EngineFixture(dir, receiver.getPort(), definitions(BODY));
        engine = fixture.engine();
    }

    @AfterEach
    void stop() {
        engine.close();
        fixture.close();
    }

    private static void answer(String path, int status) {
        receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(status)));
    }

    private static List<LoggedRequest> received(String path) {
        return receiver.findAll(postRequestedFor(urlEqualTo(path)));
    }

    private void publish(String project) {
        engine.publish(EngineFixture.projectUpdated(project));
        try {
            ManualEngine.awaitIdle(engine, Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The latest run of a webhook's message for a project's event. */
    private Run latest(String webhook, String project) {
        List<Run> runs = engine.attempts(MessageIds.of("evt-" + project, webhook));
        return runs.get(runs.size() - 1);
    }

    private static Set<String> sent(List<Run> runs) {
        return runs.stream().map(r -> r.webhook() + " " + r.eventId()).collect(Collectors.toSet());
    }

    @Test
    void aRedeliverySendsTheRequestRenderedThenUnderTheSameMessageIdWithTodaysSecrets() {
        answer("/erp", 500);
        answer("/crm", 200);
        answer("/ledger", 200);
        publish("p-1");
        Run original = latest("erp_sync", "p-1");
        assertEquals(Outcome.FAILED, original.outcome());

        // A new engine, with the ERP token rotated and the body template changed since.
        engine.close();
        fixture.write("hooks.groovy", definitions("body '''{\"changed\": true}'''")
                .replace("RECEIVER", "http://localhost:" + receiver.getPort()));
        engine = fixture.builder()
                .secrets(Secrets.of(Map.of("ERP_TOKEN", "rotated-token", "ERP_SIGNING", EngineFixture.SIGNING)))
                .build().start();
        answer("/erp", 200);
        Run again = engine.redeliver(original.id());

        assertEquals(Outcome.SUCCEEDED, again.outcome());
        assertEquals("redelivery", again.mode());
        assertEquals(2, again.attempt());
        assertEquals(original.messageId(), again.messageId());
        assertEquals(original.request(), again.request(), "the same request is logged, its secrets still masked");
        LoggedRequest first = received("/erp").get(0);
        LoggedRequest resent = received("/erp").get(1);
        assertEquals(first.getBodyAsString(), resent.getBodyAsString());
        assertEquals(first.getHeader("webhook-id"), resent.getHeader("webhook-id"));
        assertEquals("Bearer t0ken-value", first.getHeader("Authorization"));
        assertEquals("Bearer rotated-token", resent.getHeader("Authorization"));
    }

    @Test
    void eachRedeliveryIsTheNextAttemptOfItsMessage() {
        answer("/erp", 500);
        answer("/crm", 200);
        answer("/ledger", 200);
        publish("p-1");
        Run original = latest("erp_sync", "p-1");

        assertEquals(2, engine.redeliver(original.id()).attempt());
        assertEquals(3, engine.redeliver(original.id()).attempt(), "one more than the message's latest attempt");
        assertEquals(List.of(1, 2, 3), engine.attempts(original.messageId()).stream().map(Run::attempt).toList());
    }

    @Test
    void anUnknownRunIsRefusedNamingIt() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> engine.redeliver("run_0000000000nosuchrun0000000"));
        assertEquals("no run run_0000000000nosuchrun0000000", refused.getMessage());
    }

    @Test
    void afterAnOutageEveryMessageWhoseLatestRunFailedGaveUpOrWasSkippedIsSentAgain() {
        answer("/erp", 500);
        answer("/crm", 200);
        answer("/ledger", 500);
        publish("p-0");
        fixture.clock.advance(Duration.ofMinutes(1));
        Instant outageStart = fixture.clock.instant();

        publish("p-1");
        engine.deactivate("erp_sync", "maintenance");
        engine.deactivate("ledger", "maintenance");
        publish("p-2");
        engine.activate("erp_sync");
        engine.activate("ledger");
        publish("p-3");
        answer("/erp", 200);
        engine.redeliver(latest("erp_sync", "p-3").id());
        answer("/erp", 500);
        engine.testSend("erp_sync", EngineFixture.projectUpdated("p-4"));
        assertEquals(Outcome.FAILED, latest("erp_sync", "p-1").outcome());
        assertEquals(Outcome.GAVE_UP, latest("ledger", "p-1").outcome());
        assertEquals(Outcome.SKIPPED, latest("erp_sync", "p-2").outcome());
        assertEquals(Outcome.SKIPPED, latest("ledger", "p-2").outcome());

        answer("/erp", 200);
        answer("/ledger", 200);
        List<Run> again = engine.redeliverFailed(outageStart, null);

        assertEquals(Set.of("erp_sync evt-p-1", "ledger evt-p-1", "erp_sync evt-p-2", "ledger evt-p-2", "ledger evt-p-3"),
                sent(again), "not p-0 (before the outage), nor erp_sync's p-3 (delivered since), nor the test send");
        again.forEach(run -> assertEquals(Outcome.SUCCEEDED, run.outcome()));
        again.forEach(run -> assertEquals("redelivery", run.mode()));
        assertEquals(List.of(), engine.redeliverFailed(outageStart, null), "nothing is left to send");
    }

    @Test
    void aTestSendOfTheSameEventDoesNotCountAsItsDelivery() {
        answer("/erp", 500);
        answer("/crm", 200);
        answer("/ledger", 200);
        Instant outageStart = fixture.clock.instant();
        publish("p-1");
        answer("/erp", 200);
        fixture.clock.advance(Duration.ofSeconds(1));
        assertEquals(Outcome.SUCCEEDED, engine.testSend("erp_sync", EngineFixture.projectUpdated("p-1")).outcome());

        assertEquals(Set.of("erp_sync evt-p-1"), sent(engine.redeliverFailed(outageStart, null)));
    }

    @Test
    void aRecoveryForOneWebhookLeavesTheOthersMessagesAlone() {
        answer("/erp", 500);
        answer("/crm", 500);
        answer("/ledger", 200);
        Instant outageStart = fixture.clock.instant();
        publish("p-1");
        answer("/erp", 200);
        answer("/crm", 200);

        assertEquals(Set.of("crm_sync evt-p-1"), sent(engine.redeliverFailed(outageStart, "crm_sync")));
        assertEquals(1, received("/erp").size(), "erp_sync's message was not sent again");
        assertEquals(Set.of("erp_sync evt-p-1"), sent(engine.redeliverFailed(outageStart, null)));
    }
}
