package io.hookwright.cli;

/** Exit codes shared by every command. */
final class ExitCodes {
    static final int OK = 0;
    /** The definitions, event or templates are wrong. */
    static final int INVALID = 1;
    /** The command was called wrongly, or what it names does not exist. */
    static final int USAGE = 2;
    /** The database could not be opened or reached. */
    static final int UNAVAILABLE = 3;
    /** {@code serve} hit a fatal error (out of memory…) and stopped, for its supervisor to start it again. */
    static final int FATAL = 4;
    /** The command failed for a reason that is not the input's (a bug to report). */
    static final int FAILED = 5;

    private ExitCodes() {
    }
}
