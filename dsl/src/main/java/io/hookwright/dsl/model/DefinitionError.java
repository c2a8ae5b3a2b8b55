package io.hookwright.dsl.model;

/** A mistake in a definition or template, with where it is and how to fix it. */
public record DefinitionError(String file, int line, int column, String message) {
    public static DefinitionError at(SourcePosition where, String message) {
        return new DefinitionError(where.file(), where.line(), where.column(), message);
    }

    /** The compiler-style form: {@code file:line:col: message}. */
    public String format() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
