package io.hookwright.errors;

import io.hookwright.dsl.model.DefinitionError;

import java.util.List;

/** A definitions folder did not load: every error found, each with its file, line and column. */
public final class DefinitionsInvalidException extends HookwrightException {
    private final List<DefinitionError> errors;

    public DefinitionsInvalidException(List<DefinitionError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    public List<DefinitionError> errors() {
        return errors;
    }

    private static String summary(List<DefinitionError> errors) {
        StringBuilder text = new StringBuilder(errors.size() == 1 ? "1 error in the definitions"
                : errors.size() + " errors in the definitions");
        errors.stream().limit(5).forEach(e -> text.append("\n  ").append(e.format()));
        if (errors.size() > 5) {
            text.append("\n  …and ").append(errors.size() - 5).append(" more");
        }
        return text.toString();
    }
}
