package io.hookwright.definitions;

import io.hookwright.dsl.load.UnknownEventTypes;
import io.hookwright.dsl.model.DefinitionError;
import io.hookwright.dsl.model.RuleSet;
import io.hookwright.render.Secrets;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What {@code validate}, {@code serve} and every reload warn of in definitions that load: the secrets they name that
 * are not set ({@link UnsetSecrets}; with no secrets given, none is looked for) and the event types they listen to
 * that the engine does not know ({@link UnknownEventTypes}). In file, line and column order.
 */
public final class DefinitionWarnings {
    private static final Comparator<DefinitionError> BY_PLACE = Comparator.comparing(DefinitionError::file)
            .thenComparingInt(DefinitionError::line).thenComparingInt(DefinitionError::column);

    private DefinitionWarnings() {
    }

    /** @param secrets the secrets set where the definitions run; null when that is not known (CI) */
    public static List<DefinitionError> of(RuleSet rules, Secrets secrets) {
        List<DefinitionError> warnings = new ArrayList<>(UnknownEventTypes.in(rules));
        if (secrets != null) {
            warnings.addAll(UnsetSecrets.in(rules, secrets));
        }
        warnings.sort(BY_PLACE);
        return List.copyOf(warnings);
    }
}
