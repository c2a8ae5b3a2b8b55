package io.hookwright.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The library's packages form layers: a package uses only packages of lower layers (and the DSL module), never one of
 * its own layer or above. So the stores know nothing of events or templates, delivery nothing of the engine that
 * drives it, and a dry run can use everything the engine has without the engine knowing of it.
 */
class LibraryLayersTest {
    static final Path MAIN_SOURCES = Path.of("src/main/java");
    private static final String ROOT = "io.hookwright.";

    /** Lowest first. A new package needs a place here: {@link #everyLibraryPackageHasALayer} says so. */
    static final List<Set<String>> LAYERS = List.of(
            Set.of("errors"),
            Set.of("event", "store"),
            Set.of("match", "render"),
            Set.of("definitions", "outbox", "runlog", "state"),
            Set.of("operations"),
            Set.of("delivery"),
            Set.of("execution"),
            Set.of("dryrun", "workspace", "testing"));

    /** Packages outside the library a library package may use: the definition model and loader, below every layer. */
    private static final Set<String> BELOW_THE_LIBRARY = Set.of("dsl");

    /**
     * Uses that break the layers, as "from -> to", while one is being taken out; none is to be added
     * ({@link #theExceptionsAreAllStillInTheCode} fails when one listed here is gone from the code).
     */
    private static final Set<String> KNOWN_EXCEPTIONS = Set.of();

    @Test
    void everyLibraryPackageHasALayer() throws IOException {
        Set<String> placed = LAYERS.stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(placed, libraryPackages(), "the library's packages (src/main/java/io/hookwright/*) and the ones"
                + " LibraryLayersTest.LAYERS places; give a new package its layer there");
    }

    @Test
    void noPackageUsesOneOfItsOwnLayerOrAbove() {
        List<String> broken = new ArrayList<>();
        for (Use use : uses()) {
            if (!allowed(use) && !KNOWN_EXCEPTIONS.contains(use.edge())) {
                broken.add(use.describe() + ": " + use.from() + " (layer " + layer(use.from()) + ") may use "
                        + lowerThan(use.from()));
            }
        }
        if (!broken.isEmpty()) {
            fail("a library package uses a package of its own layer or above (layers: LibraryLayersTest.LAYERS):\n  "
                    + String.join("\n  ", broken));
        }
    }

    @Test
    void theExceptionsAreAllStillInTheCode() {
        Set<String> inCode = uses().stream().filter(use -> !allowed(use)).map(Use::edge).collect(Collectors.toSet());
        Set<String> gone = new TreeSet<>(KNOWN_EXCEPTIONS);
        gone.removeAll(inCode);
        assertTrue(gone.isEmpty(), "no code breaks the layers as " + gone
                + " any more: take these out of LibraryLayersTest.KNOWN_EXCEPTIONS so they cannot come back");
    }

    /** One library package using another (or something else under io.hookwright), at a line of a file. */
    record Use(Path file, JavaSource.Reference reference, String from, String to) {
        String edge() {
            return from + " -> " + to;
        }

        String describe() {
            return file + ":" + reference.line() + " " + reference.describe();
        }
    }

    private static List<Use> uses() {
        List<Use> uses = new ArrayList<>();
        for (JavaSource source : JavaSource.under(MAIN_SOURCES)) {
            String from = topPackage(source.packageName());
            for (JavaSource.Reference reference : source.references()) {
                String to = topPackage(reference.name());
                if (reference.name().startsWith(ROOT) && !to.equals(from)) {
                    uses.add(new Use(source.file(), reference, from, to));
                }
            }
        }
        return uses;
    }

    private static boolean allowed(Use use) {
        return BELOW_THE_LIBRARY.contains(use.to())
                || layer(use.to()) >= 0 && layer(use.from()) >= 0 && layer(use.to()) < layer(use.from());
    }

    /** The package's layer, or -1 for a package that is not the library's (such as the server's). */
    private static int layer(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(pkg)) {
                return i;
            }
        }
        return -1;
    }

    private static String lowerThan(String pkg) {
        String lower = LAYERS.subList(0, Math.max(0, layer(pkg))).stream().flatMap(Set::stream).sorted()
                .collect(Collectors.joining(", "));
        return "only " + (lower.isEmpty() ? "" : lower + " and ") + String.join(", ", BELOW_THE_LIBRARY);
    }

    /** {@code event} for {@code io.hookwright.event.Event} or {@code io.hookwright.event}. */
    static String topPackage(String name) {
        if (!name.startsWith(ROOT)) {
            return name;
        }
        String rest = name.substring(ROOT.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static Set<String> libraryPackages() throws IOException {
        try (Stream<Path> dirs = Files.list(MAIN_SOURCES.resolve("io/hookwright"))) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
