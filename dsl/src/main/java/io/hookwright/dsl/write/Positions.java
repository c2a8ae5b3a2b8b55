package io.hookwright.dsl.write;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the parser's line and column into a character offset of the text. Groovy counts lines at each {@code \n}
 * (a {@code \r} before it is part of the line) and columns in code points, a tab as one.
 */
final class Positions {
    private final String text;
    private final List<Integer> lineStarts = new ArrayList<>();

    Positions(String text) {
        this.text = text;
        lineStarts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lineStarts.add(i + 1);
            }
        }
    }

    /** The offset of a 1-based line and column; a column past the line's end gives the line's end. */
    int offset(int line, int column) {
        int start = lineStarts.get(Math.min(Math.max(line, 1), lineStarts.size()) - 1);
        int end = text.indexOf('\n', start);
        end = end < 0 ? text.length() : end;
        int offset = start;
        for (int i = 1; i < column && offset < end; i++) {
            offset += Character.charCount(text.codePointAt(offset));
        }
        return offset;
    }
}
