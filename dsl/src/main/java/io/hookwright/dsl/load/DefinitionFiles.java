package io.hookwright.dsl.load;

import io.hookwright.dsl.model.DefinitionError;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The one way files of a definitions folder are listed and read, so that nothing outside the folder can be:
 * no symbolic link is followed or allowed anywhere in it (the folder itself, a subfolder, a file, any part of a
 * path), only regular files are read (a pipe would block the reader forever, a device never end), and every file
 * is held to {@link DefinitionLimits}. Hidden files and folders ({@code .git}) are not part of the definitions and
 * are neither listed nor read. Error texts name paths, never what a file holds.
 */
public final class DefinitionFiles {
    /** What {@link DefinitionError}s about the folder as a whole name as their file. */
    public static final String FOLDER = ".";

    private DefinitionFiles() {
    }

    /**
     * A folder as listed: its real path, its regular files (relative, {@code /} between names, in order), and an
     * error for every link, special file or limit crossed. The files listed are safe to read whatever the errors.
     */
    public record Listing(Path root, List<String> files, List<DefinitionError> errors) {
        public Listing {
            files = List.copyOf(files);
            errors = List.copyOf(errors);
        }

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /** Why a file was not read. */
    public enum Problem {
        NOT_FOUND, LINK, NOT_A_FILE, TOO_LARGE, NOT_TEXT, UNREADABLE
    }

    /** A file that is not read, and why, in words that name no content. */
    public static final class Refused extends Exception {
        private final Problem problem;

        Refused(Problem problem, String message) {
            super(message, null, false, false);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /** Lists the folder without following any link. */
    public static Listing list(Path folder) {
        if (Files.isSymbolicLink(folder)) {
            return refusedFolder(folder + " is a symbolic link: a definitions folder is read only where it is, "
                    + "with no links anywhere in it; give the folder's own path");
        }
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return refusedFolder("no definitions folder here (" + folder + "): pass the folder holding your *.groovy files");
        }
        Path root;
        try {
            root = folder.toRealPath();
        } catch (IOException e) {
            return refusedFolder("cannot read the definitions folder " + folder);
        }
        Walk walk = new Walk(root);
        try {
            Files.walkFileTree(root, walk);
        } catch (IOException e) {
            walk.errors.add(new DefinitionError(FOLDER, 1, 1, "cannot list the definitions folder " + folder));
        }
        if (walk.bytes > DefinitionLimits.MAX_FOLDER_BYTES) {
            walk.errors.add(new DefinitionError(FOLDER, 1, 1, "the definitions folder holds " + mib(walk.bytes)
                    + " of files; at most " + mib(DefinitionLimits.MAX_FOLDER_BYTES) + " are read"));
        }
        return new Listing(root, walk.files.stream().sorted().toList(), walk.errors);
    }

    /** The bytes of {@code relative} under the folder's real path {@code root}, checked part by part. */
    public static byte[] readBytes(Path root, String relative) throws Refused {
        Path path = root;
        String[] parts = relative.split("/");
        for (int i = 0; i < parts.length; i++) {
            path = path.resolve(parts[i]);
            String shown = String.join("/", Arrays.copyOf(parts, i + 1));
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                throw new Refused(Problem.NOT_FOUND, relative + " does not exist");
            } catch (IOException e) {
                throw new Refused(Problem.UNREADABLE, shown + " cannot be read");
            }
            if (attributes.isSymbolicLink()) {
                throw new Refused(Problem.LINK, shown + " is a symbolic link: a definitions folder may hold no "
                        + "links; copy the file or folder itself in");
            }
            boolean last = i == parts.length - 1;
            if (!last && !attributes.isDirectory()) {
                throw new Refused(Problem.NOT_FOUND, relative + " does not exist: " + shown + " is not a folder");
            }
            if (last && attributes.isDirectory()) {
                throw new Refused(Problem.NOT_A_FILE, relative + " is a folder, not a file");
            }
            if (last && !attributes.isRegularFile()) {
                throw new Refused(Problem.NOT_A_FILE, relative + " is not a regular file (a pipe, socket or device "
                        + "is never read)");
            }
            if (last && attributes.size() > DefinitionLimits.MAX_FILE_BYTES) {
                throw tooLarge(relative, attributes.size());
            }
        }
        try {
            if (!path.toRealPath().startsWith(root)) {
                throw new Refused(Problem.LINK, relative + " is outside the definitions folder");
            }
            try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
                byte[] bytes = in.readNBytes(DefinitionLimits.MAX_FILE_BYTES + 1);
                if (bytes.length > DefinitionLimits.MAX_FILE_BYTES) {
                    throw tooLarge(relative, bytes.length);
                }
                return bytes;
            }
        } catch (IOException e) {
            throw new Refused(Problem.UNREADABLE, relative + " cannot be read");
        }
    }

