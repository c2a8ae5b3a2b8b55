package io.hookwright.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The revision runs record for definitions read from a folder: {@code content-} and 12 hex digits of a SHA-256 over
 * every file's path and bytes, so two runs name the same revision exactly when their definitions were the same.
 * Hidden files and folders ({@code .git}) are left out.
 */
final class DefinitionsRevision {
    private DefinitionsRevision() {
    }

    static String of(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            List<Path> files = walk.filter(Files::isRegularFile).map(folder::relativize)
                    .filter(relative -> !hidden(relative))
                    .sorted(Comparator.comparing(DefinitionsRevision::name)).toList();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path relative : files) {
                sha.update(name(relative).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(Files.readAllBytes(folder.resolve(relative)));
                sha.update((byte) 0);
            }
            return "content-" + HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the definitions in " + folder, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The same on every system, so a revision does not depend on where it was computed. */
    private static String name(Path relative) {
        return relative.toString().replace('\\', '/');
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
