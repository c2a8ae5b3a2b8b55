package io.hookwright.cli;

import io.hookwright.errors.StoreUnavailableException;
import io.hookwright.store.Backups;
import io.hookwright.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "backup", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Copy a SQLite database to FILE while engines use it: everything committed when the copy "
                + "begins, what is still in the write-ahead log included, as one whole database file (no -wal "
                + "beside it). The copy is read back and checked. Exit 0 when written, 2 on a usage error, 3 when "
                + "the database could not be copied.")
final class BackupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the copy to write: a file that does not exist yet")
    Path target;

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (store.isPostgres()) {
            throw CommandFailure.usage("backup copies a SQLite database; back up PostgreSQL with its own tools "
                    + "(pg_dump, or a base backup with its write-ahead log)");
        }
        if (Files.exists(target)) {
            throw CommandFailure.usage(target + " exists: a backup never overwrites a file; give a new one");
        }
        if (target.getParent() != null && !Files.isDirectory(target.getParent())) {
            throw CommandFailure.usage("no folder " + target.getParent() + " to write " + target.getFileName() + " in");
        }
        Backups.Backup backup;
        try (Database database = store.openExisting()) {
            backup = Backups.write(database, target);
        } catch (StoreUnavailableException e) {
            throw new CommandFailure(ExitCodes.UNAVAILABLE, e.getMessage());
        }
        out.println("Backed up " + store.describe() + " to " + target + ": " + backup.bytes() + " bytes, schema version "
                + backup.schemaVersion() + ", " + backup.runs() + " run" + (backup.runs() == 1 ? "" : "s") + ", "
                + backup.queued() + " message" + (backup.queued() == 1 ? "" : "s") + " queued");
        out.println("It is a whole database: restore it by stopping the engines and putting it in place of "
                + store.describe() + " (without its -wal and -shm files), or run one on it with --db " + target);
        out.flush();
        return ExitCodes.OK;
    }
}
