package io.hookwright.cli;

import io.hookwright.store.Database;
import io.hookwright.store.Durability;
import io.hookwright.store.JdbcUrls;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * {@code --db FILE}, {@code --db-url JDBC_URL} and {@code --db-pool-size N}: where the run log, the outbox and the
 * webhooks' states live. A PostgreSQL password is best given in {@code HOOKWRIGHT_DB_PASSWORD}, not on the command
 * line, where other users of the machine can read it.
 */
final class StoreOptions {
    static final String USER_ENV = "HOOKWRIGHT_DB_USER";
    static final String PASSWORD_ENV = "HOOKWRIGHT_DB_PASSWORD";
    private static final String SQLITE = "jdbc:sqlite:";
    private static final String POSTGRES = "jdbc:postgresql:";

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--db", paramLabel = "FILE", description = "SQLite database file (default: ./hookwright.db)")
    Path file;

    @Option(names = "--db-url", paramLabel = "JDBC_URL", description = "the database as a JDBC URL: jdbc:sqlite:FILE, or "
            + "jdbc:postgresql://HOST[:PORT]/DATABASE for several engine nodes sharing one database (user and password "
            + "from " + USER_ENV + " and " + PASSWORD_ENV + " when the URL has none)")
    String url;

    @Option(names = "--db-pool-size", paramLabel = "N", description = "most connections to the database this process "
            + "holds (default: 8 for SQLite, 10 for PostgreSQL)")
    int poolSize;

    /** Opens the database, creating the file when it is not there yet: for commands that write. */
    Database openOrCreate() {
        return open(Durability.NORMAL);
    }

    /** {@link #openOrCreate()} with a SQLite file's commits reaching the disk as {@code durability} says. */
    Database openOrCreate(Durability durability) {
        return open(durability);
    }

    /** Opens an existing database: for commands that read what an engine wrote, where a new file would mislead. */
    Database openExisting() {
        if (!isPostgres()) {
            Path path = path();
            if (!Files.isRegularFile(path)) {
                throw CommandFailure.usage("no database at " + path + " (use --db FILE or --db-url JDBC_URL)");
            }
        }
        return open(Durability.NORMAL);
    }

    private Database open(Durability durability) {
        if (poolSize < 0) {
            throw new ParameterException(command.commandLine(), "--db-pool-size must be at least 1");
        }
        try {
            if (isPostgres()) {
                return Database.postgres(url, credentials(), poolSize > 0 ? poolSize : Database.POSTGRES_POOL_SIZE);
            }
            return Database.sqlite(path(), poolSize > 0 ? poolSize : Database.SQLITE_POOL_SIZE, durability);
        } catch (io.hookwright.errors.StoreUnavailableException e) {
            throw new CommandFailure(ExitCodes.UNAVAILABLE, e.getMessage());
        }
    }

    private static Properties credentials() {
        Properties credentials = new Properties();
        String user = System.getenv(USER_ENV);
        String password = System.getenv(PASSWORD_ENV);
        if (user != null && !user.isBlank()) {
            credentials.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            credentials.setProperty("password", password);
        }
        return credentials;
    }

    /** Where the database is, for people: never with its password. */
    String describe() {
        return isPostgres() ? JdbcUrls.masked(url) : path().toAbsolutePath().toString();
    }

    /** The options that name this database again, for a command to print. */
    String asArguments() {
        return isPostgres() ? "--db-url '" + JdbcUrls.masked(url) + "'" : "--db " + path();
    }

    boolean isPostgres() {
        return url != null && file == null && url.startsWith(POSTGRES);
    }

    private Path path() {
        if (file != null && url != null) {
            throw new ParameterException(command.commandLine(), "give --db or --db-url, not both");
        }
        if (url == null) {
            return file != null ? file : Path.of("hookwright.db");
        }
        if (!url.startsWith(SQLITE)) {
            throw new ParameterException(command.commandLine(), "--db-url " + JdbcUrls.masked(url)
                    + ": use jdbc:sqlite:FILE or jdbc:postgresql://HOST[:PORT]/DATABASE");
        }
        String location = url.substring(SQLITE.length());
        if (location.isBlank() || location.startsWith(":memory:") || location.contains("?")) {
            throw new ParameterException(command.commandLine(), "--db-url " + url
                    + ": name a database file, e.g. jdbc:sqlite:hookwright.db (no in-memory database, no parameters)");
        }
        return Path.of(location);
    }
}
