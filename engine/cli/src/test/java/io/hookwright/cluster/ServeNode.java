package io.hookwright.cluster;

import io.hookwright.cli.Main;
import io.hookwright.testjvm.ChildJvm;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** One engine node as users run it, {@code hookwright serve} on a shared PostgreSQL, in a JVM of its own. */
final class ServeNode {
    /** What serve prints once it delivers and takes requests. */
    private static final String SERVING = "Stop with Ctrl-C";

    final String name;
    final ChildJvm jvm;

    private ServeNode(String name, ChildJvm jvm) {
        this.name = name;
        this.jvm = jvm;
    }

    /**
     * @param tokens a tokens file, so that serve does not make and print an admin token of its own
     */
    static ServeNode start(String name, String dbUrl, Path definitions, Path tokens, int receiverPort,
                           Duration lease) throws IOException {
        return new ServeNode(name, ChildJvm.start(name, Main.class, "serve", "--db-url", dbUrl, "--node", name,
                "--port", "0", "--lease", String.valueOf(lease.toSeconds()), "--definitions", definitions.toString(),
                "--tokens", tokens.toString(), "--allow-target", "localhost:" + receiverPort,
                // Failures are part of the test; none of them may deactivate the webhook.
                "--deactivate-after", "100000"));
    }

    void awaitServing(Duration timeout) throws InterruptedException {
        if (!jvm.awaitLine(SERVING, timeout)) {
            throw new AssertionError(name + " was not serving after " + timeout.toSeconds() + " s:\n" + jvm.output());
        }
    }
}
