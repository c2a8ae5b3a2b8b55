package io.hookwright.store;

import io.hookwright.errors.StoreUnavailableException;
import io.hookwright.testdb.Backend;
import io.hookwright.testdb.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MigrationsTest {
    /** Where a dump that differs from the checked-in one is written, to compare or (for a new step) check in. */
    private static final Path ACTUAL_DUMPS = Path.of("target", "schema-dumps");

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aNewDatabaseGetsEveryVersionOnceAndReopeningChangesNothing(Backend backend, @TempDir Path dir) {
        String url = backend.url(dir);
        try (Database first = Database.open(url, new Properties(), 0)) {
            assertEquals(Migrations.ALL.stream().map(Migration::version).toList(), first.dsl()
                    .select(Schema.SchemaVersion.VERSION).from(Schema.SchemaVersion.TABLE)
                    .orderBy(Schema.SchemaVersion.VERSION).fetch(Schema.SchemaVersion.VERSION));
        }
        try (Database again = Database.open(url, new Properties(), 0)) {
            assertEquals(List.of(), Migrations.apply(again.dsl(), again.kind(), again.where()));
        }
    }

    static Stream<Arguments> everyVersionOnEachBackend() {
        return EarlierVersions.onEachBackend(IntStream.rangeClosed(1, Migrations.latest()));
    }

    /**
     * Released steps never change: the schema each version makes is the one its release made, held in a checked-in
     * dump. Versions 1 to 7 were dumped from databases migrated by the steps as released (built from the live schema
     * constants then); a new version's dump is checked in with its step.
     */
    @ParameterizedTest(name = "{0} version {1}")
    @MethodSource("everyVersionOnEachBackend")
    void eachVersionMakesTheSchemaItsReleaseMade(Backend backend, int version, @TempDir Path dir) throws Exception {
        String url = backend.url(dir);
        EarlierVersions.migrate(backend, url, version);
        String actual;
        try (Connection connection = DriverManager.getConnection(url)) {
            actual = SchemaDump.of(connection, EarlierVersions.dialect(backend));
        }
        String name = backend.name().toLowerCase(Locale.ROOT) + "-v" + version + ".txt";
        String expected = checkedInDump(name);
        if (!actual.equals(expected)) {
            Files.createDirectories(ACTUAL_DUMPS);
            Files.writeString(ACTUAL_DUMPS.resolve(name), actual);
        }
        assertNotNull(expected, "no schema dump checked in for version " + version + ": check in "
                + ACTUAL_DUMPS.resolve(name).toAbsolutePath() + " as src/test/resources/io/hookwright/store/schema/" + name);
        assertEquals(expected, actual, "version " + version + " on " + backend + " no longer makes the schema it made"
                + " when released (the schema made now is in " + ACTUAL_DUMPS.resolve(name).toAbsolutePath() + ")");
    }

    /** All the steps at one start, as a new database gets them, make what they make one at a time. */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void aNewDatabaseHasTheNewestVersionsSchema(Backend backend, @TempDir Path dir) throws Exception {
        String url = backend.url(dir);
        Backend.open(url).close();
        try (Connection connection = DriverManager.getConnection(url)) {
            assertEquals(checkedInDump(backend.name().toLowerCase(Locale.ROOT) + "-v" + Migrations.latest() + ".txt"),
                    SchemaDump.of(connection, EarlierVersions.dialect(backend)));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aDatabaseNewerThanTheEngineIsRefusedAndLeftAsItIs(Backend backend, @TempDir Path dir) throws Exception {
        String url = backend.url(dir);
        if (backend == Backend.POSTGRES && System.getenv(TestPostgres.URL_VARIABLE) == null) {
            // The embedded server trusts local connections: a password in the URL is ignored, and must not be shown.
            url += "&password=pw-in-the-url";
        }
        Backend.open(url).close();
        int newer = Migrations.latest() + 1;
        String before;
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement insert = connection.prepareStatement(
                     "insert into hw_schema_version (version, description, applied_at) values (?, ?, ?)")) {
            insert.setInt(1, newer);
            insert.setString(2, "a step of a newer engine");
            insert.setLong(3, 1_800_000_000_000L);
            insert.executeUpdate();
            before = SchemaDump.of(connection, EarlierVersions.dialect(backend));
        }
        String opened = url;
        StoreUnavailableException refused = assertThrows(StoreUnavailableException.class, () -> Backend.open(opened));
        String where = backend == Backend.SQLITE ? dir.resolve("hookwright.db").toAbsolutePath().toString()
                : JdbcUrls.masked(url);
        assertEquals("the database " + where + " is at schema version " + newer + ", newer than this engine knows"
                + " (up to version " + Migrations.latest() + "): a newer Hookwright upgraded it. Upgrade this engine to"
                + " that Hookwright version or later; the database was left unchanged.", refused.getMessage());
        assertFalse(refused.getMessage().contains("pw-in-the-url"), refused.getMessage());
        try (Connection connection = DriverManager.getConnection(url)) {
            assertEquals(before, SchemaDump.of(connection, EarlierVersions.dialect(backend)));
        }
    }

    @Test
    void nodesStartingTogetherApplyEachVersionOnce() throws Exception {
        String url = Backend.POSTGRES.url(null);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Database>> starts = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                starts.add(pool.submit(() -> Database.open(url, new Properties(), 2)));
            }
            for (var start : starts) {
                start.get().close();
            }
        } finally {
            pool.shutdown();
        }
        try (Database database = Database.open(url, new Properties(), 0)) {
            assertEquals(Migrations.latest(), database.dsl().fetchCount(Schema.SchemaVersion.TABLE));
        }
    }

    @Test
    void sqliteRunsInWalMode(@TempDir Path dir) throws Exception {
        Database database = Database.sqlite(dir.resolve("hookwright.db"));
        try (var connection = database.dataSource().getConnection();
             var pragma = connection.createStatement().executeQuery("pragma journal_mode")) {
            pragma.next();
            assertEquals("wal", pragma.getString(1));
        }
    }

    private static String checkedInDump(String name) throws IOException {
        try (InputStream in = MigrationsTest.class.getResourceAsStream("schema/" + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
