package io.hookwright.definitions;

import io.hookwright.dsl.load.DefinitionLoader;
import io.hookwright.dsl.load.LoadResult;
import io.hookwright.dsl.model.DefinitionError;
import io.hookwright.dsl.model.RuleSet;
import io.hookwright.render.TemplateCompiler;
import io.hookwright.render.TemplateEngine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Loads a definitions folder and compiles its templates: what {@code validate} checks and what the engine runs.
 * All or nothing: with any error there are no definitions, only the errors.
 */
public final class DefinitionCompiler {
    private final DefinitionLoader loader;
    private final TemplateCompiler templates = new TemplateCompiler(new TemplateEngine());

    public DefinitionCompiler() {
        this(new DefinitionLoader());
    }

    public DefinitionCompiler(DefinitionLoader loader) {
        this.loader = loader;
    }

    public record Compilation(CompiledDefinitions definitions, List<DefinitionError> errors, int files) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    public Compilation compile(Path folder) {
        LoadResult loaded = loader.load(folder);
        TemplateCompiler.Result compiled = templates.compile(loaded.ruleSet());
        List<DefinitionError> errors = new ArrayList<>(loaded.errors());
        errors.addAll(compiled.errors());
        errors.sort(Comparator.comparing(DefinitionError::file).thenComparingInt(DefinitionError::line)
                .thenComparingInt(DefinitionError::column));
        if (!errors.isEmpty()) {
            return new Compilation(null, List.copyOf(errors), loaded.files());
        }
        RuleSet rules = loaded.ruleSet();
        return new Compilation(new CompiledDefinitions(rules, compiled.webhooks()), List.of(), loaded.files());
    }
}
