package io.hookwright.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookwright.event.EventJson;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Runs {@code hookwright} in-process and keeps what it printed. */
final class Cli {
    record Run(int exit, String out, String err) {
        JsonNode json() {
            try {
                return EventJson.MAPPER.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("stdout is not JSON: " + e.getMessage() + "\n" + out + "\nstderr:\n" + err, e);
            }
        }

        /** Requires this exit code, showing both outputs when it differs. */
        Run exits(int expected) {
            assertEquals(expected, exit, () -> "exit code; stdout:\n" + out + "\nstderr:\n" + err);
            return this;
        }

        String all() {
            return out + err;
        }
    }

    private Cli() {
    }

    static Run run(Object... args) {
        return runWith(System.getenv(), args);
    }

    /** Runs with {@code env} as the process's environment. */
    static Run runWith(java.util.Map<String, String> env, Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] strings = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            strings[i] = args[i].toString();
        }
        picocli.CommandLine line = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int exit = Main.execute(line, strings, env);
        return new Run(exit, out.toString(), err.toString());
    }

    static Path write(Path path, String text) {
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, text);
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
