package io.hookwright.definitions;

import io.hookwright.dsl.load.DefinitionFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A definitions folder's files, as text, with the revision they are at: what one engine node publishes so the others
 * load exactly the same set, whatever their own copy of the folder holds. Hidden files and folders ({@code .git})
 * are left out, as are files that are not UTF-8 text, which no definition can read; symbolic links, pipes and
 * other special files and files over the size limit are never read (loading the folder refuses them).
 *
 * @param digest SHA-256 over the paths and contents: equal for equal files
 * @param files  path relative to the folder, with {@code /} between names, to text
 */
public record DefinitionSnapshot(String revision, String digest, SortedMap<String, String> files) {
    public DefinitionSnapshot {
        files = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /** Reads the folder's files and its revision. */
    public static DefinitionSnapshot read(Path folder, FolderRevision revision) {
        return of(revision.of(folder), texts(folder));
    }

    /** A snapshot of these files at this revision. */
    public static DefinitionSnapshot of(String revision, Map<String, String> files) {
        return new DefinitionSnapshot(revision, digest(files), new TreeMap<>(files));
    }

    /** Writes the files under {@code folder} (created if needed), for the compiler to load. */
    public Path writeTo(Path folder) {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = folder.resolve(file.getKey()).normalize();
                if (!path.startsWith(folder.normalize())) {
                    throw new IllegalArgumentException("a definitions file outside its folder: " + file.getKey());
                }
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files' digest, hex. */
    static String digest(Map<String, String> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> file : new TreeMap<>(files).entrySet()) {
                sha.update(file.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(file.getValue().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The folder's non-hidden text files by relative path, listed and read as the loader does ({@link DefinitionFiles}):
     * a link, a special file or a file over the size limit is never read; loading the folder reports it.
     */
    static SortedMap<String, String> texts(Path folder) {
        SortedMap<String, String> texts = new TreeMap<>();
        DefinitionFiles.Listing listing = DefinitionFiles.list(folder);
        for (String file : listing.files()) {
            try {
                texts.put(file, DefinitionFiles.readText(listing.root(), file));
            } catch (DefinitionFiles.Refused notRead) {
                // Definitions and templates are read as UTF-8; a file that is not cannot be part of any.
            }
        }
        return texts;
    }
}
