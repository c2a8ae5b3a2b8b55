package io.hookwright.definitions;

import io.hookwright.dsl.load.DefinitionLoader;
import io.hookwright.dsl.load.LoadResult;
import io.hookwright.dsl.model.DefinitionError;
import io.hookwright.dsl.model.RuleSet;
import io.hookwright.dsl.model.WebhookDefinition;
import io.hookwright.render.CompiledWebhook;
import io.hookwright.render.TemplateCompiler;
import io.hookwright.render.TemplateEngine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a definitions folder and compiles its templates: what {@code validate} checks and what the engine runs.
 * All or nothing: with any error there are no definitions, only the errors. Compiling again, it compiles only the
 * files that changed (see {@link DefinitionLoader}) and the templates of the webhooks they give.
 */
public final class DefinitionCompiler {
    private final DefinitionLoader loader;
    private final TemplateCompiler templates = new TemplateCompiler(new TemplateEngine());
    /** The webhooks of the last valid compilation, compiled: an unchanged file gives the same definitions again. */
    private volatile Map<WebhookDefinition, CompiledWebhook> last = Map.of();

    public DefinitionCompiler() {
        this(new DefinitionLoader());
    }

    public DefinitionCompiler(DefinitionLoader loader) {
        this.loader = loader;
    }

    /** {@code compiledFiles} counts the files compiled by this compilation, the others being unchanged since the last. */
    public record Compilation(CompiledDefinitions definitions, List<DefinitionError> errors, int files,
                              int compiledFiles) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    public Compilation compile(Path folder) {
        LoadResult loaded = loader.load(folder);
        Map<WebhookDefinition, CompiledWebhook> known = last;
        List<WebhookDefinition> changed = loaded.ruleSet().webhooks().stream().filter(w -> !known.containsKey(w)).toList();
        TemplateCompiler.Result compiled = templates.compile(new RuleSet(changed));
        List<DefinitionError> errors = new ArrayList<>(loaded.errors());
        errors.addAll(compiled.errors());
        errors.sort(Comparator.comparing(DefinitionError::file).thenComparingInt(DefinitionError::line)
                .thenComparingInt(DefinitionError::column));
        if (!errors.isEmpty()) {
            return new Compilation(null, List.copyOf(errors), loaded.files(), loaded.compiledFiles());
        }
        Map<WebhookDefinition, CompiledWebhook> now = new IdentityHashMap<>();
        compiled.webhooks().forEach(w -> now.put(w.definition(), w));
        List<CompiledWebhook> webhooks = new ArrayList<>();
        for (WebhookDefinition webhook : loaded.ruleSet().webhooks()) {
            CompiledWebhook one = known.containsKey(webhook) ? known.get(webhook) : now.get(webhook);
            now.put(webhook, one);
            webhooks.add(one);
        }
        last = now;
        return new Compilation(new CompiledDefinitions(loaded.ruleSet(), webhooks), List.of(), loaded.files(),
                loaded.compiledFiles());
    }
}
