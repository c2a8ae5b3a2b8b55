package io.hookwright.dsl.load;

import java.io.IOException;
import java.nio.file.Path;

/** Keeps file reads inside the definitions folder even when the folder holds symbolic links. */
final class Links {
    private Links() {
    }

    /** Whether {@code file} is still inside {@code folder} once every link is followed; false if it cannot be told. */
    static boolean insideAfterLinks(Path file, Path folder) {
        try {
            return file.toRealPath().startsWith(folder.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }
}
