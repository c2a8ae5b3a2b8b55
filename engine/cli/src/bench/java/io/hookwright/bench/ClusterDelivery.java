package io.hookwright.bench;

import io.hookwright.delivery.DeliverySettings;
import io.hookwright.delivery.TargetPolicy;
import io.hookwright.execution.Engine;
import io.hookwright.execution.LoadedDefinitions;
import io.hookwright.server.auth.Tokens;
import io.hookwright.store.Database;
import io.hookwright.store.Schema.Runs;
import org.jooq.impl.DSL;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Durable async delivery by the engine nodes sharing one database, with this JVM as the host: it publishes the bench
 * events in host transactions on a connection of its own, each firing {@link AsyncDelivery}'s async-inside webhook.
 * <ul>
 * <li>SQLite: one node, the engine in the host's JVM, as a host embeds it (the delivery benchmark's (2)).</li>
 * <li>PostgreSQL: N nodes, {@code hookwright serve} in JVMs of their own ({@link ServeNodes}); the host's engine
 * only queues (it is not started) and the nodes hear of each commit by {@code NOTIFY}.</li>
 * </ul>
 * Each setup first delivers a warm-up batch, then is measured twice: end to end (transactions of {@code
 * perTransaction}, timed from the first {@code begin} until the receiver has every request and the outbox is empty)
 * and draining (every event in one transaction, timed from its commit: delivery alone, without the host's work).
 */
final class ClusterDelivery implements AutoCloseable {
    /**
     * Deliveries per second; CPU time per delivery in microseconds, of this JVM (host and receiver, and on SQLite the
     * engine), of the node JVMs and of the PostgreSQL server (-1 when it runs elsewhere); how long the host took to
     * queue everything and how many had arrived by then; from each event's commit to its arrival (end to end only,
     * else null).
     */
    record Phase(double perSecond, double hostCpuMicros, double nodesCpuMicros, double postgresCpuMicros,
                 Duration queueing, long deliveredWhileQueueing, Latency latency) {
        double totalCpuMicros() {
            return hostCpuMicros + nodesCpuMicros + Math.max(0, postgresCpuMicros);
        }
    }

    record Result(Phase endToEnd, Phase drain, Map<String, Integer> succeededByNode) {
    }

    private interface HostConnections {
        Connection open() throws SQLException;
    }

    private final Receiver receiver;
    private final Path dir;
    private final Database database;
    private final Engine host;
    private final HostConnections connections;
    private final ServeNodes nodes;
    private final BenchPostgres postgres;

    private ClusterDelivery(Receiver receiver, Path dir, Database database, Engine host, HostConnections connections,
                            ServeNodes nodes, BenchPostgres postgres) {
        this.receiver = receiver;
        this.dir = dir;
        this.database = database;
        this.host = host;
        this.connections = connections;
        this.nodes = nodes;
        this.postgres = postgres;
    }

    /** One node on SQLite: the engine runs in this JVM, started, and delivers what the host queues. */
    static Result sqlite(Receiver receiver, String name, int warmUp, int count, int perTransaction) throws Exception {
        Path dir = Files.createTempDirectory("hookwright-cluster-bench-");
        Path file = dir.resolve("hookwright.db");
        Database database = Database.sqlite(file);
        Engine engine = Engine.builder(database, definitions(dir, receiver))
                .targetPolicy(new TargetPolicy(List.of(TargetPolicy.Allowed.parse(receiver.hostAndPort())), false))
                .delivery(DeliverySettings.builder().node("bench-1").build())
                .build().start();
        HostConnections connections = () -> {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("pragma busy_timeout = 10000");
            }
            return c;
        };
        try (ClusterDelivery bench = new ClusterDelivery(receiver, dir, database, engine, connections, null, null)) {
            return bench.measure(name, warmUp, count, perTransaction);
        }
    }

    /** {@code count} serve nodes on a new database of {@code postgres}; the host's engine here only queues. */
    static Result postgres(Receiver receiver, BenchPostgres postgres, int count, String name, int warmUp, int events,
                           int perTransaction) throws Exception {
        Path dir = Files.createTempDirectory("hookwright-cluster-bench-");
        String url = postgres.freshDatabase(name);
        Database database = Database.open(url, BenchPostgres.credentials(), 2);
        Engine engine = Engine.builder(database, definitions(dir, receiver)).build();
        ServeNodes nodes;
        try {
            nodes = ServeNodes.start(count, url, dir.resolve("webhooks"), tokens(dir), receiver);
        } catch (Exception e) {
            engine.close();
            database.close();
            throw e;
        }
        HostConnections connections = () -> DriverManager.getConnection(url, BenchPostgres.credentials());
        try (ClusterDelivery bench = new ClusterDelivery(receiver, dir, database, engine, connections, nodes,
                postgres)) {
            return bench.measure(name, warmUp, events, perTransaction);
        }
    }

    private static LoadedDefinitions definitions(Path dir, Receiver receiver) throws IOException {
        return BenchEngine.definitions(dir.resolve("webhooks"), receiver, AsyncDelivery.WEBHOOK,
                "synchronous false\ntransaction 'inside'");
    }

    /** A tokens file naming a token nobody has: the nodes' API stays closed and they print no token. */
    private static Path tokens(Path dir) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(Tokens.newToken().getBytes(StandardCharsets.UTF_8));
        return Files.writeString(dir.resolve("tokens"), "nobody runs:read sha256:" + HexFormat.of().formatHex(digest)
                + "\n");
    }

    private Result measure(String name, int warmUp, int count, int perTransaction) throws Exception {
        phase(name + "-warm", warmUp, perTransaction, false);
        Phase endToEnd = phase(name + "-e2e", count, perTransaction, false);
        Phase drain = phase(name + "-drain", count, count, true);
        Map<String, Integer> byNode = new TreeMap<>();
        database.dsl().select(Runs.NODE, DSL.count()).from(Runs.TABLE).where(Runs.OUTCOME.eq("succeeded"))
                .groupBy(Runs.NODE).forEach(r -> byNode.put(r.value1(), r.value2()));
        int succeeded = byNode.values().stream().mapToInt(Integer::intValue).sum();
        if (succeeded != warmUp + 2 * count) {
            throw new IllegalStateException(succeeded + " succeeded runs logged, not " + (warmUp + 2 * count));
        }
        return new Result(endToEnd, drain, byNode);
    }

    /** Queues {@code count} events and waits until they are all delivered and settled. */
    private Phase phase(String run, int count, int perTransaction, boolean drain) throws Exception {
        long before = receiver.received();
        Cpu start = drain ? null : Cpu.now(nodes, postgres);
        long started = System.nanoTime();
        long[] committed;
        try (Connection connection = connections.open()) {
            committed = Requests.publish(host, connection, run, count, perTransaction);
        }
        Duration queueing = Duration.ofNanos(System.nanoTime() - started);
        long deliveredWhileQueueing = receiver.received() - before;
        if (drain) {
            start = Cpu.now(nodes, postgres);
            started = System.nanoTime();
        }
        awaitDelivered(before + count);
        double seconds = (System.nanoTime() - started) / 1e9;
        Cpu end = Cpu.now(nodes, postgres);
        Latency latency = null;
        if (!drain) {
            long[] latencies = new long[count];
            for (int i = 0; i < count; i++) {
                latencies[i] = receiver.arrival(Requests.messageId(run, i, AsyncDelivery.WEBHOOK)) - committed[i];
            }
            latency = Latency.of(latencies);
        }
        long pg = postgres == null ? 0 : postgres.cpuBetween(start.postgres, end.postgres);
        return new Phase(count / seconds, (end.host - start.host) / 1e3 / count,
                (end.nodes - start.nodes) / 1e3 / count, pg < 0 ? -1 : pg / 1e3 / count, queueing,
                deliveredWhileQueueing, latency);
    }

    private void awaitDelivered(long received) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (receiver.received() < received || host.queuedMessages() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not delivered after 10 minutes: " + (received - receiver.received())
                        + " requests missing, " + host.queuedMessages() + " messages in the outbox");
            }
            Thread.sleep(receiver.received() < received ? 1 : 10);
        }
    }

    /** CPU time so far: this JVM's, the nodes', and per process of the PostgreSQL server. */
    private record Cpu(long host, long nodes, Map<Long, Long> postgres) {
        static Cpu now(ServeNodes nodes, BenchPostgres postgres) throws SQLException {
            return new Cpu(CpuTime.nanos(), nodes == null ? 0 : nodes.cpuNanos(),
                    postgres == null ? Map.of() : postgres.cpuByProcess());
        }
    }

    @Override
    public void close() throws Exception {
        if (nodes != null) {
            nodes.close();
        }
        host.close();
        database.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
