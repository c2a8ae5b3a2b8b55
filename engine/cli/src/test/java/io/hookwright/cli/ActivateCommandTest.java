package io.hookwright.cli;

import io.hookwright.state.WebhookState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hookwright activate}: a deactivated webhook is active again, its failure count back to 0. */
class ActivateCommandTest {
    private static final Instant T0 = Instant.parse("2026-11-20T08:30:00Z");

    @TempDir
    Path root;
    private CliFixture fixture;

    @BeforeEach
    void write() {
        fixture = new CliFixture(root, 9).definitions(CliFixture.webhook("erp_sync", "/erp", "synchronous true") + """
                webhook('paused') {
                    active false
                    on 'Project:Deleted'
                    request { post 'RECEIVER/paused' }
                }
                """);
    }

    @Test
    void aWebhookDeactivatedAfterFailuresIsActiveAgainWithNoFailures() {
        fixture.states().failed("erp_sync", T0, "HTTP 500 from localhost", 2);
        fixture.states().failed("erp_sync", T0, "HTTP 500 from localhost", 2);
        assertFalse(fixture.states().get("erp_sync").active());

        Cli.Run run = fixture.withDefinitions("activate", "erp_sync").exits(0);

        assertEquals("erp_sync activated; its failure count starts again at 0" + System.lineSeparator(), run.out());
        WebhookState state = fixture.states().get("erp_sync");
        assertTrue(state.active());
        assertEquals(0, state.consecutiveFailures());
        assertNull(state.deactivationReason());
    }

    @Test
    void activatingAWebhookWhoseDefinitionSaysInactiveWarnsThatItStillDoesNotFire() {
        Cli.Run run = fixture.withDefinitions("activate", "paused").exits(0);
        assertTrue(run.out().contains("note: its definition says active false, so it still does not fire"), run.out());
    }

    @Test
    void aCodeNeitherDefinedNorStoredIsRefusedAndNothingIsStored() {
        Cli.Run run = fixture.withDefinitions("activate", "erp_sink").exits(2);
        assertEquals("hookwright activate: no webhook erp_sink in " + fixture.definitions + ", and no state stored for it; "
                + "webhooks: erp_sync, paused" + System.lineSeparator(), run.err());
        assertFalse(fixture.states().all().containsKey("erp_sink"));
    }

    @Test
    void aStoredCodeNoLongerDefinedCanBeActivated() {
        fixture.states().deactivate("retired_hook", T0, "target moved");
        Cli.Run run = fixture.withDefinitions("activate", "retired_hook").exits(0);
        assertTrue(run.out().contains("note: retired_hook is no longer defined in " + fixture.definitions), run.out());
        assertTrue(fixture.states().get("retired_hook").active());
    }

    @Test
    void invalidDefinitionsAreReportedAndNothingChanges() {
        fixture.states().deactivate("erp_sync", T0, "by hand");
        Cli.write(fixture.definitions.resolve("broken.groovy"), "webhook('Bad Code') {\n}\n");
        Cli.Run run = fixture.withDefinitions("activate", "erp_sync").exits(1);
        assertTrue(run.err().contains(fixture.definitions.resolve("broken.groovy") + ":"), run.err());
        assertFalse(fixture.states().get("erp_sync").active());
    }
}
