package io.hookwright.bench;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What {@code count} definitions ({@link Workload#writeDefinitions}, one file each) cost where users wait for them,
 * each in a JVM of its own with {@value #HEAP}: {@code hookwright validate DIR} from JVM start to exit (cold);
 * {@code serve} from JVM start until {@code /health} answers; and {@code POST /admin/reload} after one file changed,
 * {@value #RELOADS} times, a different change each time.
 */
final class DefinitionsTimes {
    static final String HEAP = "-Xmx512m";
    /** What the {@code hookwright} launcher gives every command but serve. */
    static final String QUICK_JIT = "-XX:TieredStopAtLevel=1";
    static final int RELOADS = 3;

    /** Cold validate, serve ready, and the median reload after one changed file. */
    record Result(int definitions, Duration validate, Duration serveReady, Duration reload) {
    }

    private DefinitionsTimes() {
    }

    static Result run(int count) throws Exception {
        Path dir = Files.createTempDirectory("hookwright-definitions-bench-");
        try {
            Path folder = dir.resolve("webhooks");
            Workload.writeDefinitions(folder, count);
            Duration validate = validate(dir, folder);
            System.out.printf("  validate, %,d definitions, cold: %,d ms%n", count, validate.toMillis());
            try (ServeProcess serve = ServeProcess.start(dir, folder, List.of(HEAP), null, 32)) {
                System.out.printf("  serve ready: %,d ms%n", serve.ready().toMillis());
                List<Duration> reloads = new ArrayList<>();
                for (int r = 1; r <= RELOADS; r++) {
                    reloads.add(reload(serve, folder.resolve(String.format("hook_%04d.groovy", count / 2)), r));
                    System.out.printf("  reload after one changed file: %,d ms%n", reloads.getLast().toMillis());
                }
                reloads.sort(null);
                return new Result(count, validate, serve.ready(), reloads.get(reloads.size() / 2));
            }
        } finally {
            BenchFiles.delete(dir);
        }
    }

    private static Duration validate(Path dir, Path folder) throws Exception {
        Path output = dir.resolve("validate.out");
        long started = System.nanoTime();
        // As the launcher runs it: every command but serve on the JIT's quick tier.
        Process process = new ProcessBuilder(ServeProcess.java(), HEAP, QUICK_JIT,
                "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "io.hookwright.cli.Main", "validate", folder.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("validate did not finish within 10 minutes");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("validate exited with " + process.exitValue() + ": "
                    + Files.readString(output));
        }
        return took;
    }

    /** Changes the URL of one webhook in the middle of the folder, then reloads. */
    private static Duration reload(ServeProcess serve, Path file, int change) throws Exception {
        String text = Files.readString(file);
        Files.writeString(file, text.replaceFirst("/hooks[^/]*/", "/hooks-v" + change + "/"));
        long started = System.nanoTime();
        HttpResponse<String> answer = serve.client().send(serve.post("/admin/reload", null),
                HttpResponse.BodyHandlers.ofString());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("reload answered " + answer.statusCode() + ": " + answer.body());
        }
        return took;
    }
}
