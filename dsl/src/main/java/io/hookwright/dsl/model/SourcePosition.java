package io.hookwright.dsl.model;

/** Where something was written: a file relative to the definitions folder, 1-based line and column. */
public record SourcePosition(String file, int line, int column) {
    public static SourcePosition of(String file) {
        return new SourcePosition(file, 1, 1);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
