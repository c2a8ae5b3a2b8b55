package io.hookwright.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The most a sender could get through to the receiver on this machine: a bare {@link HttpClient} (HTTP/1.1, as the
 * engine's client for plain http) on {@code concurrency} virtual threads, posting the bench webhook's bodies with
 * the same headers, one after another, nothing stored. The engine's async delivery is measured against this.
 */
final class LoopbackCeiling {
    private LoopbackCeiling() {
    }

    /** Requests per second, and CPU time per request in microseconds. */
    record Result(double perSecond, double cpuMicros) {
    }

    /** Sends {@code count} requests. */
    static Result run(Receiver receiver, String run, String webhook, int count, int concurrency) throws Exception {
        List<HttpRequest> requests = requests(receiver, run, webhook, count);
        HttpClient client = client();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long cpu = CpuTime.nanos();
        long started = System.nanoTime();
        List<Thread> senders = new ArrayList<>(concurrency);
        for (int t = 0; t < concurrency; t++) {
            senders.add(Thread.ofVirtual().start(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    try {
                        HttpResponse<String> response = client.send(requests.get(i),
                                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                        if (response.statusCode() / 100 != 2) {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread sender : senders) {
            sender.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuMicros = (CpuTime.nanos() - cpu) / 1e3 / count;
        // Its idle connections would otherwise stay open until collected: past 200 of them the JDK's server closes
        // each connection it has answered on, and a client sending on one again fails.
        client.close();
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + count + " bare requests failed");
        }
        return new Result(count / seconds, cpuMicros);
    }

    /**
     * The same with {@link HttpClient#sendAsync} from one thread, at most {@code concurrency} in flight (a semaphore),
     * as a client written around the async API sends: no thread per request in flight.
     */
    static Result runAsync(Receiver receiver, String run, String webhook, int count, int concurrency)
            throws Exception {
        List<HttpRequest> requests = requests(receiver, run, webhook, count);
        HttpClient client = client();
        Semaphore inFlight = new Semaphore(concurrency);
        AtomicInteger failed = new AtomicInteger();
        long cpu = CpuTime.nanos();
        long started = System.nanoTime();
        for (HttpRequest request : requests) {
            inFlight.acquire();
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                    .whenComplete((response, error) -> {
                        if (error != null || response.statusCode() / 100 != 2) {
                            failed.incrementAndGet();
                        }
                        inFlight.release();
                    });
        }
        inFlight.acquire(concurrency);
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuMicros = (CpuTime.nanos() - cpu) / 1e3 / count;
        // Its idle connections would otherwise stay open until collected: past 200 of them the JDK's server closes
        // each connection it has answered on, and a client sending on one again fails.
        client.close();
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + count + " bare async requests failed");
        }
        return new Result(count / seconds, cpuMicros);
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static List<HttpRequest> requests(Receiver receiver, String run, String webhook, int count) {
        List<HttpRequest> requests = new ArrayList<>(count);
        URI target = URI.create(receiver.base() + "/" + webhook);
        for (int i = 0; i < count; i++) {
            requests.add(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("webhook-id", Requests.messageId(run, i, webhook))
                    .header("webhook-timestamp", Long.toString(System.currentTimeMillis() / 1000))
                    .POST(HttpRequest.BodyPublishers.ofString(Requests.body(run, i, webhook), StandardCharsets.UTF_8))
                    .build());
        }
        return requests;
    }
}
