package io.hookwright.cli;

import io.hookwright.dryrun.TerminalText;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Columns padded to their widest cell, for tables people read in a terminal. Cells are printed through
 * {@link TerminalText#line}: data in them cannot act on the terminal or break the table's lines.
 */
final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... header) {
        this.header = List.of(header);
    }

    TextTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + header.size());
        }
        rows.add(Arrays.stream(cells).map(TerminalText::line).toList());
        return this;
    }

    /** The table, one line each for the header and the rows, each line ending in a line separator. */
    String format() {
        int[] widths = new int[header.size()];
        for (List<String> line : lines()) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> line : lines()) {
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                row.append(i == widths.length - 1 ? line.get(i) : pad(line.get(i), widths[i] + 2));
            }
            text.append(row.toString().stripTrailing()).append(System.lineSeparator());
        }
        return text.toString();
    }

    private List<List<String>> lines() {
        List<List<String>> all = new ArrayList<>(rows.size() + 1);
        all.add(header);
        all.addAll(rows);
        return all;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
