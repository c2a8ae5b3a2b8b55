package io.hookwright.cli;

import io.hookwright.dryrun.TerminalText;
import io.hookwright.dsl.model.DefinitionError;

import java.nio.file.Path;

/** Definition errors as the command line shows them. */
final class DefinitionErrors {
    private DefinitionErrors() {
    }

    /** Errors name files relative to the definitions folder; on the command line they read relative to where it was given. */
    static DefinitionError under(Path folder, DefinitionError error) {
        return new DefinitionError(folder.resolve(error.file()).toString(), error.line(), error.column(), error.message());
    }

    /** The error as a terminal shows it: a definition's text quoted in it cannot act on the terminal. */
    static String shown(Path folder, DefinitionError error) {
        return TerminalText.block(under(folder, error).format());
    }
}
