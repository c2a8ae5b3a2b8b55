package io.hookwright.cli;

import io.hookwright.store.Database;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --db FILE} and {@code --db-url JDBC_URL}: where the run log, the outbox and the webhooks' states live. */
final class StoreOptions {
    private static final String SQLITE = "jdbc:sqlite:";

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--db", paramLabel = "FILE", description = "SQLite database file (default: ./hookwright.db)")
    Path file;

    @Option(names = "--db-url", paramLabel = "JDBC_URL", description = "the database as a JDBC URL; only jdbc:sqlite: URLs are supported")
    String url;

    /** Opens the database, creating the file when it is not there yet: for commands that write. */
    Database openOrCreate() {
        return Database.sqlite(path());
    }

    /** Opens an existing database: for commands that read what an engine wrote, where a new file would mislead. */
    Database openExisting() {
        Path path = path();
        if (!Files.isRegularFile(path)) {
            throw CommandFailure.usage("no database at " + path + " (use --db FILE or --db-url JDBC_URL)");
        }
        return Database.sqlite(path);
    }

    /** Where the database is, for people. */
    String describe() {
        return path().toAbsolutePath().toString();
    }

    /** The options that name this database again, for a command to print. */
    String asArguments() {
        return "--db " + path();
    }

    private Path path() {
        if (file != null && url != null) {
            throw new ParameterException(command.commandLine(), "give --db or --db-url, not both");
        }
        if (url == null) {
            return file != null ? file : Path.of("hookwright.db");
        }
        if (!url.startsWith(SQLITE)) {
            throw new ParameterException(command.commandLine(), "--db-url " + url
                    + ": only jdbc:sqlite: URLs are supported, e.g. jdbc:sqlite:hookwright.db");
        }
        String location = url.substring(SQLITE.length());
        if (location.isBlank() || location.startsWith(":memory:") || location.contains("?")) {
            throw new ParameterException(command.commandLine(), "--db-url " + url
                    + ": name a database file, e.g. jdbc:sqlite:hookwright.db (no in-memory database, no parameters)");
        }
        return Path.of(location);
    }
}
