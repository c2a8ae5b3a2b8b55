package io.hookwright.testdb;

import io.hookwright.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;

/**
 * What the store tests share: one test code, run on SQLite and on PostgreSQL, each test on a new database with the
 * schema applied, opened before it and closed after.
 */
@ParameterizedClass
@EnumSource(Backend.class)
public abstract class OnEachBackend {
    @Parameter
    protected Backend backend;
    @TempDir
    protected Path dir;
    /** The test's database, and its URL for opening it again (as a restarted engine would). */
    protected Database database;
    protected String url;

    @BeforeEach
    void openDatabase() {
        url = backend.url(dir);
        database = Backend.open(url);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
