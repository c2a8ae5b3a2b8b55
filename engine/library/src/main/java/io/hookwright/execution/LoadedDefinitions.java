package io.hookwright.execution;

import io.hookwright.definitions.CompiledDefinitions;
import io.hookwright.definitions.DefinitionCompiler;
import io.hookwright.definitions.FolderRevision;
import io.hookwright.dsl.model.TransactionMode;
import io.hookwright.errors.DefinitionsInvalidException;

import java.nio.file.Path;

/**
 * The definitions an engine runs, with the revision every run records. An event is planned against one of these
 * as a whole, so a reload never gives an event half of each set.
 */
public record LoadedDefinitions(CompiledDefinitions definitions, String revision) {
    /** True when one of these webhooks is sent inside its transaction (synchronous, inside): publishing may send it. */
    public boolean sendInside() {
        return definitions.rules().webhooks().stream()
                .anyMatch(w -> w.execution().synchronous() && w.execution().transaction() == TransactionMode.INSIDE);
    }

    /**
     * Loads and compiles a definitions folder, its revision a hash of its content.
     *
     * @throws DefinitionsInvalidException naming every error, with its file, line and column, when a file is invalid
     */
    public static LoadedDefinitions from(Path folder) {
        DefinitionCompiler.Compilation compilation = new DefinitionCompiler().compile(folder);
        if (!compilation.valid()) {
            throw new DefinitionsInvalidException(compilation.errors());
        }
        return new LoadedDefinitions(compilation.definitions(), FolderRevision.contentHash().of(folder));
    }
}
