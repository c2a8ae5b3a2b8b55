package io.hookwright.cli;

import io.hookwright.event.Event;
import io.hookwright.event.EventFormatException;
import io.hookwright.event.EventJson;
import io.hookwright.workspace.Workspace;
import io.hookwright.workspace.WorkspaceEntity;
import io.hookwright.workspace.WorkspaceEvents;
import io.hookwright.workspace.WorkspaceException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The events {@code serve --feed} publishes: a {@code .json} file of events (one or an array), or a text file with
 * one workspace event per line, written as dry-run's arguments ({@code --project DEMO --event Project:Updated
 * --set Status=Done}); {@code #} starts a comment.
 */
final class FeedFile {
    private FeedFile() {
    }

    @Command(name = "feed line")
    static final class Line {
        @Option(names = "--project")
        String project;

        @Option(names = "--entity")
        String entity;

        @Option(names = "--event", required = true)
        String event;

        @Option(names = "--set")
        List<String> sets = new ArrayList<>();

        @Option(names = "--as")
        String as;
    }

    static List<Event> read(Path file, Path workspace, Clock clock) throws IOException {
        String text = Files.readString(file);
        if (file.getFileName().toString().endsWith(".json")) {
            try {
                return EventJson.parseOneOrMany(text);
            } catch (EventFormatException e) {
                throw CommandFailure.usage(file + ": " + e.getMessage());
            }
        }
        Workspace space = Workspace.load(workspace);
        WorkspaceEvents events = new WorkspaceEvents(space, clock);
        List<Event> built = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Line parsed = new Line();
            try {
                new CommandLine(parsed).parseArgs(words(line));
                if ((parsed.project == null) == (parsed.entity == null)) {
                    throw new CommandLine.ParameterException(new CommandLine(parsed), "give --project KEY or --entity TYPE:ID");
                }
                WorkspaceEntity entity = parsed.project != null ? space.project(parsed.project) : space.entity(parsed.entity);
                built.add(events.build(entity, parsed.event, parsed.sets, parsed.as));
            } catch (CommandLine.ParameterException | WorkspaceException | IllegalArgumentException e) {
                throw CommandFailure.usage(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        return built;
    }

    /** Splits a line into words as a shell would for simple quoting: 'Status=Off track' is one word. */
    static String[] words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("a quote is not closed");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words.toArray(String[]::new);
    }
}
