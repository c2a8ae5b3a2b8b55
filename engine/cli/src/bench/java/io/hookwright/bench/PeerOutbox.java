package io.hookwright.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The peer: what a Java team builds in an afternoon after Spring Modulith's event publication registry, with plain
 * JDBC on SQLite (WAL, {@code synchronous NORMAL}, as the engine's). The producer writes one row per event into
 * {@code event_publication} in its own transaction, its payload ready to post; one poller thread claims the oldest
 * published rows 200 at a time ({@code UPDATE … WHERE id IN (SELECT … LIMIT ?) RETURNING}), posts each with one
 * {@link HttpClient} (HTTP/1.1, at most {@code concurrency} in flight) and marks the answered rows completed, a
 * batch to a transaction, as Modulith's default completion mode does; a row whose request failed is published again
 * (Modulith's resubmission) and claimed by a later poll. No backoff, signing, run log or target checks.
 */
final class PeerOutbox implements AutoCloseable {
    static final String LISTENER = "bench_peer";
    private static final int CLAIM_BATCH = 200;
    private static final String SCHEMA = """
            create table event_publication (id text primary key, listener_id text not null, target text not null,
              serialized_event text not null, publication_date integer not null, completion_date integer,
              status text not null, attempts integer not null default 0)""";
    private static final String INDEX = "create index event_publication_pending on event_publication (status, "
            + "publication_date)";
    private static final String INSERT = "insert into event_publication (id, listener_id, target, serialized_event, "
            + "publication_date, status) values (?, ?, ?, ?, ?, 'PUBLISHED')";
    private static final String CLAIM = """
            update event_publication set status = 'PROCESSING', attempts = attempts + 1 where id in
              (select id from event_publication where status = 'PUBLISHED' order by publication_date limit ?)
            returning id, target, serialized_event""";
    private static final String SETTLE = "update event_publication set status = ?, completion_date = ? where id = ?";
    private static final String RESUBMIT = "update event_publication set status = 'PUBLISHED' where id = ?";

    private record Settled(String id, boolean ok) {
    }

    private final Path dir;
    private final Path file;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Semaphore inFlight;
    private final LinkedBlockingQueue<Settled> answered = new LinkedBlockingQueue<>();
    private final AtomicLong settled = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<String> firstFailure =
            new AtomicReference<>();
    private final Thread poller;
    private volatile boolean running = true;

    PeerOutbox(int concurrency) throws IOException, SQLException {
        dir = Files.createTempDirectory("hookwright-peer-bench-");
        file = dir.resolve("peer.db");
        inFlight = new Semaphore(concurrency);
        try (Connection c = connection(); Statement s = c.createStatement()) {
            s.execute(SCHEMA);
            s.execute(INDEX);
        }
        poller = Thread.ofPlatform().name("peer-poller").start(this::poll);
    }

    /** A connection as the peer's every component opens it: WAL, synchronous NORMAL, a 10 s busy timeout. */
    Connection connection() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("pragma journal_mode = wal");
            s.execute("pragma synchronous = normal");
            s.execute("pragma busy_timeout = 10000");
        }
        return c;
    }

    /** The producer: events 0 … count-1 in transactions of {@code perTransaction}; when each committed. */
    long[] publish(Connection c, String run, String target, int count, int perTransaction) throws SQLException {
        long[] committed = new long[count];
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (int first = 0; first < count; first += perTransaction) {
                int end = Math.min(count, first + perTransaction);
                for (int i = first; i < end; i++) {
                    insert.setString(1, Requests.messageId(run, i, LISTENER));
                    insert.setString(2, LISTENER);
                    insert.setString(3, target);
                    insert.setString(4, Requests.body(run, i, LISTENER));
                    insert.setLong(5, System.currentTimeMillis());
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
                Arrays.fill(committed, first, end, System.nanoTime());
            }
        } finally {
            c.setAutoCommit(true);
        }
        return committed;
    }

    /** Rows marked completed so far. */
    long settled() {
        return settled.get();
    }

    /** Requests that failed, their rows published again. */
    long failed() {
        return failed.get();
    }

    /** What went wrong with the first request that failed, or null. */
    String firstFailure() {
        return firstFailure.get();
    }

    private void poll() {
        try (Connection c = connection();
             PreparedStatement claim = c.prepareStatement(CLAIM);
             PreparedStatement settle = c.prepareStatement(SETTLE);
             PreparedStatement resubmit = c.prepareStatement(RESUBMIT)) {
            while (running) {
                boolean busy = settle(c, settle, resubmit);
                List<String[]> rows = claim(claim);
                for (String[] row : rows) {
                    inFlight.acquire();
                    send(row[0], row[1], row[2]);
                }
                if (!busy && rows.isEmpty()) {
                    Settled next = answered.poll(2, TimeUnit.MILLISECONDS);
                    if (next != null) {
                        answered.add(next);
                    }
                }
            }
        } catch (SQLException | InterruptedException e) {
            if (running) {
                throw new IllegalStateException("the peer's poller stopped", e);
            }
        }
    }

    private List<String[]> claim(PreparedStatement claim) throws SQLException {
        claim.setInt(1, CLAIM_BATCH);
        List<String[]> rows = new ArrayList<>();
        try (ResultSet rs = claim.executeQuery()) {
            while (rs.next()) {
                rows.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        return rows;
    }

    private void send(String id, String target, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(System.currentTimeMillis() / 1000))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            inFlight.release();
            if (error != null || response.statusCode() / 100 != 2) {
                firstFailure.compareAndSet(null, error != null ? error.toString() : "status " + response.statusCode());
            }
            answered.add(new Settled(id, error == null && response.statusCode() / 100 == 2));
        });
    }

    /** Marks what was answered since the last time, in one transaction; false when there was nothing. */
    private boolean settle(Connection c, PreparedStatement settle, PreparedStatement resubmit) throws SQLException {
        List<Settled> batch = new ArrayList<>();
        answered.drainTo(batch);
        if (batch.isEmpty()) {
            return false;
        }
        c.setAutoCommit(false);
        long now = System.currentTimeMillis();
        long completed = 0;
        for (Settled s : batch) {
            if (s.ok()) {
                settle.setString(1, "COMPLETED");
                settle.setLong(2, now);
                settle.setString(3, s.id());
                settle.addBatch();
                completed++;
            } else {
                resubmit.setString(1, s.id());
                resubmit.addBatch();
            }
        }
        settle.executeBatch();
        resubmit.executeBatch();
        c.commit();
        c.setAutoCommit(true);
        settled.addAndGet(completed);
        failed.addAndGet(batch.size() - completed);
        return true;
    }

    /** Rows not completed: none once every delivery succeeded. */
    int incomplete() throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from event_publication where status != 'COMPLETED'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        poller.join(10_000);
        client.close();
        BenchFiles.delete(dir);
    }
}
