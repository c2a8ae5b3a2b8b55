package io.hookwright.execution;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.standardwebhooks.Webhook;
import io.hookwright.event.Entity;
import io.hookwright.event.Event;
import io.hookwright.event.Initiator;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import io.hookwright.state.WebhookState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A test send delivers one webhook's request for an event now, whatever its filter or state says, and logs it as a
 * {@code test} run; it says nothing about the webhook's health.
 */
class TestSendTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    /** Only cancelled projects: the fixture's project is done, so its events do not match. */
    private static final String CANCELLED_ONLY = """
            webhook('erp_cancel') {
                on 'Project:Updated'
                filter {
                    field('Status').eq 'Cancelled'
                }
                request {
                    post 'RECEIVER/erp'
                    header 'Authorization', 'Bearer ${secrets.ERP_TOKEN}'
                    body '''{"project": "${entity.key}"}'''
                    signingSecret 'ERP_SIGNING'
                }
                execution {
                    synchronous true
                    transaction 'after-commit'
                }
            }
            """;

    @TempDir
    Path dir;
    private EngineFixture fixture;
    private Engine engine;

    @BeforeEach
    void start() {
        fixture = new EngineFixture(dir, receiver.getPort(), CANCELLED_ONLY);
        engine = fixture.engine(b -> b.deactivateAfter(2));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static void answer(int status) {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(status)));
    }

    private static List<LoggedRequest> received() {
        return receiver.findAll(postRequestedFor(urlEqualTo("/erp")));
    }

    private static Event cancelled(String id) {
        return Event.builder("Project:Updated").id("evt-" + id).tenant("acme")
                .initiator(new Initiator("u-1", "Anna Doe", "anna"))
                .entity(new Entity("Project", id, "KEY-" + id, Map.of("Status", "Cancelled"))).build();
    }

    private WebhookState state() {
        return engine.states().getOrDefault("erp_cancel", WebhookState.fresh("erp_cancel"));
    }

    @Test
    void aTestIsSentEvenWhenTheFilterWouldNotMatch() {
        answer(200);
        assertEquals(List.of(), engine.publish(EngineFixture.projectUpdated("p-1")).fired(), "the filter does not match");

        Run test = engine.testSend("erp_cancel", EngineFixture.projectUpdated("p-1"));

        assertEquals(Outcome.SUCCEEDED, test.outcome());
        assertEquals("test", test.mode());
        assertEquals(List.of(test.id()), fixture.runs().stream().map(Run::id).toList(), "logged like any run");
        assertEquals("test", fixture.runs().get(0).mode());
        assertEquals("{\"project\": \"KEY-p-1\"}", received().get(0).getBodyAsString());
    }

    @Test
    void aTestIsSentToADeactivatedWebhookWhichStaysDeactivated() {
        answer(200);
        engine.deactivate("erp_cancel", "paused by an operator");

        assertEquals(Outcome.SUCCEEDED, engine.testSend("erp_cancel", cancelled("p-1")).outcome());
        assertEquals(1, received().size());
        assertFalse(state().active());
        assertEquals("paused by an operator", state().deactivationReason());
    }

    @Test
    void aTestSaysNothingAboutTheWebhooksHealth() {
        answer(500);
        engine.publish(cancelled("p-1"));
        assertEquals(1, state().consecutiveFailures());

        engine.testSend("erp_cancel", cancelled("p-2"));
        engine.testSend("erp_cancel", cancelled("p-3"));
        assertTrue(state().active(), "two more failures would deactivate it after 2, had they counted");
        assertEquals(1, state().consecutiveFailures());

        answer(200);
        engine.testSend("erp_cancel", cancelled("p-4"));
        assertEquals(1, state().consecutiveFailures(), "nor does a successful test start the count again");
    }

    @Test
    void anUnknownWebhookIsRefusedNamingIt() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> engine.testSend("erp_cancelled", cancelled("p-1")));
        assertEquals("no webhook erp_cancelled in the definitions", refused.getMessage());
        assertEquals(0, received().size());
    }

    @Test
    void aTestIsSignedAsADeliveryIsAndTheReceiverCanVerifyIt() {
        answer(200);
        // The reference library refuses timestamps far from its own clock.
        fixture.clock.set(Instant.now());
        Run test = engine.testSend("erp_cancel", cancelled("p-1"));

        LoggedRequest got = received().get(0);
        assertEquals(test.messageId(), got.getHeader("webhook-id"));
        assertEquals("Bearer t0ken-value", got.getHeader("Authorization"));
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
            headers.put(name, List.of(got.getHeader(name)));
        }
        assertDoesNotThrow(() -> new Webhook(EngineFixture.SIGNING).verify(got.getBodyAsString(), headers));
    }

    @Test
    void aTestHasAMessageIdOfItsOwnSoReceiversDoNotTakeItForTheRealDelivery() {
        answer(200);
        Run first = engine.testSend("erp_cancel", EngineFixture.projectUpdated("p-1"));
        Run second = engine.testSend("erp_cancel", EngineFixture.projectUpdated("p-1"));
        String real = io.hookwright.render.MessageIds.of("evt-p-1", "erp_cancel");
        assertNotEquals(real, first.messageId());
        assertNotEquals(first.messageId(), second.messageId());
        assertTrue(first.eventId().startsWith("test_"), first.eventId());
    }
}
