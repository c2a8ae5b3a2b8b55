package io.hookwright.bench;

import io.hookwright.execution.Engine;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;

/**
 * What a sync-inside webhook adds to a host transaction. One host thread runs {@code count} transactions that
 * insert a row and publish an event firing one sync-inside webhook; the same thread also times the bare request
 * (a bare {@link HttpClient} posting the same body) and the host's transaction without the engine.
 */
final class SyncInsideOverhead {
    static final String WEBHOOK = "bench_sync";

    /** The host's transaction with the webhook, the bare request, and the host's transaction alone. */
    record Result(Latency transaction, Latency bare, Latency hostOnly) {
    }

    private SyncInsideOverhead() {
    }

    static Result run(Receiver receiver, String run, int count) throws Exception {
        try (BenchEngine bench = new BenchEngine(receiver, WEBHOOK, "synchronous true\ntransaction 'inside'");
             Connection host = bench.host()) {
            Engine engine = bench.engine.start();
            long[] withWebhook = new long[count];
            long[] bare = new long[count];
            long[] hostOnly = new long[count];
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            URI target = URI.create(receiver.base() + "/" + WEBHOOK);
            for (int i = 0; i < count; i++) {
                long started = System.nanoTime();
                try (var tx = engine.begin(host)) {
                    insert(host, run + "-" + i);
                    tx.publish(Requests.event(run, i));
                    tx.commit();
                }
                withWebhook[i] = System.nanoTime() - started;

                started = System.nanoTime();
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(target)
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("webhook-id", Requests.messageId(run, i, WEBHOOK))
                        .header("webhook-timestamp", Long.toString(System.currentTimeMillis() / 1000))
                        .POST(HttpRequest.BodyPublishers.ofString(Requests.body(run, i, WEBHOOK),
                                StandardCharsets.UTF_8))
                        .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                bare[i] = System.nanoTime() - started;
                if (response.statusCode() != 204) {
                    throw new IllegalStateException("bare request answered " + response.statusCode());
                }

                started = System.nanoTime();
                host.setAutoCommit(false);
                insert(host, run + "-host-" + i);
                host.commit();
                host.setAutoCommit(true);
                hostOnly[i] = System.nanoTime() - started;
            }
            return new Result(Latency.of(withWebhook), Latency.of(bare), Latency.of(hostOnly));
        }
    }

    private static void insert(Connection host, String id) throws Exception {
        try (PreparedStatement p = host.prepareStatement("insert into host_projects (id, name) values (?, ?)")) {
            p.setString(1, id);
            p.setString(2, "Project " + id);
            p.executeUpdate();
        }
    }
}
