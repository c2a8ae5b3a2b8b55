package io.hookwright.definitions;

import io.hookwright.dsl.model.DefinitionError;

import java.nio.file.Path;
import java.util.List;

/** A definitions folder as the engine loads it: compiled whole, with the revision it came from. */
public final class DefinitionsSource {
    private final Path folder;
    private final DefinitionCompiler compiler;
    private final FolderRevision revision;

    /** A folder whose revision is a hash of its content. */
    public DefinitionsSource(Path folder) {
        this(folder, FolderRevision.contentHash());
    }

    public DefinitionsSource(Path folder, FolderRevision revision) {
        this(folder, new DefinitionCompiler(), revision);
    }

    public DefinitionsSource(Path folder, DefinitionCompiler compiler, FolderRevision revision) {
        this.folder = folder;
        this.compiler = compiler;
        this.revision = revision;
    }

    /** Reads the folder's files at its current revision. */
    public DefinitionSnapshot snapshot() {
        return DefinitionSnapshot.read(folder, revision);
    }

    /**
     * A load: the definitions and their revision when every file is valid, else every error found; {@code files}
     * definition files, of which {@code compiledFiles} compiled again (the others were unchanged).
     */
    public record Load(CompiledDefinitions definitions, String revision, List<DefinitionError> errors, int files,
                       int compiledFiles) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /**
     * Compiles the files of {@code snapshot}, found in {@code folder} (this source's own folder, as read for it, or a
     * copy of a set another node published), at the snapshot's revision: the revision is not read again.
     */
    public Load load(DefinitionSnapshot snapshot, Path folder) {
        DefinitionCompiler.Compilation compilation = compiler.compile(folder);
        return new Load(compilation.valid() ? compilation.definitions() : null, snapshot.revision(),
                compilation.errors(), compilation.files(), compilation.compiledFiles());
    }

    public Path folder() {
        return folder;
    }
}
