package io.hookwright.testjvm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A main class of the test classpath running in a JVM of its own, its output echoed and kept. */
public final class ChildJvm {
    private final String name;
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final long started = System.nanoTime();

    private ChildJvm(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread.ofVirtual().start(this::readOutput);
    }

    public static ChildJvm start(String name, Class<?> main, String... args) throws IOException {
        return start(name, List.of(), main, args);
    }

    /** The same with JVM options ({@code -Dname=value}) before the main class. */
    public static ChildJvm start(String name, List<String> options, Class<?> main, String... args) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this test"));
        // A short-lived JVM: the quick compiler alone gets it going sooner than waiting for the optimising one.
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1"));
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ChildJvm(name, new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    public String name() {
        return name;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL on Linux: no shutdown hook, no finally block, nothing flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** The exit code, or -1 when the process is still running after {@code timeout} (it is then killed). */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        kill();
        return -1;
    }

    /**
     * Waits for a line of output containing {@code text}. Returns false when the process ended or {@code timeout}
     * passed first.
     */
    public boolean awaitLine(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                if (lines.stream().anyMatch(line -> line.contains(text))) {
                    return true;
                }
            }
            if (!process.isAlive()) {
                // The last lines may still be on their way from the pipe.
                Thread.sleep(200);
                synchronized (this) {
                    return lines.stream().anyMatch(line -> line.contains(text));
                }
            }
            Thread.sleep(20);
        }
        return false;
    }

    public synchronized String output() {
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
