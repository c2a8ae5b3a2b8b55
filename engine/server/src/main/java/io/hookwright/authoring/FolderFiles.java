package io.hookwright.authoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * The files of a definitions folder as authoring reads and writes them: a file is written whole to a hidden
 * temporary file beside it (which no load reads) and moved into place, so a reload never sees half of it; nothing is
 * written through a symbolic link.
 */
final class FolderFiles {
    private final Path folder;

    FolderFiles(Path folder) {
        this.folder = folder;
    }

    boolean exists(String file) {
        return Files.isRegularFile(folder.resolve(file));
    }

    String text(String file) {
        try {
            return Files.readString(folder.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file + " failed", e);
        }
    }

    void write(String file, String text) {
        Path target = folder.resolve(file);
        try {
            Files.createDirectories(target.getParent());
            Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file + " failed", e);
        }
    }

    void remove(String file) {
        try {
            Files.deleteIfExists(folder.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException("removing " + file + " failed", e);
        }
    }

    /** Refuses a file with a symbolic link anywhere on the way to it, the file itself included. */
    void requireNoLink(String file) {
        Path path = folder;
        for (String part : file.split("/")) {
            path = path.resolve(part);
            if (Files.isSymbolicLink(path)) {
                String field = file.startsWith(DocumentModel.TEMPLATES) ? "bodyTemplate" : "code";
                throw new BadDocument(422, field, field + ": " + folder.relativize(path) + " is a symbolic link; "
                        + "nothing is written through one");
            }
        }
    }
}
