package io.hookwright.server;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.event.EventJson;
import io.hookwright.server.auth.Scope;
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
import java.util.List;
import java.util.function.UnaryOperator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * In a running server, an operator webhook hears of a deactivation and an activation made over REST, naming the
 * token that made them, and of a deactivation the engine decided after events posted over REST kept failing: the
 * background dispatcher and settlement writer at work, not a test's manual rounds. On SQLite and PostgreSQL.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class OperationalEventsEndpointTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String DEFINITIONS = """
            webhook('erp') {
                on 'Project:Updated'
                request { post 'RECEIVER/erp' }
                execution {
                    synchronous false
                    retry false
                }
            }
            webhook('ops_chat') {
                on 'Hookwright:*'
                request {
                    post 'RECEIVER/chat'
                    header 'Content-Type', 'application/json'
                    body '''{"text": ${json(event.type + " " + entity.id + " by " + entity.attributes.by + ": "
                            + entity.attributes.reason)}}'''
                }
            }
            """;

    @Parameter
    Backend backend;
    @TempDir
    Path dir;
    private ServerFixture server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private List<String> chat() {
        server.engineFixture.awaitIdle();
        return receiver.findAll(postRequestedFor(urlEqualTo("/chat"))).stream().map(r -> {
            try {
                return EventJson.MAPPER.readTree(r.getBodyAsString()).get("text").asText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    @Test
    void deactivateAndActivateOverRestAreToldWithTheTokensName() {
        receiver.stubFor(post(urlEqualTo("/chat")).willReturn(aResponse().withStatus(200)));
        server = new ServerFixture(backend, dir, receiver.getPort(), DEFINITIONS, UnaryOperator.identity());
        assertEquals(200, server.post("/webhooks/erp/deactivate?reason=ERP%20migration", Scope.WEBHOOKS_WRITE, null)
                .statusCode());
        assertEquals(200, server.post("/webhooks/erp/activate", Scope.WEBHOOKS_WRITE, null).statusCode());

        assertEquals(List.of(
                "Hookwright:WebhookDeactivated erp by webhooks:write: ERP migration (deactivated by token 'webhooks:write')",
                "Hookwright:WebhookActivated erp by webhooks:write: activated by webhooks:write"), chat());
    }

    @Test
    void eventsPostedOverRestThatKeepFailingDeactivateTheWebhookAndTheOperatorHearsOfIt() {
        receiver.stubFor(post(urlEqualTo("/chat")).willReturn(aResponse().withStatus(200)));
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(500)));
        server = new ServerFixture(backend, dir, receiver.getPort(), DEFINITIONS,
                b -> b.deactivateAfter(2).failuresRising(List.of()));
        for (int i = 1; i <= 2; i++) {
            assertEquals(202, server.post("/events", Scope.EVENTS_WRITE, """
                    {"id": "evt-%d", "type": "Project:Updated", "entity": {"type": "Project", "id": "p-%d"}}"""
                    .formatted(i, i)).statusCode());
            server.engineFixture.awaitIdle();
        }

        List<String> chat = chat();
        assertEquals(List.of("Hookwright:AttemptsExhausted", "Hookwright:AttemptsExhausted", "Hookwright:WebhookDeactivated"),
                chat.stream().map(t -> t.substring(0, t.indexOf(' '))).sorted().toList(), chat.toString());
        assertEquals(1, chat.stream().filter(t -> t.equals("Hookwright:WebhookDeactivated erp by engine: "
                + "2 consecutive failures; the last: HTTP 500 from localhost")).count(), chat.toString());
    }
}
