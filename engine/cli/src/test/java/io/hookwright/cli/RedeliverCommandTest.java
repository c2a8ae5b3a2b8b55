package io.hookwright.cli;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.fasterxml.jackson.databind.JsonNode;
import io.hookwright.event.Entity;
import io.hookwright.event.Event;
import io.hookwright.execution.Engine;
import io.hookwright.execution.ManualEngine;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hookwright redeliver}: a logged run's request sent again, or every message an outage left undelivered. */
class RedeliverCommandTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path root;
    private CliFixture fixture;

    @BeforeEach
    void write() {
        fixture = new CliFixture(root, receiver.getPort()).definitions(
                CliFixture.webhook("erp_sync", "/erp", "synchronous true")
                        + CliFixture.webhook("chat_sync", "/chat", "synchronous true"));
    }

    /** The host publishes these projects' updates while the receiver answers {@code erpStatus} on /erp, 200 on /chat. */
    private void outage(int erpStatus, Clock clock, String... projects) {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(erpStatus).withBody("erp is down")));
        receiver.stubFor(post(urlEqualTo("/chat")).willReturn(aResponse().withStatus(200)));
        try (Engine host = fixture.hostEngine(clock)) {
            for (String project : projects) {
                host.publish(CliFixture.projectUpdated("p-" + project, project));
            }
        }
    }

    private void recovered() {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
    }

    private Run failedRun() {
        return fixture.runs().stream().filter(r -> r.outcome() == Outcome.FAILED).findFirst().orElseThrow();
    }

    private List<LoggedRequest> receivedOnErp() {
        return receiver.findAll(postRequestedFor(urlEqualTo("/erp")));
    }

    @Test
    void aRunIsSentAgainWithTheSameMessageIdAsItsNextAttempt() {
        outage(500, Clock.systemUTC(), "DEMO");
        Run failed = failedRun();
        recovered();

        Cli.Run run = fixture.sending("redeliver", failed.id()).exits(0);

        Run again = fixture.runs().getLast();
        assertEquals(failed.messageId(), again.messageId());
        assertEquals(2, again.attempt());
        assertEquals("redelivery", again.mode());
        assertEquals(Outcome.SUCCEEDED, again.outcome());
        List<LoggedRequest> sent = receivedOnErp();
        assertEquals(2, sent.size());
        assertEquals(sent.get(0).getHeader("webhook-id"), sent.get(1).getHeader("webhook-id"));
        assertEquals(sent.get(0).getBodyAsString(), sent.get(1).getBodyAsString(), "the request as it was rendered");
        assertEquals("Bearer " + CliFixture.TOKEN, sent.get(1).getHeader("Authorization"), "with today's secret");
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith(again.id() + " ") && l.contains("succeeded")), run.out());
        assertTrue(run.out().contains("1 redelivered, 1 succeeded, 0 failed"), run.out());
    }

    @Test
    void aRedeliveryThatFailsAgainExitsOneWithTheWholeError() {
        outage(500, Clock.systemUTC(), "DEMO");
        Cli.Run run = fixture.sending("redeliver", failedRun().id()).exits(1);

        Run again = fixture.runs().getLast();
        assertEquals(Outcome.FAILED, again.outcome());
        assertTrue(run.out().contains(again.id() + ": HTTP 500: erp is down"), run.out());
        assertTrue(run.out().contains("1 redelivered, 0 succeeded, 1 failed"), run.out());
    }

    @Test
    void aTargetNotAllowListedIsRefusedNamingTheOptionToAllowIt() {
        outage(500, Clock.systemUTC(), "DEMO");
        recovered();
        Cli.Run run = fixture.onStore("redeliver", failedRun().id(), "--definitions", fixture.definitions,
                "--secrets", fixture.secrets).exits(1);
        assertTrue(run.out().contains("pass --allow-target localhost:" + fixture.port), run.out());
        assertEquals(1, receivedOnErp().size(), "only the host's own send");
    }

    @Test
    void failedSinceRedeliversEachUndeliveredMessageOnceAndThenThereIsNothingLeft() {
        outage(503, Clock.systemUTC(), "DEMO", "OTHER");
        recovered();

        Cli.Run run = fixture.sending("redeliver", "--failed", "--since", "1h").exits(0);
        assertTrue(run.out().contains("2 redelivered, 2 succeeded, 0 failed"), run.out());
        assertEquals(4, receivedOnErp().size(), "two failed sends, two redeliveries");
        assertEquals(2, receiver.findAll(postRequestedFor(urlEqualTo("/chat"))).size(), "what was delivered is left alone");

        Cli.Run again = fixture.sending("redeliver", "--failed", "--since", "1h").exits(0);
        assertTrue(again.out().startsWith("nothing to redeliver: no message was left undelivered since "), again.out());
        assertEquals(4, receivedOnErp().size());
    }

    @Test
    void failedSinceLeavesOutDeactivatedAndDisabledWebhooksSayingSoUnlessAskedToIncludeThem() {
        receiver.stubFor(post(urlEqualTo("/chat")).willReturn(aResponse().withStatus(500)));
        outage(503, Clock.systemUTC(), "DEMO", "OTHER");
        receiver.stubFor(post(urlEqualTo("/chat")).willReturn(aResponse().withStatus(500)));
        try (Engine host = fixture.hostEngine()) {
            host.publish(CliFixture.projectUpdated("p-third", "THIRD"));
        }
        recovered();
        receiver.stubFor(post(urlEqualTo("/chat")).willReturn(aResponse().withStatus(200)));
        fixture.withDefinitions("deactivate", "erp_sync", "--reason", "ERP migration").exits(0);
        fixture.definitions(CliFixture.webhook("erp_sync", "/erp", "synchronous true")
                + CliFixture.webhook("chat_sync", "/chat", "synchronous true").replace("    on '", "    active false\n    on '"));
        int erpBefore = receivedOnErp().size();

        Cli.Run run = fixture.sending("redeliver", "--failed", "--since", "1h").exits(0);

        assertTrue(run.out().contains("left out 3 messages of erp_sync: it is deactivated (--include-deactivated sends "
                + "them too)"), run.out());
        assertTrue(run.out().contains("left out 1 message of chat_sync: it is disabled by its definition"), run.out());
        assertEquals(erpBefore, receivedOnErp().size(), "nothing sent to a webhook an operator deactivated");

        Cli.Run included = fixture.sending("redeliver", "--failed", "--since", "1h", "--include-deactivated").exits(0);
        assertTrue(included.out().contains("4 redelivered, 4 succeeded, 0 failed"), included.out());
    }

    @Test
    void failedSinceWithWebhookRedeliversOnlyThatWebhooksMessages() {
        receiver.stubFor(post(urlEqualTo("/chat")).willReturn(aResponse().withStatus(500)));
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(500)));
        try (Engine host = fixture.hostEngine()) {
            host.publish(CliFixture.projectUpdated("p-1", "DEMO"));
        }
        recovered();

        fixture.sending("redeliver", "--failed", "--since", "1h", "--webhook", "erp_sync").exits(0);
        List<Run> redelivered = fixture.runs().stream().filter(r -> r.mode().equals("redelivery")).toList();
        assertEquals(List.of("erp_sync"), redelivered.stream().map(Run::webhook).toList());
    }

    @Test
    void failedSinceLeavesMessagesThatFailedBeforeThatTime() {
        outage(500, Clock.offset(Clock.systemUTC(), Duration.ofHours(-3)), "DEMO");
        recovered();

        Cli.Run run = fixture.sending("redeliver", "--failed", "--since", "2h").exits(0);
        assertTrue(run.out().startsWith("nothing to redeliver"), run.out());
        fixture.sending("redeliver", "--failed", "--since", "4h").exits(0);
        assertEquals(2, receivedOnErp().size());
    }

    @Test
    void withoutADefinitionsFolderTheDefaultTimeoutApplies() {
        outage(500, Clock.systemUTC(), "DEMO");
        recovered();
        fixture.onStore("redeliver", failedRun().id(), "--secrets", fixture.secrets,
                "--allow-target", "localhost:" + fixture.port).exits(0);
    }

    @Test
    void neitherRunIdNorFailedSinceIsAUsageError() {
        Cli.Run run = fixture.sending("redeliver").exits(2);
        assertTrue(run.err().startsWith("give a RUN_ID, or --failed --since TIME [--webhook CODE]"), run.err());
        assertTrue(run.err().contains("Usage: hookwright redeliver"), run.err());
    }

    @Test
    void runIdWithFailedIsAUsageError() {
        Cli.Run run = fixture.sending("redeliver", "run_x", "--failed", "--since", "1h").exits(2);
        assertTrue(run.err().startsWith("give a RUN_ID or --failed --since TIME [--webhook CODE], not both"), run.err());
    }

    @Test
    void failedWithoutSinceAndSinceWithoutFailedAreUsageErrors() {
        assertTrue(fixture.sending("redeliver", "--failed").exits(2).err().startsWith("--failed needs --since TIME"));
        assertTrue(fixture.sending("redeliver", "--since", "1h").exits(2).err()
                .startsWith("give a RUN_ID, or --failed --since TIME [--webhook CODE]"));
    }

    @Test
    void anUnknownRunIsAUsageErrorAndNothingIsSent() {
        outage(500, Clock.systemUTC(), "DEMO");
        Cli.Run run = fixture.sending("redeliver", "run_nope").exits(2);
        assertEquals("hookwright redeliver: no run run_nope" + System.lineSeparator(), run.err());
        assertEquals(1, receiver.findAll(anyRequestedFor(anyUrl())).stream()
                .filter(r -> r.getUrl().equals("/erp")).count());
    }
    @Test
    void runsShowAMessageHeldBehindABlockedHeadAndSkipLetsTheKeyGoOn() {
        fixture.definitions(CliFixture.webhook("erp_sync", "/erp",
                "synchronous false; retry false; orderedBy '${entity.id}', onFailure: 'block'"));
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(500).withBody("erp is down")));
        try (ManualEngine host = ManualEngine.of(fixture.hostBuilder(Clock.systemUTC()))) {
            host.engine().publish(CliFixture.projectUpdated("p-1", "DEMO"));
            host.engine().publish(Event.builder("Project:Updated").id("evt-p-1-again").tenant("acme")
                    .entity(new Entity("Project", "p-1", "DEMO", Map.of("Status", "Closed"))).build());
            Run head = host.runDue().getFirst();
            assertEquals(Outcome.GAVE_UP, head.outcome());
            assertEquals(List.of(), host.runDue(), "the key is blocked");

            Cli.Run runs = fixture.onStore("runs").exits(0);
            assertTrue(runs.out().lines().anyMatch(l -> l.contains("held") && l.contains("held behind message "
                    + head.messageId())), runs.out());
            JsonNode json = fixture.onStore("runs", "--json").exits(0).json();
            JsonNode held = java.util.stream.StreamSupport.stream(json.spliterator(), false)
                    .filter(r -> r.get("outcome").asText().equals("held")).findFirst().orElseThrow();
            assertTrue(held.get("error").asText().contains("held behind message " + head.messageId()), json.toString());

            fixture.sending("redeliver", head.id(), "--jump", "--skip").exits(2);
            Cli.Run skipped = fixture.sending("redeliver", head.id(), "--skip").exits(0);
            assertTrue(skipped.out().contains("skipped"), skipped.out());
            receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
            assertEquals(Outcome.SUCCEEDED, host.runDue().getFirst().outcome(), "the next message of the key went");
        }
        List<LoggedRequest> sent = receivedOnErp();
        assertEquals(2, sent.size(), "the skipped head was not sent again");
        assertTrue(sent.get(1).getBodyAsString().contains("Closed"), sent.get(1).getBodyAsString());
    }
}
