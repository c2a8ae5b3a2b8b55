package io.hookwright.cli;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hookwright test-send}: one webhook's request, really sent now, logged as a test run. */
class TestSendCommandTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path root;
    private CliFixture fixture;

    @BeforeEach
    void write() {
        fixture = new CliFixture(root, receiver.getPort()).definitions(CliFixture.webhook("erp_sync", "/erp",
                "synchronous false") + """
                webhook('task_watch') {
                    on 'Task:*'
                    request { post 'RECEIVER/tasks' }
                }
                """);
    }

    private List<LoggedRequest> received() {
        return receiver.findAll(anyRequestedFor(anyUrl()));
    }

    @Test
    void aTwoHundredExitsZeroAndPrintsTheOutcomeStatusAndRunId() {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        Cli.Run run = fixture.sending("test-send", "erp_sync", "--workspace", fixture.workspace, "--project", "DEMO").exits(0);

        Run logged = fixture.runs().get(0);
        assertTrue(run.out().contains("test-send erp_sync: Project:Updated on Project DEMO"), run.out());
        assertTrue(run.out().contains("POST http://localhost:" + fixture.port + "/erp"), run.out());
        assertTrue(run.out().contains("succeeded, HTTP 200, " + logged.duration().toMillis() + " ms"), run.out());
        assertTrue(run.out().contains("run " + logged.id() + " (logged as a test run)"), run.out());
        assertEquals("", run.err());
        assertEquals(1, received().size());
        assertEquals("Bearer " + CliFixture.TOKEN, received().get(0).getHeader("Authorization"), "sent with the secret's value");
    }

    @Test
    void theRunIsLoggedAsATestRunOfTheWebhooksFirstEventWithTheDefinitionsRevision() {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(204)));
        fixture.sending("test-send", "erp_sync", "--workspace", fixture.workspace, "--project", "DEMO").exits(0);

        Run logged = fixture.runs().get(0);
        assertEquals(1, fixture.runs().size());
        assertEquals("erp_sync", logged.webhook());
        assertEquals("test", logged.mode());
        assertEquals(Outcome.SUCCEEDED, logged.outcome());
        assertEquals("Project:Updated", logged.eventType());
        assertTrue(logged.eventId().startsWith("test_"), logged.eventId());
        assertTrue(logged.revision().matches("content-[0-9a-f]{12}"), logged.revision());
        assertEquals("Bearer hwsecret-ERP_TOKEN-hwsecret", logged.request().headerMap().get("Authorization"),
                "the log keeps a reference, never the value");
    }

    @Test
    void theSameDefinitionsGiveTheSameRevisionAndAnEditGivesAnother() {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        fixture.sending("test-send", "erp_sync", "--workspace", fixture.workspace, "--project", "DEMO").exits(0);
        fixture.sending("test-send", "erp_sync", "--workspace", fixture.workspace, "--project", "DEMO").exits(0);
        Cli.write(fixture.definitions.resolve("notes.groovy"), "// a comment changes the revision too\n");
        fixture.sending("test-send", "erp_sync", "--workspace", fixture.workspace, "--project", "DEMO").exits(0);

        List<String> revisions = fixture.runs().stream().map(Run::revision).toList();
        assertEquals(revisions.get(0), revisions.get(1));
        assertTrue(!revisions.get(1).equals(revisions.get(2)), revisions.toString());
    }

    @Test
    void aFailureExitsOneWithTheStatusAndBodyAndDoesNotCountForHealth() {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(500).withBody("budget frozen")));
        Cli.Run run = fixture.sending("test-send", "erp_sync", "--workspace", fixture.workspace, "--project", "DEMO").exits(1);

        assertTrue(run.out().contains("failed, HTTP 500"), run.out());
        assertTrue(run.out().contains("error: HTTP 500: budget frozen"), run.out());
        assertEquals(Outcome.FAILED, fixture.runs().get(0).outcome());
        assertEquals("test", fixture.runs().get(0).mode());
        assertEquals(0, fixture.states().get("erp_sync").consecutiveFailures(), "a test says nothing about health");
    }

    @Test
    void setChangesTheEntityAndAsNamesTheInitiator() {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        fixture.sending("test-send", "erp_sync", "--workspace", fixture.workspace, "--project", "DEMO",
                "--set", "Status=Done", "--as", "bob@acme.example.com").exits(0);

        assertEquals("{\"project\": \"DEMO\", \"status\": \"Done\"}", received().get(0).getBodyAsString());
    }

    @Test
    void aWebhookOnWildcardsOnlyNeedsEventAndSaysSo() {
        Cli.Run run = fixture.sending("test-send", "task_watch", "--workspace", fixture.workspace, "--entity", "Task:DEMO-9").exits(2);
        assertTrue(run.err().contains("webhook task_watch listens to Task:*, none of them a named action on a Task: "
                + "--event TYPE is needed"), run.err());
        assertEquals(0, received().size());

        receiver.stubFor(post(urlEqualTo("/tasks")).willReturn(aResponse().withStatus(202)));
        fixture.sending("test-send", "task_watch", "--workspace", fixture.workspace, "--entity", "Task:DEMO-9",
                "--event", "Task:Updated").exits(0);
        assertEquals("Task:Updated", fixture.runs().get(0).eventType());
    }

    @Test
    void anEventOnAnotherEntityTypeIsRefusedNamingBoth() {
        Cli.Run run = fixture.sending("test-send", "erp_sync", "--workspace", fixture.workspace, "--project", "DEMO",
                "--event", "Task:Updated").exits(2);
        assertTrue(run.err().contains("--event Task:Updated is about Task, but"), run.err());
        assertEquals(0, received().size());
    }

    @Test
    void aLoopbackTargetNotAllowListedIsRefusedAndNotSent() {
        Cli.Run run = fixture.withDefinitions("test-send", "erp_sync", "--workspace", fixture.workspace,
                "--project", "DEMO", "--secrets", fixture.secrets).exits(1);
        assertTrue(run.out().contains("pass --allow-target localhost:" + fixture.port), run.out());
        assertEquals(0, received().size());
        assertEquals(Outcome.FAILED, fixture.runs().get(0).outcome());
    }

    @Test
    void requireHttpsRefusesAPlainHttpTarget() {
        Cli.Run run = fixture.sending("test-send", "erp_sync", "--workspace", fixture.workspace, "--project", "DEMO",
                "--require-https").exits(1);
        assertTrue(run.out().contains("is plain http, and https is required (--require-https)"), run.out());
        assertEquals(0, received().size());
    }

    @Test
    void aSecretNotSetIsNamedAndNothingIsSent() {
        Cli.Run run = fixture.withDefinitions("test-send", "erp_sync", "--workspace", fixture.workspace,
                "--project", "DEMO", "--allow-target", "localhost:" + fixture.port).exits(1);
        assertTrue(run.out().contains("secret ERP_TOKEN not set"), run.out());
        assertEquals(0, received().size());
    }

    @Test
    void aBadAllowTargetIsAUsageErrorNamingTheValue() {
        Cli.Run run = fixture.sending("test-send", "erp_sync", "--workspace", fixture.workspace, "--project", "DEMO",
                "--allow-target", "10.0.0.0/99").exits(2);
        assertTrue(run.err().contains("--allow-target 10.0.0.0/99: the prefix must be 0 to 32"), run.err());
        assertEquals(0, received().size());
    }

    @Test
    void anUnknownWebhookIsAUsageErrorListingTheDefinedOnes() {
        Cli.Run run = fixture.sending("test-send", "erp_sink", "--workspace", fixture.workspace, "--project", "DEMO").exits(2);
        assertEquals("hookwright test-send: no webhook erp_sink in " + fixture.definitions
                + "; webhooks: erp_sync, task_watch" + System.lineSeparator(), run.err());
    }

    @Test
    void invalidDefinitionsArePrintedAndNothingIsSent() {
        Cli.write(fixture.definitions.resolve("broken.groovy"), "webhook('broken') {\n    on 'Nonsense'\n}\n");
        Cli.Run run = fixture.sending("test-send", "erp_sync", "--workspace", fixture.workspace, "--project", "DEMO").exits(1);
        assertTrue(run.err().contains(fixture.definitions.resolve("broken.groovy") + ":"), run.err());
        assertTrue(run.err().contains("hookwright test-send: the definitions in " + fixture.definitions + " are not valid"), run.err());
        assertEquals(0, received().size());
    }

    @Test
    void aTemplatesFolderLinkedToTheRootCannotSendTheEnvironment() throws Exception {
        java.nio.file.Files.createSymbolicLink(fixture.definitions.resolve("templates"), Path.of("/"));
        Cli.write(fixture.definitions.resolve("leak.groovy"), """
                webhook('leak') {
                    on 'Project:Updated'
                    request {
                        post 'RECEIVER/leak'
                        body template('proc/self/environ')
                    }
                }
                """.replace("RECEIVER", "http://localhost:" + receiver.getPort()));
        receiver.stubFor(post(urlEqualTo("/leak")).willReturn(aResponse().withStatus(200)));
        Cli.Run run = fixture.sending("test-send", "leak", "--workspace", fixture.workspace, "--project", "DEMO").exits(1);
        assertTrue(run.err().contains(fixture.definitions.resolve("templates") + ":1:1: this is a symbolic link"),
                run.err());
        assertTrue(run.err().contains(fixture.definitions.resolve("leak.groovy") + ":5:24: template "
                + "'proc/self/environ' cannot be used: templates is a symbolic link"), run.err());
        assertTrue(!run.err().contains("PATH=") && !run.err().contains(CliFixture.TOKEN), run.err());
        assertEquals(0, received().size());
    }

    @Test
    void neitherProjectNorEntityIsAUsageError() {
        Cli.Run run = fixture.sending("test-send", "erp_sync", "--workspace", fixture.workspace).exits(2);
        assertTrue(run.err().contains("--project=KEY | --entity=TYPE:ID"), run.err());
    }

    @Test
    void aTemplateStoppedByItsLimitExitsOneWithTheReasonAndSendsNothing() {
        fixture.definitions("""
                webhook('recursive') {
                    on 'Project:Updated'
                    request {
                        post 'RECEIVER/erp'
                        body '<#macro m><@m/></#macro><@m/>'
                    }
                }
                """);
        Cli.Run run = fixture.sending("test-send", "recursive", "--workspace", fixture.workspace, "--project", "DEMO")
                .exits(1);
        assertTrue(run.err().contains("hookwright test-send: ") && run.err().contains("nests calls too deeply"), run.err());
        assertTrue(!run.err().contains("\tat "), "no stack trace: " + run.err());
        assertEquals(0, received().size());
    }
}
