package io.hookwright.bench;

import io.hookwright.server.auth.Tokens;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code hookwright serve} as users run it: a JVM of its own from this jar's classpath, on a SQLite file in {@code
 * dir}, a free loopback port and a tokens file holding one token (events:write and admin) that this class sends.
 * JVM options from the {@code bench.serve.jvm} system property (split at spaces) go first, e.g. a flight recording;
 * serve's own options from {@code bench.serve.options} last, e.g. {@code --delivery-log none}.
 * Its output is echoed, prefixed.
 */
final class ServeProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final String token;
    private final long readyNanos;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private ServeProcess(Process process, int port, String token, long started) throws Exception {
        this.process = process;
        this.port = port;
        this.token = token;
        this.readyNanos = awaitHealth(started);
    }

    /**
     * Starts serve and returns once {@code GET /health} answers 200.
     *
     * @param jvm     JVM options, e.g. {@code -Xmx512m}
     * @param allowed a {@code host:port} serve may post to, or null
     * @param perHost requests in flight per target host
     */
    static ServeProcess start(Path dir, Path definitions, List<String> jvm, String allowed, int perHost)
            throws Exception {
        String token = Tokens.newToken();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        Path tokens = Files.writeString(dir.resolve("tokens"), "bench events:write admin sha256:"
                + HexFormat.of().formatHex(digest) + "\n");
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(java()));
        String extra = System.getProperty("bench.serve.jvm", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(Arrays.asList(extra.split(" +")));
        }
        command.addAll(jvm);
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "io.hookwright.cli.Main", "serve", "--db", dir.resolve("hookwright.db").toString(), "--definitions",
                definitions.toString(), "--port", Integer.toString(port), "--tokens", tokens.toString(),
                "--node", "bench-serve", "--per-host", Integer.toString(perHost)));
        if (allowed != null) {
            command.addAll(List.of("--allow-target", allowed));
        }
        String options = System.getProperty("bench.serve.options", "").strip();
        if (!options.isEmpty()) {
            command.addAll(Arrays.asList(options.split(" +")));
        }
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread.ofVirtual().start(() -> echo(process));
        try {
            return new ServeProcess(process, port, token, started);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    static String java() {
        return ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this benchmark"));
    }

    private long awaitHealth(long started) throws Exception {
        HttpRequest health = HttpRequest.newBuilder(uri("/health")).timeout(Duration.ofSeconds(5)).build();
        long deadline = started + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("serve exited with " + process.exitValue() + " before it served");
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return System.nanoTime() - started;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("serve did not answer /health within 5 minutes");
    }

    private static void echo(Process process) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                // serve logs every delivery (its default, so its cost is measured); a failure is worth showing.
                if (!line.contains(" INFO delivery ")) {
                    System.out.println("  [serve] " + line);
                }
            }
        } catch (IOException e) {
            // The process was stopped.
        }
    }

    /** From the process's start until {@code /health} first answered 200. */
    Duration ready() {
        return Duration.ofNanos(readyNanos);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A POST with this run's token; {@code json} null for none. */
    HttpRequest post(String path, String json) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
    }

    HttpClient client() {
        return client;
    }

    /** Whether the serve process still runs. */
    boolean alive() {
        return process.isAlive();
    }

    /** The CPU time the serve process used so far. */
    long cpuNanos() {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /** Stops serve as Ctrl-C would (a flight recording is written then). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
