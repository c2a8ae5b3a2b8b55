package io.hookwright.bench;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deep queue in {@code serve} under {@code -Xmx512m}: events posted while the receiver answers each request only
 * after {@value #SLOW_MILLIS} ms, so the outbox fills, then the receiver at full speed until serve delivered every
 * one. Reports how many deliveries were queued at most, how fast serve took events and drained the queue, and the
 * most heap it held (from its GC log); the measure fails if serve dies or does not deliver them all.
 */
final class Backlog {
    static final String WEBHOOK = "bench_backlog";
    private static final int SLOW_MILLIS = 1_000;
    private static final int PER_POST = 200;
    private static final Pattern HEAP = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    /**
     * @param queued        deliveries waiting when the receiver sped up (posted, not arrived)
     * @param takenPerSecond events serve took while the receiver was slow
     * @param drainedPerSecond deliveries per second once it was fast, until the queue was empty
     * @param heapPeakMb    the most heap in use before a collection, in MB
     */
    record Result(int events, long queued, double takenPerSecond, double drainedPerSecond, long heapPeakMb) {
    }

    private Backlog() {
    }

    static Result run(Path dir, Receiver receiver, int events) throws Exception {
        Path home = Files.createDirectories(dir.resolve("backlog"));
        Path folder = home.resolve("webhooks");
        BenchEngine.write(folder, receiver, WEBHOOK, "synchronous false\ntransaction 'after-commit'",
                "header '" + Receiver.EVENT_HEADER + "', '${event.id}'");
        Path gcLog = home.resolve("gc.log");
        receiver.delay(SLOW_MILLIS);
        try (ServeProcess serve = ServeProcess.start(home, folder, List.of("-Xmx512m", "-Xlog:gc:file=" + gcLog),
                receiver.hostAndPort(), PeerBench.CONCURRENCY)) {
            long before = receiver.received();
            long started = System.nanoTime();
            for (int first = 0; first < events; first += PER_POST) {
                String body = ServeEvents.array("Project:Updated", "backlog", first, Math.min(PER_POST, events - first));
                int status = serve.client().send(serve.post("/events", body), HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status != 202) {
                    throw new IllegalStateException("POST /events answered " + status + " with " + first + " queued");
                }
            }
            double taken = events / ((System.nanoTime() - started) / 1e9);
            long arrived = receiver.received() - before;
            receiver.delay(0);
            long fast = System.nanoTime();
            long deadline = fast + Duration.ofMinutes(10).toNanos();
            while (receiver.received() - before < events && System.nanoTime() < deadline && serve.alive()) {
                Thread.sleep(5);
            }
            double drained = (events - arrived) / ((System.nanoTime() - fast) / 1e9);
            if (!serve.alive() || receiver.received() - before < events) {
                throw new IllegalStateException("serve delivered " + (receiver.received() - before) + " of " + events
                        + (serve.alive() ? "" : " and stopped"));
            }
            return new Result(events, events - arrived, taken, drained, heapPeak(gcLog));
        } finally {
            receiver.delay(0);
        }
    }

    private static long heapPeak(Path gcLog) throws Exception {
        long peak = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = HEAP.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, Long.parseLong(m.group(1)));
            }
        }
        return peak;
    }
}
