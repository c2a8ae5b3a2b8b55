package io.hookwright.definitions;

import java.nio.file.Path;

/**
 * How the revision of a definitions folder is read: runs record it, so an operator can tell which version sent what.
 * The library reads a hash of the folder's content; the server reads the git commit the folder is at.
 */
@FunctionalInterface
public interface FolderRevision {
    /** The folder's revision now. */
    String of(Path folder);

    /** {@code content-} and 12 hex digits of a hash over the folder's files, which changes when they do. */
    static FolderRevision contentHash() {
        return folder -> "content-" + DefinitionSnapshot.digest(DefinitionSnapshot.texts(folder)).substring(0, 12);
    }
}
