package io.hookwright.architecture;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The library a host embeds names no server-side library: no HTTP framework, no git, no command line, no metrics.
 * Those are the server's and the command line's (hookwright-server, hookwright-cli); the library's class path test in
 * the samples module checks that none of them comes in through a dependency either.
 */
class LibraryImportsTest {
    /** Package prefix, and what it is. */
    static final Map<String, String> SERVER_SIDE = Map.of(
            "org.glassfish.", "Jersey / HK2",
            "org.jvnet.hk2.", "HK2",
            "jakarta.ws.rs.", "JAX-RS",
            "javax.ws.rs.", "JAX-RS",
            "org.eclipse.jgit.", "JGit",
            "picocli.", "picocli",
            "io.micrometer.", "Micrometer",
            "io.prometheus.", "Prometheus");

    /** The server's and the command line's own packages. */
    static final List<String> OUTSIDE_THE_LIBRARY = List.of(
            "io.hookwright.server.", "io.hookwright.ingest.", "io.hookwright.catalog.", "io.hookwright.git.",
            "io.hookwright.cli.");

    @Test
    void theLibrarySourcesNameNoServerSideLibrary() {
        List<String> found = new ArrayList<>();
        for (JavaSource source : JavaSource.under(LibraryLayersTest.MAIN_SOURCES)) {
            for (JavaSource.Reference reference : source.references()) {
                String what = serverSide(reference.name());
                if (what != null) {
                    found.add(source.file() + ":" + reference.line() + " "
                            + reference.describe() + " (" + what + ")");
                }
            }
        }
        if (!found.isEmpty()) {
            fail("the library (engine/library) must not use server-side libraries; move this code to engine/server or "
                    + "engine/cli, behind an interface of the library if the library calls it:\n  "
                    + String.join("\n  ", found));
        }
    }

    private static String serverSide(String name) {
        for (Map.Entry<String, String> entry : SERVER_SIDE.entrySet()) {
            if (name.startsWith(entry.getKey())) {
                return entry.getValue();
            }
        }
        for (String pkg : OUTSIDE_THE_LIBRARY) {
            if (name.startsWith(pkg)) {
                return "the server's or the command line's code";
            }
        }
        return null;
    }
}
