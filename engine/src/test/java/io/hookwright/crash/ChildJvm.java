package io.hookwright.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A main class of the test classpath running in a JVM of its own, its output echoed and kept. */
final class ChildJvm {
    private final String name;
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final long started = System.nanoTime();

    private ChildJvm(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread.ofVirtual().start(this::readOutput);
    }

    static ChildJvm start(String name, Class<?> main, String... args) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this test"));
        // A short-lived JVM: the quick compiler alone gets it going sooner than waiting for the optimising one.
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ChildJvm(name, new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL on Linux: no shutdown hook, no finally block, nothing flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** The exit code, or -1 when the process is still running after {@code timeout} (it is then killed). */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        kill();
        return -1;
    }

    synchronized String output() {
        return String.join("\n", lines);
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                System.out.printf("[%s %.1fs] %s%n", name, (System.nanoTime() - started) / 1e9, line);
                synchronized (this) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // The process was killed mid-line: what was read is kept.
        }
    }
}
