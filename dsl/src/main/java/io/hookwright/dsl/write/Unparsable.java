package io.hookwright.dsl.write;

import io.hookwright.dsl.model.DefinitionError;

/** The file (or the new block) is not Groovy the parser can read: where it stopped, and why. */
public record Unparsable(int line, int column, String message) implements Lookup, Edit {
    /** As the loader reports a mistake: with the file's name. */
    public DefinitionError in(String file) {
        return new DefinitionError(file, line, column, message);
    }
}
