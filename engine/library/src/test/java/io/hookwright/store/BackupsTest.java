package io.hookwright.store;

import io.hookwright.render.RenderedRequest;
import io.hookwright.runlog.JooqRunLog;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import io.hookwright.runlog.RunQuery;
import io.hookwright.testdb.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backup of a SQLite database in use holds every commit, those still in its write-ahead log too, as one file that
 * reads on its own; {@code durability} sets how its commits reach the disk.
 */
class BackupsTest {
    @TempDir
    Path dir;

    private static List<Run> runs(int count) {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            runs.add(new Run("run-" + i, "erp", "rev", "evt-" + i, "Project:Updated", "msg-" + i, "async-after-commit", 1,
                    new RenderedRequest("POST", "https://erp.example.com/", List.of(), "{}"), List.of(), null,
                    Duration.ofMillis(3), Outcome.SUCCEEDED, null, Instant.parse("2026-11-23T10:00:00Z"), "node"));
        }
        return runs;
    }

    @Test
    void aBackupWhileTheDatabaseIsOpenHoldsWhatIsStillInItsWriteAheadLog() throws Exception {
        Path file = dir.resolve("hookwright.db");
        Path copy = dir.resolve("copies/backup.db");
        Files.createDirectories(copy.getParent());
        try (Database database = Database.sqlite(file)) {
            new JooqRunLog(database).record(runs(25));
            // The pool keeps its connections open, so nothing has checkpointed the log into the file yet.
            assertTrue(Files.size(dir.resolve("hookwright.db-wal")) > 0, "the commits are in the write-ahead log");

            Backups.Backup backup = Backups.write(database, copy);
            assertEquals(25, backup.runs());
            assertEquals(0, backup.queued());
            assertEquals(Migrations.latest(), backup.schemaVersion());
            assertEquals(Files.size(copy), backup.bytes());
            new JooqRunLog(database).record(runs(30).subList(25, 30));
        }
        assertFalse(Files.exists(dir.resolve("copies/backup.db-wal")), "the copy is one file");
        try (Database restored = Database.sqlite(copy)) {
            assertEquals(25, new JooqRunLog(restored).list(RunQuery.latest(100)).size(),
                    "what was committed when the backup began, not what came after");
        }
    }

    @Test
    void aBackupNeverOverwritesAFileAndCopiesOnlySqlite() throws Exception {
        Path file = dir.resolve("hookwright.db");
        Path taken = Files.writeString(dir.resolve("taken.db"), "keep me");
        try (Database database = Database.sqlite(file)) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> Backups.write(database, taken));
            assertTrue(refused.getMessage().contains("exists: a backup never overwrites a file"), refused.getMessage());
        }
        assertEquals("keep me", Files.readString(taken));
        try (Database postgres = Backend.POSTGRES.open(dir)) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> Backups.write(postgres, dir.resolve("pg.db")));
            assertTrue(refused.getMessage().contains("back up PostgreSQL with its own tools"), refused.getMessage());
        }
    }

    @Test
    void durabilitySetsHowEachConnectionSyncsItsCommits() {
        for (Durability durability : Durability.values()) {
            try (Database database = Database.sqlite(dir.resolve(durability.word() + ".db"), 2, durability)) {
                Object synchronous = database.dsl().fetchValue("PRAGMA synchronous");
                assertEquals(durability == Durability.FULL ? 2 : 1, ((Number) synchronous).intValue(), durability.word());
                assertEquals("wal", String.valueOf(database.dsl().fetchValue("PRAGMA journal_mode")));
            }
        }
        try (Database byDefault = Database.sqlite(dir.resolve("default.db"))) {
            assertEquals(1, ((Number) byDefault.dsl().fetchValue("PRAGMA synchronous")).intValue(), "normal by default");
        }
    }
}
