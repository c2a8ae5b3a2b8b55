package io.hookwright.cli;

import io.hookwright.execution.EngineFixture;
import io.hookwright.testjvm.ChildJvm;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real {@code serve} in a JVM of its own: an OutOfMemoryError in one of its threads makes it stop and exit with
 * {@link ExitCodes#FATAL}, for a supervisor to restart it, instead of living on as a zombie.
 */
@Tag("slow")
class ServeFatalErrorTest {
    private static final Pattern PAGE = Pattern.compile("web page\\s+http://127\\.0\\.0\\.1:(\\d+)/");

    @TempDir
    Path dir;

    @Test
    void anOutOfMemoryErrorInAnyThreadMakesServeExitNonZero() throws Exception {
        Path definitions = dir.resolve("webhooks");
        Files.createDirectories(definitions);
        Files.writeString(definitions.resolve("hooks.groovy"), EngineFixture.webhook("erp", "/erp", "synchronous false")
                .replace("RECEIVER", "http://localhost:9"));
        Path trigger = dir.resolve("trigger");
        ChildJvm serve = ChildJvm.start("serve", FatalServe.class, trigger.toString(), "serve", "--port", "0",
                "--db", dir.resolve("hookwright.db").toString(), "--definitions", definitions.toString());
        try {
            assertTrue(serve.awaitLine("Stop with Ctrl-C", Duration.ofSeconds(120)), serve.output());
            Matcher page = PAGE.matcher(serve.output());
            assertTrue(page.find(), serve.output());
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + page.group(1) + "/health")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());

            Files.createFile(trigger);
            int exit = serve.awaitExit(Duration.ofSeconds(90));
            assertEquals(ExitCodes.FATAL, exit, serve.output());
            assertTrue(serve.output().contains("OutOfMemoryError") && serve.output().contains("stopping (exit 4)"),
                    serve.output());
        } finally {
            if (serve.alive()) {
                serve.kill();
            }
        }
    }
}
