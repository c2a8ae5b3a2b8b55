package io.hookwright.dsl.write;

/** Lines of a block, indented four spaces per level as the samples are. */
final class Lines {
    private static final String INDENT = "    ";

    private final StringBuilder out = new StringBuilder();
    private int depth;

    /** One statement; a text over several lines goes on from the start of the next lines, as written. */
    void add(String statement) {
        out.append(INDENT.repeat(depth)).append(statement).append('\n');
    }

    void open(String head) {
        add(head + " {");
        depth++;
    }

    void close() {
        depth--;
        add("}");
    }

    String text() {
        return out.toString();
    }
}
