package io.hookwright.testdb;

import io.hookwright.store.Database;

import java.nio.file.Path;

/** The databases the engine runs on, for tests that must hold on each. */
public enum Backend {
    SQLITE {
        @Override
        public String url(Path dir) {
            return "jdbc:sqlite:" + dir.resolve("hookwright.db").toAbsolutePath();
        }
    },
    POSTGRES {
        @Override
        public String url(Path dir) {
            return TestPostgres.freshDatabase();
        }
    };

    /** A JDBC URL of a new, empty database: a file in {@code dir}, or a new database on the test server. */
    public abstract String url(Path dir);

    /** Opens a new, empty database with the schema applied. */
    public Database open(Path dir) {
        return open(url(dir));
    }

    /** Opens the database at {@code url}, with the schema applied. */
    public static Database open(String url) {
        return Database.open(url, new java.util.Properties(), 0);
    }
}
