package io.hookwright.cli;

import io.hookwright.dryrun.TerminalText;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** How a command tells a failure: one line on stderr, or with {@code --json} a JSON answer on stdout. */
final class CommandErrors {
    private CommandErrors() {
    }

    static int tell(CommandLine command, boolean json, String message, int exitCode) {
        if (json) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("error", message);
            answer.put("exitCode", exitCode);
            PrintWriter out = command.getOut();
            out.println(Json.pretty(answer));
            out.flush();
        } else {
            PrintWriter err = command.getErr();
            err.println(command.getCommandSpec().qualifiedName(" ") + ": " + TerminalText.block(message));
            err.flush();
        }
        return exitCode;
    }

    /** An unexpected failure in a line: its kind and first line of message, never a stack trace. */
    static String describe(Throwable error) {
        String message = error.getMessage() == null ? "" : error.getMessage().lines().findFirst().orElse("");
        return error.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
