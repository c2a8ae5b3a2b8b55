package io.hookwright.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MigrationsTest {
    @Test
    void aNewDatabaseGetsEveryVersionOnceAndReopeningChangesNothing(@TempDir Path dir) {
        Path file = dir.resolve("hookwright.db");
        Database first = Database.sqlite(file);
        assertEquals(Migrations.ALL.stream().map(Migration::version).toList(), first.dsl().select(Schema.SchemaVersion.VERSION)
                .from(Schema.SchemaVersion.TABLE).fetch(Schema.SchemaVersion.VERSION));
        assertEquals(List.of(), Migrations.apply(Database.sqlite(file).dsl()));
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
