package io.hookwright.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Engine nodes as users run them: {@code hookwright serve} in JVMs of their own (this jar's classpath) on one
 * database, named {@code bench-1} … {@code bench-N}, allowed to post to the receiver. Their output is echoed.
 */
final class ServeNodes implements AutoCloseable {
    /** What serve prints once it delivers and takes requests. */
    private static final String SERVING = "Stop with Ctrl-C";

    private final List<Process> processes = new ArrayList<>();
    private final CountDownLatch serving;

    private ServeNodes(int count) {
        serving = new CountDownLatch(count);
    }

    /**
     * Starts {@code count} nodes and waits until each serves.
     *
     * @param tokens a tokens file, so that serve makes and prints no admin token of its own
     */
    static ServeNodes start(int count, String dbUrl, Path definitions, Path tokens, Receiver receiver)
            throws IOException, InterruptedException {
        ServeNodes nodes = new ServeNodes(count);
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this benchmark"));
        for (int i = 1; i <= count; i++) {
            String name = "bench-" + i;
            Process process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                    System.getProperty("java.class.path"), "io.hookwright.cli.Main", "serve", "--db-url", dbUrl,
                    "--node", name, "--port", "0", "--definitions", definitions.toString(),
                    "--tokens", tokens.toString(), "--allow-target", receiver.hostAndPort())
                    .redirectErrorStream(true).start();
            nodes.processes.add(process);
            Thread.ofVirtual().start(() -> nodes.echo(name, process));
        }
        if (!nodes.serving.await(3, TimeUnit.MINUTES)) {
            nodes.close();
            throw new IllegalStateException("the nodes were not serving after 3 minutes");
        }
        return nodes;
    }

    private void echo(String name, Process process) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                System.out.println("  [" + name + "] " + line);
                if (line.contains(SERVING)) {
                    serving.countDown();
                }
            }
        } catch (IOException e) {
            // The node was stopped.
        }
    }

    /** The CPU time the nodes used so far. */
    long cpuNanos() {
        return processes.stream().mapToLong(p -> p.info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L))
                .sum();
    }

    /** Stops every node as Ctrl-C would, letting deliveries in flight finish. */
    @Override
    public void close() throws InterruptedException {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
