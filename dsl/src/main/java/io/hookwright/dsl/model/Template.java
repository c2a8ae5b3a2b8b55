package io.hookwright.dsl.model;

/**
 * FreeMarker source for a URL, header or body.
 *
 * @param name   a name for messages: the template file, or what the inline text is for
 * @param source the FreeMarker text
 * @param origin where the text starts: line 1 of a template file, or the first character inside the quotes
 *               of the string literal in a definition
 * @param inline true when written in the definition itself, so template lines map onto the definition's lines
 */
public record Template(String name, String source, SourcePosition origin, boolean inline) {
    /**
     * Where a line and column of the template text (both 1-based, as FreeMarker reports them) are in the user's
     * files: for inline text, line 1 starts at {@code origin}'s column, later lines at column 1.
     */
    public SourcePosition locate(int templateLine, int templateColumn) {
        if (!inline) {
            return new SourcePosition(origin.file(), templateLine, templateColumn);
        }
        int column = templateLine <= 1 ? origin.column() + Math.max(templateColumn, 1) - 1 : templateColumn;
        return new SourcePosition(origin.file(), origin.line() + Math.max(0, templateLine - 1), column);
    }
}
