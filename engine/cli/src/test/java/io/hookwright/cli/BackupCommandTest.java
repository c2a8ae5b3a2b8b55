package io.hookwright.cli;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.execution.Engine;
import io.hookwright.execution.EngineFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hookwright backup FILE}: a whole, checked copy of a SQLite database an engine is using. */
class BackupCommandTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path root;
    private CliFixture fixture;

    @BeforeEach
    void start() {
        fixture = new CliFixture(root, receiver.getPort())
                .definitions(CliFixture.webhook("erp_sync", "/erp", "synchronous true"));
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
    }

    @Test
    void aBackupWhileAnEngineRunsHoldsItsRunsAndRunsOnItsOwn() {
        Path copy = root.resolve("backup.db");
        try (Engine engine = fixture.hostEngine()) {
            engine.publish(EngineFixture.projectUpdated("p-1"));
            engine.publish(EngineFixture.projectUpdated("p-2"));
            Cli.Run backup = fixture.onStore("backup", copy).exits(0);
            assertTrue(backup.out().startsWith("Backed up " + fixture.db.toAbsolutePath() + " to " + copy + ": "),
                    backup.out());
            assertTrue(backup.out().contains(", 2 runs, 0 messages queued"), backup.out());
            assertTrue(backup.out().contains("run one on it with --db " + copy), backup.out());
        }
        assertFalse(Files.exists(root.resolve("backup.db-wal")), "one file");
        Cli.Run runs = Cli.run("runs", "--db", copy).exits(0);
        assertEquals(2, runs.out().lines().filter(l -> l.contains("erp_sync")).count(), runs.out());
    }

    @Test
    void aFileThatExistsANewDatabaseOrPostgresAreUsageErrors() throws Exception {
        try (Engine engine = fixture.hostEngine()) {
            engine.publish(EngineFixture.projectUpdated("p-1"));
        }
        Path taken = Files.writeString(root.resolve("taken.db"), "keep me");
        Cli.Run overwrite = fixture.onStore("backup", taken).exits(2);
        assertTrue(overwrite.err().contains(taken + " exists: a backup never overwrites a file"), overwrite.err());
        assertEquals("keep me", Files.readString(taken));

        Cli.Run none = Cli.run("backup", root.resolve("b.db"), "--db", root.resolve("nowhere.db")).exits(2);
        assertTrue(none.err().contains("no database at " + root.resolve("nowhere.db")), none.err());
        assertFalse(Files.exists(root.resolve("nowhere.db")), "no database made to back up");

        Cli.Run folder = fixture.onStore("backup", root.resolve("missing/b.db")).exits(2);
        assertTrue(folder.err().contains("no folder " + root.resolve("missing")), folder.err());

        Cli.Run postgres = Cli.run("backup", root.resolve("pg.db"), "--db-url", "jdbc:postgresql://db.internal/hooks")
                .exits(2);
        assertTrue(postgres.err().contains("back up PostgreSQL with its own tools"), postgres.err());
    }
}
