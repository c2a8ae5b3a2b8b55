package io.hookwright.dsl.load;

import io.hookwright.dsl.model.SourcePosition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each DSL word is written in one file, so errors found while the file runs can name a column
 * (the JVM's stack only knows lines).
 */
final class CallSites {
    /**
     * A call of {@code word}; {@code arguments} holds where each argument starts (for a literal string, where its
     * text starts), and {@code named} where each named argument ({@code attempts: 3}) is written.
     */
    record Site(String word, SourcePosition position, List<SourcePosition> arguments, Map<String, Named> named) {
        Site(String word, SourcePosition position, List<SourcePosition> arguments) {
            this(word, position, arguments, Map.of());
        }
    }

    /** A named argument: where its name starts, and where its value starts (for a literal string, its text). */
    record Named(SourcePosition name, SourcePosition value) {
    }

    private final String file;
    private final Map<Integer, List<Site>> byLine = new HashMap<>();

    CallSites(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void add(Site site) {
        byLine.computeIfAbsent(site.position().line(), l -> new ArrayList<>()).add(site);
    }

    /** The call of {@code word} on {@code line}, or a position at the line's start when none is known. */
    Site find(int line, String word) {
        List<Site> sites = byLine.getOrDefault(line, List.of());
        for (Site site : sites) {
            if (site.word().equals(word)) {
                return site;
            }
        }
        return new Site(word, new SourcePosition(file, Math.max(line, 1), 1), List.of());
    }
}
