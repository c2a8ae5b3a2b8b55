package io.hookwright.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.hookwright.event.EventJson;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import io.hookwright.testdb.Backend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's own {@code Hookwright:*} events reach an operator webhook ({@code on 'Hookwright:*'}) as any event
 * would: on a deactivation (by failures, with the reason and count, or by an operator, naming who), an activation,
 * messages given up, the first success after failures, and failures in a row nearing the threshold. Secrets stay
 * masked, and neither a webhook's own events nor the operator webhook's failures feed back. On SQLite and PostgreSQL.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class OperationalEventsTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String SYNC = "synchronous true\ntransaction 'after-commit'";
    private static final String ASYNC_ONCE = "synchronous false\ntransaction 'after-commit'\nretry false";

    /** An operator webhook posting every operational event, all its attributes, to {@code RECEIVER/path}. */
    static String operator(String code, String path, String extra) {
        return """
                webhook('%s') {
                    on 'Hookwright:*'
                    request {
                        post 'RECEIVER%s'
                        header 'Content-Type', 'application/json'
                        body '''{"type": ${json(event.type)}, "webhook": ${json(entity.id)}, "tenant": ${json(event.tenant!"")},
                                 "attributes": ${json(entity.attributes)}}'''
                    }
                    execution {
                        synchronous false
                        retry false
                    }
                %s
                }
                """.formatted(code, path, extra);
    }

    @Parameter
    Backend backend;
    @TempDir
    Path dir;
    private EngineFixture fixture;
    private ManualEngine manual;
    private int published;

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private Engine start(String definitions, UnaryOperator<Engine.Builder> settings) {
        receiver.stubFor(post(urlEqualTo("/chat")).willReturn(aResponse().withStatus(200)));
        fixture = new EngineFixture(backend, dir, receiver.getPort(), definitions);
        manual = fixture.manual(settings);
        return manual.engine();
    }

    private void erpAnswers(int status) {
        receiver.stubFor(post(urlPathEqualTo("/erp")).willReturn(aResponse().withStatus(status)));
    }

    /** Publishes the next event a second after the last: runs and messages keep the order they were made in. */
    private void publish() {
        fixture.clock.advance(java.time.Duration.ofSeconds(1));
        manual.engine().publish(EngineFixture.projectUpdated("p-" + ++published));
    }

    /** Sends what is queued (the operational events' messages among it) and returns the operator's requests. */
    private List<JsonNode> told(String path) {
        manual.runDue();
        List<JsonNode> bodies = new ArrayList<>();
        for (LoggedRequest request : receiver.findAll(postRequestedFor(urlEqualTo(path)))) {
            try {
                bodies.add(EventJson.MAPPER.readTree(request.getBodyAsString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bodies;
    }

    private static List<String> types(List<JsonNode> bodies) {
        return bodies.stream().map(b -> b.get("type").asText()).toList();
    }

    @Test
    void aWebhookDeactivatedByItsFailuresIsToldWithTheReasonTheCountAndTheLastError() {
        start(EngineFixture.webhook("erp_sync", "/erp", SYNC) + operator("ops_chat", "/chat", ""),
                b -> b.deactivateAfter(3).failuresRising(List.of()));
        erpAnswers(500);
        publish();
        publish();
        assertEquals(List.of(), told("/chat"), "two failures of three deactivate nothing");
        publish();

        List<JsonNode> told = told("/chat");
        assertEquals(List.of("Hookwright:WebhookDeactivated"), types(told));
        JsonNode body = told.get(0);
        assertEquals("erp_sync", body.get("webhook").asText());
        JsonNode attributes = body.get("attributes");
        assertEquals("3 consecutive failures; the last: HTTP 500 from localhost", attributes.get("reason").asText());
        assertEquals(3, attributes.get("failures").asInt());
        assertEquals("HTTP 500 from localhost", attributes.get("lastError").asText());
        assertEquals("engine", attributes.get("by").asText());
        assertEquals("http://localhost:" + receiver.getPort() + "/erp", attributes.get("url").asText());
        Run third = fixture.runs().stream().filter(r -> r.webhook().equals("erp_sync")).toList().get(2);
        assertEquals(third.id(), attributes.get("runId").asText());
        assertEquals(third.messageId(), attributes.get("messageId").asText());
    }

    @Test
    void anOperatorsDeactivationAndActivationNameWhoAndAreToldOnlyWhenTheStateChanges() {
        Engine engine = start(EngineFixture.webhook("erp_sync", "/erp", SYNC) + operator("ops_chat", "/chat", ""),
                UnaryOperator.identity());
        engine.deactivate("erp_sync", "maintenance of the ERP", "anna");
        engine.deactivate("erp_sync", "still in maintenance", "anna");
        engine.activate("erp_sync", "bob");
        engine.activate("erp_sync", "bob");

        List<JsonNode> told = told("/chat");
        assertEquals(List.of("Hookwright:WebhookDeactivated", "Hookwright:WebhookActivated"), types(told));
        assertEquals("maintenance of the ERP", told.get(0).get("attributes").get("reason").asText());
        assertEquals("anna", told.get(0).get("attributes").get("by").asText());
        assertEquals("bob", told.get(1).get("attributes").get("by").asText());
        assertEquals("activated by bob", told.get(1).get("attributes").get("reason").asText());
        assertTrue(told.get(0).get("attributes").get("runId").isNull(), "an operator's action has no run");
    }

    @Test
    void aMessageGivenUpIsToldWithItsRunAndMessage() {
        start(EngineFixture.webhook("erp_async", "/erp", ASYNC_ONCE) + operator("ops_chat", "/chat", ""),
                UnaryOperator.identity());
        erpAnswers(503);
        publish();
        List<Run> sent = manual.runDue();
        assertEquals(List.of(Outcome.GAVE_UP), sent.stream().map(Run::outcome).toList());

        List<JsonNode> told = told("/chat");
        assertEquals(List.of("Hookwright:AttemptsExhausted"), types(told));
        JsonNode attributes = told.get(0).get("attributes");
        assertEquals(sent.get(0).id(), attributes.get("runId").asText());
        assertEquals(sent.get(0).messageId(), attributes.get("messageId").asText());
        assertEquals(1, attributes.get("failures").asInt());
        assertEquals("HTTP 503", attributes.get("lastError").asText().substring(0, 8));
        assertEquals("gave up after 1 attempt; the last: " + sent.get(0).error(), attributes.get("reason").asText());
    }

    @Test
    void theFirstSuccessAfterFailuresIsToldOnceWithTheFailuresItEnded() {
        start(EngineFixture.webhook("erp_sync", "/erp", SYNC) + operator("ops_chat", "/chat", ""),
                b -> b.failuresRising(List.of()));
        erpAnswers(500);
        publish();
        publish();
        erpAnswers(200);
        publish();
        publish();

        List<JsonNode> told = told("/chat");
        assertEquals(List.of("Hookwright:EndpointRecovered"), types(told));
        JsonNode attributes = told.get(0).get("attributes");
        assertEquals(2, attributes.get("failures").asInt());
        assertEquals("HTTP 500 from localhost", attributes.get("lastError").asText());
        assertEquals("succeeded after 2 failures in a row", attributes.get("reason").asText());
    }

    @Test
    void failuresInARowAreToldAtFiftySeventyAndNinetyPercentOfTheThresholdThenTheDeactivation() {
        start(EngineFixture.webhook("erp_sync", "/erp", SYNC) + operator("ops_chat", "/chat", ""),
                b -> b.deactivateAfter(10));
        erpAnswers(500);
        for (int i = 0; i < 10; i++) {
            publish();
        }

        List<JsonNode> told = told("/chat");
        assertEquals(List.of("Hookwright:FailuresRising", "Hookwright:FailuresRising", "Hookwright:FailuresRising",
                "Hookwright:WebhookDeactivated"), types(told));
        assertEquals(List.of(5, 7, 9, 10), told.stream().map(b -> b.get("attributes").get("failures").asInt()).toList());
        assertEquals(List.of(50, 70, 90), told.subList(0, 3).stream()
                .map(b -> b.get("attributes").get("percent").asInt()).toList());
        assertEquals(10, told.get(0).get("attributes").get("threshold").asInt());
        assertEquals("5 failures in a row: 50 % of the 10 that deactivate it",
                told.get(0).get("attributes").get("reason").asText());
    }

    @Test
    void theSharesAreSettable() {
        start(EngineFixture.webhook("erp_sync", "/erp", SYNC) + operator("ops_chat", "/chat", ""),
                b -> b.deactivateAfter(10).failuresRising(List.of(25)));
        erpAnswers(500);
        for (int i = 0; i < 4; i++) {
            publish();
        }
        List<JsonNode> told = told("/chat");
        assertEquals(List.of("Hookwright:FailuresRising"), types(told));
        assertEquals(3, told.get(0).get("attributes").get("failures").asInt(), "25 % of 10, rounded up");
    }

    @Test
    void secretsInTheUrlAndItsCredentialsAreMaskedAndTheWebhooksTenantIsTheEvents() {
        start(EngineFixture.webhook("erp_sync", "/erp?key=${secrets.ERP_TOKEN}", SYNC).replace(
                        "on 'Project:Updated'", "on 'Project:Updated'\n    tenant 'acme'")
                        + operator("ops_chat", "/chat", ""),
                b -> b.deactivateAfter(1));
        erpAnswers(500);
        publish();

        List<JsonNode> told = told("/chat");
        assertEquals(List.of("Hookwright:WebhookDeactivated"), types(told));
        assertEquals("acme", told.get(0).get("tenant").asText());
        String url = told.get(0).get("attributes").get("url").asText();
        assertEquals("http://localhost:" + receiver.getPort() + "/erp?key=••••", url);
        String all = told.get(0).toString();
        assertFalse(all.contains("t0ken-value") || all.contains("hwsecret") || all.contains("hw_secret"), all);
    }

    @Test
    void anOperatorsActionShowsTheDefinitionsUrlWithItsCredentialsAndSecretsMasked() {
        Engine engine = start(EngineFixture.webhook("erp_sync", "/erp", SYNC).replace("'RECEIVER/erp'",
                        "'http://erp-user:pa55word@localhost:PORT/erp?key=${secrets.ERP_TOKEN}'")
                        + operator("ops_chat", "/chat", ""),
                UnaryOperator.identity());
        engine.deactivate("erp_sync", "moved", "anna");
        List<JsonNode> told = told("/chat");
        String url = told.get(0).get("attributes").get("url").asText();
        assertEquals("http://••••@localhost:PORT/erp?key=••••", url);
    }

    @Test
    void aWebhookNeverHearsOfItsOwnFailures() {
        start("""
                webhook('erp_all') {
                    on 'Project:Updated', 'Hookwright:*'
                    request {
                        post 'RECEIVER/erp'
                        body '${event.type}'
                    }
                    execution {
                        synchronous true
                        transaction 'after-commit'
                    }
                }
                """ + operator("ops_chat", "/chat", ""), b -> b.deactivateAfter(2).failuresRising(List.of()));
        erpAnswers(500);
        publish();
        publish();

        assertEquals(List.of("Hookwright:WebhookDeactivated"), types(told("/chat")));
        assertEquals(List.of("Project:Updated", "Project:Updated"), fixture.runs().stream()
                .filter(r -> r.webhook().equals("erp_all")).map(Run::eventType).toList());
    }

    @Test
    void anOperatorWebhooksOwnFailuresRaiseNoFurtherEvents() {
        Engine engine = start(EngineFixture.webhook("erp_sync", "/erp", SYNC)
                        + operator("ops_chat", "/chat", "") + operator("ops_pager", "/pager", ""),
                b -> b.deactivateAfter(1).failuresRising(List.of(50)));
        receiver.stubFor(post(urlEqualTo("/chat")).willReturn(aResponse().withStatus(500)));
        receiver.stubFor(post(urlEqualTo("/pager")).willReturn(aResponse().withStatus(410)));
        erpAnswers(500);
        publish();

        List<Run> sent = manual.runDue();
        assertEquals(List.of(Outcome.GAVE_UP, Outcome.GAVE_UP), sent.stream().map(Run::outcome).toList(),
                "both operator webhooks failed and gave up: " + sent);
        assertFalse(engine.states().get("ops_pager").active(), "a 410 still deactivates the operator webhook");
        assertEquals(List.of(), manual.runDue(), "and nothing is told of either failure");
        assertEquals(0, engine.queuedMessages());
        assertEquals(1, receiver.findAll(postRequestedFor(urlEqualTo("/chat"))).size());
        assertEquals(1, receiver.findAll(postRequestedFor(urlEqualTo("/pager"))).size());
    }
}
