package io.hookwright.authoring;

import io.hookwright.definitions.DefinitionCompiler;
import io.hookwright.definitions.DefinitionSnapshot;
import io.hookwright.dsl.load.DefinitionFiles;
import io.hookwright.dsl.model.DefinitionError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Checks a definitions folder as it would be after a write, without touching it: its files, with the write's files
 * put in or taken out, are compiled in a folder of their own, templates included, as a reload would compile them.
 */
final class FolderCheck {
    /** Its own compiler: what it compiled is reused for the next check, by content, and never runs. */
    private final DefinitionCompiler compiler = new DefinitionCompiler();

    /**
     * Every error the folder would have.
     *
     * @param edits file (relative to the folder) to its new text, or to null when it is removed
     */
    List<DefinitionError> after(Path folder, Map<String, String> edits) {
        List<DefinitionError> errors = new ArrayList<>();
        // What the snapshot leaves out (links, special files, files too large) the reload would refuse.
        DefinitionFiles.list(folder).errors().stream().filter(e -> !edits.containsKey(e.file())).forEach(errors::add);
        Map<String, String> files = new TreeMap<>(DefinitionSnapshot.read(folder, f -> "check").files());
        edits.forEach((file, text) -> {
            if (text == null) {
                files.remove(file);
            } else {
                files.put(file, text);
            }
        });
        Path copy = null;
        try {
            copy = Files.createTempDirectory("hookwright-authoring-");
            DefinitionSnapshot.of("check", files).writeTo(copy);
            errors.addAll(compiler.compile(copy).errors());
            return errors;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(copy);
        }
    }

    private static void delete(Path copy) {
        if (copy == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(copy)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // A temporary folder left behind holds only definitions, which the folder itself holds too.
        }
    }
}
