package io.hookwright.definitions;

import io.hookwright.dsl.model.DefinitionError;

import java.nio.file.Path;
import java.util.List;

/** A definitions folder as the engine loads it: compiled whole, with the revision it came from. */
public final class DefinitionsSource {
    private final Path folder;
    private final DefinitionCompiler compiler;

    public DefinitionsSource(Path folder) {
        this(folder, new DefinitionCompiler());
    }

    public DefinitionsSource(Path folder, DefinitionCompiler compiler) {
        this.folder = folder;
        this.compiler = compiler;
    }

    /** A load: the definitions and their revision when every file is valid, else every error found. */
    public record Load(CompiledDefinitions definitions, String revision, List<DefinitionError> errors, int files) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    public Load load() {
        String revision = Revisions.of(folder);
        DefinitionCompiler.Compilation compilation = compiler.compile(folder);
        if (!compilation.valid()) {
            return new Load(null, revision, compilation.errors(), compilation.files());
        }
        return new Load(compilation.definitions(), revision, List.of(), compilation.files());
    }

    /** Compiles a snapshot another node published, written out under {@code copy}, at the snapshot's revision. */
    public Load load(DefinitionSnapshot snapshot, Path copy) {
        DefinitionCompiler.Compilation compilation = compiler.compile(copy);
        return new Load(compilation.valid() ? compilation.definitions() : null, snapshot.revision(),
                compilation.errors(), compilation.files());
    }

    public Path folder() {
        return folder;
    }
}
