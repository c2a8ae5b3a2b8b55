package io.hookwright.dsl.load;

/**
 * How big a definitions folder and its files may be. Groovy's parser and compiler recurse once per bracket and once
 * per operator of a chain, so a file of a few kilobytes of {@code [[[…} or {@code 1+1+…} would exhaust the stack,
 * and a large file the heap: the folder and every file are measured before anything is compiled.
 */
public final class DefinitionLimits {
    /** Bytes one file of the folder may hold: a definition, a template or any other file published with them. */
    public static final int MAX_FILE_BYTES = 256 * 1024;
    /** Bytes all the files of the folder may hold together. */
    public static final long MAX_FOLDER_BYTES = 16L * 1024 * 1024;
    /** Files and folders the definitions folder may hold, at any depth (hidden ones such as .git not counted). */
    public static final int MAX_ENTRIES = 2_000;
    /** Characters of a template name, as written in {@code template('…')}. */
    public static final int MAX_TEMPLATE_NAME = 255;
    /** How deep brackets, blocks and closures ({@code ( [ { ${}) may be nested in a definition file. */
    public static final int MAX_NESTING = 64;
    /**
     * Parts (operators, names, values) one expression may chain, counting those of the expressions it sits in:
     * {@code a && b && …}, {@code 1 + 1 + …}, {@code x.a().a()…}.
     */
    public static final int MAX_EXPRESSION_PARTS = 1_000;
    /**
     * Parts (operators, names, values) one definition file may hold in all: Groovy's parser takes seconds for
     * every ten thousand or so, and a file many times the size of any real one would hold up a reload.
     */
    public static final int MAX_FILE_PARTS = 20_000;
    /** The stack a file is compiled on: many times what the limits above need, whatever thread asks to compile. */
    static final long COMPILER_STACK_BYTES = 16L * 1024 * 1024;

    private DefinitionLimits() {
    }
}
