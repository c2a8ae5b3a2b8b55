package io.hookwright.dsl.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A definitions folder written by a test. */
final class Definitions {
    private final Path folder;

    Definitions(Path folder) {
        this.folder = folder;
    }

    Definitions file(String name, String text) {
        try {
            Path path = folder.resolve(name);
            Files.createDirectories(path.getParent());
            Files.writeString(path, text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Definitions template(String name, String text) {
        return file("templates/" + name, text);
    }

    LoadResult load() {
        return new DefinitionLoader().load(folder);
    }

    Path folder() {
        return folder;
    }
}