    /** The text of {@code relative}, which must be UTF-8. */
    public static String readText(Path root, String relative) throws Refused {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(readBytes(root, relative))).toString();
        } catch (CharacterCodingException e) {
            throw new Refused(Problem.NOT_TEXT, relative + " is not UTF-8 text");
        }
    }

    /** Whether a file or folder name is hidden: such files are not part of the definitions. */
    public static boolean hidden(String name) {
        return name.startsWith(".");
    }

    private static Refused tooLarge(String relative, long size) {
        return new Refused(Problem.TOO_LARGE, relative + " holds " + kib(size) + "; a file of a definitions folder "
                + "may hold at most " + kib(DefinitionLimits.MAX_FILE_BYTES) + ": split it");
    }

    private static Listing refusedFolder(String message) {
        return new Listing(null, List.of(), List.of(new DefinitionError(FOLDER, 1, 1, message)));
    }

    private static String kib(long bytes) {
        return String.format(Locale.ROOT, "%,d KiB", (bytes + 1023) / 1024);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,.1f MiB", bytes / (1024.0 * 1024.0));
    }

    /** Walks the folder without following links, noting every file it will not read. */
    private static final class Walk extends SimpleFileVisitor<Path> {
        private final Path root;
        private final List<String> files = new ArrayList<>();
        private final List<DefinitionError> errors = new ArrayList<>();
        private int entries;
        private long bytes;

        Walk(Path root) {
            this.root = root;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            if (dir.equals(root)) {
                return FileVisitResult.CONTINUE;
            }
            if (hidden(dir.getFileName().toString())) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            return counted();
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            String name = relative(file);
            if (hidden(file.getFileName().toString())) {
                return FileVisitResult.CONTINUE;
            }
            if (attributes.isSymbolicLink()) {
                refuse(name, "this is a symbolic link: a definitions folder may hold no links (they could reach "
                        + "files outside it); copy the file or folder itself in");
            } else if (attributes.isDirectory()) {
                // a folder the walk could not enter; visitFileFailed tells why
                return counted();
            } else if (!attributes.isRegularFile()) {
                refuse(name, "this is not a regular file (a pipe, socket or device): a definitions folder holds "
                        + "only files and folders");
            } else if (attributes.size() > DefinitionLimits.MAX_FILE_BYTES) {
                refuse(name, tooLarge(name, attributes.size()).getMessage());
            } else {
                files.add(name);
                bytes += attributes.size();
            }
            return counted();
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            if (!hidden(file.getFileName().toString())) {
                refuse(relative(file), "cannot be read");
            }
            return FileVisitResult.CONTINUE;
        }

        private FileVisitResult counted() {
            if (++entries > DefinitionLimits.MAX_ENTRIES) {
                errors.add(new DefinitionError(FOLDER, 1, 1, "the definitions folder holds more than "
                        + String.format(Locale.ROOT, "%,d", DefinitionLimits.MAX_ENTRIES)
                        + " files and folders; keep only the definitions and their templates in it"));
                return FileVisitResult.TERMINATE;
            }
            return FileVisitResult.CONTINUE;
        }

        private void refuse(String name, String message) {
            errors.add(new DefinitionError(name, 1, 1, message));
        }

        private String relative(Path file) {
            return root.relativize(file).toString().replace('\\', '/');
        }
    }
}
