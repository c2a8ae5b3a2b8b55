package io.hookwright.dsl.write;

import java.util.List;
import java.util.stream.Collectors;

/** The file already has a block of this code ({@code lines}: where each starts), so the edit would be ambiguous. */
public record DuplicateCode(String code, List<Integer> lines) implements Lookup, Edit {
    public DuplicateCode {
        lines = List.copyOf(lines);
    }

    public String message() {
        return "the file already has webhook('" + code + "'), at line" + (lines.size() == 1 ? " " : "s ")
                + lines.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
