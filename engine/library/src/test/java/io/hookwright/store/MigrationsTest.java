package io.hookwright.store;

import io.hookwright.testdb.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MigrationsTest {
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
            assertEquals(List.of(), Migrations.apply(again.dsl(), again.kind()));
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
}
