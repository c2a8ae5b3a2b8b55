package io.hookwright.cli;

/**
 * A command could not do what it was asked, for a reason the user can act on. {@link Main} prints the message after
 * the command's name, without a stack trace, and exits with {@link #exitCode()}.
 */
final class CommandFailure extends RuntimeException {
    private final int exitCode;

    CommandFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** The command names something that does not exist, or cannot be read. */
    static CommandFailure usage(String message) {
        return new CommandFailure(ExitCodes.USAGE, message);
    }

    int exitCode() {
        return exitCode;
    }
}
