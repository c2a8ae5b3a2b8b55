package io.hookwright.store;

import io.hookwright.errors.StoreUnavailableException;
import io.hookwright.store.Schema.SchemaVersion;
import io.hookwright.testjvm.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opening the engine's database: a failure after the pool was made closes it (no thread or connection left behind),
 * a host's DataSource that is not one the engine runs on is refused clearly, and opening leaves the JVM's settings
 * as they were.
 */
class OpeningTest {
    @TempDir
    Path dir;

    @Test
    void aBrokenSchemaFailsToOpenAndLeavesNoPoolBehind() throws Exception {
        Path file = dir.resolve("broken.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            // A table of the engine's name made by someone else: the first migration cannot create it.
            s.execute("create table hw_outbox (x integer)");
        }
        StoreUnavailableException e = refusedWithoutLeaks(() -> Database.sqlite(file));
        assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("bringing the schema up to date"), e.getMessage());
    }

    @Test
    void aSchemaNewerThanTheEngineFailsToOpenAndLeavesNoPoolBehind() throws Exception {
        Path file = dir.resolve("newer.db");
        try (Database database = Database.sqlite(file)) {
            database.dsl().insertInto(SchemaVersion.TABLE, SchemaVersion.VERSION, SchemaVersion.DESCRIPTION,
                    SchemaVersion.APPLIED_AT).values(Migrations.latest() + 1, "from a newer engine", 0L).execute();
        }
        StoreUnavailableException e = refusedWithoutLeaks(() -> Database.sqlite(file));
        assertTrue(e.getMessage().contains("schema version " + (Migrations.latest() + 1)), e.getMessage());
        assertTrue(e.getMessage().contains("newer than this engine knows"), e.getMessage());
    }

    @Test
    void anUnreachablePostgresFailsToOpenAndLeavesNoPoolBehind() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:1/hookwright?user=hw&password=s3cret-pass";
        StoreUnavailableException e = refusedWithoutLeaks(() -> Database.open(url, new java.util.Properties(), 2));
        assertTrue(e.getMessage().contains("127.0.0.1:1/hookwright"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret-pass"), "the password stays out of the message: " + e.getMessage());
    }

    @Test
    void anInMemorySqliteIsRefusedClearly() {
        SQLiteDataSource memory = new SQLiteDataSource();
        memory.setUrl("jdbc:sqlite::memory:");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Database.create(memory));
        assertTrue(e.getMessage().contains("WAL mode"), e.getMessage());
    }

    @Test
    void aHostsSqliteFileIsPutInWalMode() throws Exception {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + dir.resolve("host.db"));
        try (Database database = Database.create(source)) {
            assertEquals(Database.class, database.getClass());
            assertEquals(Path.of(dir.resolve("host.db").toString()).toAbsolutePath(), database.file().orElseThrow());
        }
        try (Connection c = source.getConnection(); Statement s = c.createStatement();
             var mode = s.executeQuery("pragma journal_mode")) {
            mode.next();
            assertEquals("wal", mode.getString(1));
        }
    }

    @Test
    void openingChangesNoSettingOfTheJvm() throws Exception {
        ChildJvm child = ChildJvm.start("opening", OpenAndTell.class, dir.resolve("child.db").toString());
        assertEquals(0, child.awaitExit(Duration.ofSeconds(60)), child.output());
        assertTrue(child.output().contains("no-logo=null no-tips=null jooq-level=null hikari-level=null"),
                child.output());
    }

    /** Opens a database in a fresh JVM and prints the settings the library used to change. */
    public static final class OpenAndTell {
        public static void main(String[] args) {
            try (Database database = Database.sqlite(Path.of(args[0]))) {
                database.check();
            }
            System.out.println("no-logo=" + System.getProperty("org.jooq.no-logo")
                    + " no-tips=" + System.getProperty("org.jooq.no-tips")
                    + " jooq-level=" + java.util.logging.Logger.getLogger("org.jooq").getLevel()
                    + " hikari-level=" + java.util.logging.Logger.getLogger("com.zaxxer.hikari").getLevel());
        }
    }

    /** Runs {@code open}, which must fail; waits for any thread it started to end, and checks that all did. */
    private static StoreUnavailableException refusedWithoutLeaks(Supplier<Database> open) throws InterruptedException {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        StoreUnavailableException e = assertThrows(StoreUnavailableException.class, open::get);
        List<Thread> started = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().startsWith("hookwright")).toList();
        for (Thread t : started) {
            t.join(Duration.ofSeconds(10));
        }
        assertEquals(List.of(), started.stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toList()), "threads of the pool still running");
        return e;
    }
}
