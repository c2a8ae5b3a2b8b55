package io.hookwright.server.api;

import io.hookwright.dsl.model.DefinitionError;

/** One error of definitions refused by {@code POST /admin/reload}, where it is and what is wrong. */
public record DefinitionErrorJson(String file, int line, int column, String message) {
    static DefinitionErrorJson of(DefinitionError e) {
        return new DefinitionErrorJson(e.file(), e.line(), e.column(), e.message());
    }
}
