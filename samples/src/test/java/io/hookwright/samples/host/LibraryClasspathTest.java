package io.hookwright.samples.host;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A host that embeds the library gets no server-side library with it: the samples module depends on
 * hookwright-engine alone, so its class path is the library's, with the tests' JUnit and nothing else. The example
 * host is built on it and runs on it ({@link ExampleHostTest} runs it in this JVM).
 */
class LibraryClasspathTest {
    /** A class of each library the library must not bring, by what it is. */
    private static final Map<String, String> SERVER_SIDE = Map.of(
            "Jersey", "org.glassfish.jersey.server.ResourceConfig",
            "Jersey's client", "org.glassfish.jersey.client.JerseyClient",
            "HK2", "org.glassfish.hk2.api.ServiceLocator",
            "JAX-RS", "jakarta.ws.rs.core.Response",
            "JGit", "org.eclipse.jgit.api.Git",
            "picocli", "picocli.CommandLine",
            "Micrometer", "io.micrometer.core.instrument.MeterRegistry",
            "Prometheus", "io.prometheus.metrics.model.registry.PrometheusRegistry");

    /** Jar names that would be one of them, however it came in. */
    private static final List<String> SERVER_SIDE_JARS = List.of(
            "jersey-", "hk2-", "jakarta.ws.rs-api", "org.eclipse.jgit", "picocli", "micrometer-", "prometheus-");

    @Test
    void noServerSideClassIsOnTheLibrarysClassPath() {
        List<String> found = new ArrayList<>();
        SERVER_SIDE.forEach((what, className) -> {
            try {
                Class.forName(className, false, LibraryClasspathTest.class.getClassLoader());
                found.add(what + " (" + className + ")");
            } catch (ClassNotFoundException expected) {
                // absent, as it should be
            }
        });
        if (!found.isEmpty()) {
            fail("hookwright-engine brings server-side libraries to a host: " + found
                    + "; see `./mvnw -pl samples dependency:tree` for the path, and exclude or move it");
        }
    }

    @Test
    void noServerSideJarIsOnTheLibrarysClassPath() {
        List<String> entries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).getFileName())
                .filter(name -> name != null)
                .map(Path::toString)
                .toList();
        // The class path as Maven resolved it, not a launcher jar standing for it.
        assertTrue(entries.stream().anyMatch(name -> name.startsWith("jackson-databind")), "class path: " + entries);
        List<String> jars = entries.stream().filter(name -> SERVER_SIDE_JARS.stream().anyMatch(name::startsWith)).toList();
        assertEquals(List.of(), jars, "server-side jars on the class path of a module that depends on hookwright-engine");
    }

    @Test
    void theExampleHostIsOnThatClassPath() throws Exception {
        Class<?> host = Class.forName("io.hookwright.samples.host.ExampleHost", false,
                LibraryClasspathTest.class.getClassLoader());
        assertEquals(LibraryClasspathTest.class.getClassLoader(), host.getClassLoader(),
                "the example host is loaded from the class path these tests check");
    }
}
