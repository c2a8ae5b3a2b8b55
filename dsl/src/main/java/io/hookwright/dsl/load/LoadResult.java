package io.hookwright.dsl.load;

import io.hookwright.dsl.model.DefinitionError;
import io.hookwright.dsl.model.RuleSet;

import java.util.List;

/**
 * What loading a definitions folder gave: the rule set and every error found. The rule set holds the webhooks
 * that compiled; a caller that needs all-or-nothing checks {@link #valid()}. {@code files} counts the definition files
 * of the folder, {@code compiledFiles} those among them compiled by this load (the others were unchanged since the
 * loader's last load and kept what they gave).
 */
public record LoadResult(RuleSet ruleSet, List<DefinitionError> errors, int files, int compiledFiles) {
    public LoadResult {
        errors = List.copyOf(errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
