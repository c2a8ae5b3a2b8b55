package io.hookwright.authoring;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the authoring tests share: where the repository's samples are. */
final class Authors {
    private Authors() {
    }

    /** The repository's root, whether the tests run from the module (Maven) or from the root (an IDE). */
    static Path repositoryRoot() {
        for (Path candidate : List.of(Path.of("../.."), Path.of(".."), Path.of(""))) {
            Path absolute = candidate.toAbsolutePath().normalize();
            if (Files.isDirectory(absolute.resolve("samples/webhooks")) && Files.isDirectory(absolute.resolve("dsl"))) {
                return absolute;
            }
        }
        throw new IllegalStateException("cannot find samples/webhooks from " + System.getProperty("user.dir"));
    }
}
