package io.hookwright.cli;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.execution.Engine;
import io.hookwright.runlog.Outcome;
import io.hookwright.state.WebhookState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hookwright deactivate}: the webhook stops sending, with the reason kept for whoever looks later. */
class DeactivateCommandTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path root;
    private CliFixture fixture;

    @BeforeEach
    void write() {
        fixture = new CliFixture(root, receiver.getPort()).definitions(CliFixture.webhook("erp_sync", "/erp", "synchronous true"));
    }

    @Test
    void theReasonIsStoredAndShown() {
        Cli.Run run = fixture.withDefinitions("deactivate", "erp_sync", "--reason", "ERP migration until Monday").exits(0);

        assertEquals("erp_sync deactivated: ERP migration until Monday" + System.lineSeparator(), run.out());
        WebhookState state = fixture.states().get("erp_sync");
        assertFalse(state.active());
        assertEquals("ERP migration until Monday", state.deactivationReason());
        assertTrue(fixture.withDefinitions("webhooks").exits(0).out()
                .contains("erp_sync deactivated " + RunTable.created(state.deactivatedAt()) + " UTC: ERP migration until Monday"));
    }

    @Test
    void anOperatorWebhookHearsOfItNamingTheUserWhoRanTheCommand() {
        receiver.stubFor(post(urlEqualTo("/chat")).willReturn(aResponse().withStatus(200)));
        fixture.definitions(CliFixture.webhook("erp_sync", "/erp", "synchronous true") + """
                webhook('ops_chat') {
                    on 'Hookwright:WebhookDeactivated'
                    request {
                        post 'RECEIVER/chat'
                        body '${entity.id} by ${entity.attributes.by}: ${entity.attributes.reason}'
                    }
                    execution { synchronous false }
                }
                """);
        fixture.withDefinitions("deactivate", "erp_sync", "--reason", "ERP migration").exits(0);

        try (io.hookwright.execution.ManualEngine host = io.hookwright.execution.ManualEngine.of(fixture.hostBuilder(java.time.Clock.systemUTC()))) {
            assertEquals(List.of(Outcome.SUCCEEDED), host.runDue().stream().map(r -> r.outcome()).toList());
        }
        assertEquals("erp_sync by cli (" + System.getProperty("user.name") + "): ERP migration",
                receiver.findAll(anyRequestedFor(urlEqualTo("/chat"))).get(0).getBodyAsString());
    }

    @Test
    void withoutAReasonItSaysAnOperatorDidIt() {
        fixture.withDefinitions("deactivate", "erp_sync").exits(0);
        assertEquals("deactivated by an operator", fixture.states().get("erp_sync").deactivationReason());
    }

    @Test
    void aDeactivatedWebhookIsNotSentAndItsRunsAreLoggedAsSkipped() {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        fixture.withDefinitions("deactivate", "erp_sync", "--reason", "paused").exits(0);

        try (Engine host = fixture.hostEngine()) {
            host.publish(CliFixture.projectUpdated("p-1", "DEMO"));
        }

        assertEquals(0, receiver.findAll(anyRequestedFor(anyUrl())).size());
        assertEquals(List.of(Outcome.SKIPPED), fixture.runs().stream().map(r -> r.outcome()).toList());
        assertTrue(fixture.runs().get(0).error().contains("paused"), fixture.runs().get(0).error());
    }

    @Test
    void aCodeNeitherDefinedNorStoredIsRefusedAndNothingIsStored() {
        Cli.Run run = fixture.withDefinitions("deactivate", "erp_synk").exits(2);
        assertTrue(run.err().startsWith("hookwright deactivate: no webhook erp_synk in " + fixture.definitions
                + ", and no state stored for it; webhooks: erp_sync"), run.err());
        assertTrue(fixture.states().all().isEmpty());
    }

    @Test
    void theDatabaseIsCreatedWhenThereIsNoneYet() {
        assertFalse(fixture.db.toFile().exists());
        fixture.withDefinitions("deactivate", "erp_sync").exits(0);
        assertFalse(fixture.states().get("erp_sync").active());
    }
}
