package io.hookwright.cli;

import picocli.CommandLine.Option;

/** How {@code webhooks create|edit|delete} commit: by whom, with what message, where, and whether pushed. */
final class WriteOptions {
    @Option(names = "--author", paramLabel = "\"NAME <MAIL>\"", description = "who the commit is by (default: the "
            + "work tree's git config, user.name and user.email)")
    String author;

    @Option(names = "--message", paramLabel = "TEXT", description = "the commit message (default: one naming the "
            + "webhook and what changed)")
    String message;

    @Option(names = "--branch", description = "commit on a new branch hookwright/<code>-<id> instead, as serve "
            + "--authoring branch does: the work tree and the branch checked out stay as they are")
    boolean branch;

    @Option(names = "--push", paramLabel = "REMOTE", description = "push the commit to this git remote (a name, e.g. "
            + "origin, or a URL); a push that fails leaves the commit and exits 3")
    String push;
}
