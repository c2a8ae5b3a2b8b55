package io.hookwright.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The peer benchmark: in one run against one in-process {@link Receiver}, a warm-up round and {@code --rounds}
 * measured rounds of (a) the loopback ceiling, (b) the plain JDBC outbox peer ({@link PeerOutbox}), (c) the
 * engine's in-process async durable delivery and (d) {@code hookwright serve} taking events over {@code POST
 * /events}, and (n) serve's CPU per event that no webhook hears; then once (e) a steady load on serve, (q) a queue
 * of {@code --backlog} deliveries in serve under -Xmx512m ({@link Backlog}) and (f) the times of {@code
 * --definitions} definitions. Prints each round, then {@link PeerTable}'s medians.
 * {@code java -cp hookwright-bench.jar io.hookwright.bench.PeerBench [EVENTS] [--measures abcdneqf] [--rounds N]
 * [--definitions N] [--backlog N]}.
 */
public final class PeerBench {
    static final int CONCURRENCY = 64;
    static final int PER_TRANSACTION = DeliveryBench.EVENTS_PER_TRANSACTION;
    static final int PER_POST = 200;
    static final String SERVE_WEBHOOK = "bench_serve";
    /** Kept so the level set on it holds. */
    private static final Logger JOOQ_LOG = Logger.getLogger("org.jooq");

    /** One round's results; a measure not run is null. */
    record Round(LoopbackCeiling.Result ceiling, LoopbackCeiling.Result asyncCeiling, AsyncDelivery.Result peer, AsyncDelivery.Result async,
                 ServeEvents.Result serve, ServeEvents.Result unheard) {
    }

    private PeerBench() {
    }

    public static void main(String[] args) throws Exception {
        int events = 20_000;
        String measures = "abcdneqf";
        int backlog = 100_000;
        int rounds = 3;
        int definitions = 1000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--measures" -> measures = args[++i];
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--definitions" -> definitions = Integer.parseInt(args[++i]);
                case "--backlog" -> backlog = Integer.parseInt(args[++i]);
                default -> events = Integer.parseInt(args[i]);
            }
        }
        JOOQ_LOG.setLevel(Level.WARNING);
        // The receiver keeps this many idle connections (JDK default 200) before it closes each one it answered on:
        // the clients of one run (serve's, the engines', the ceilings') hold more than 200 together.
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", "2000");
        }
        System.out.printf("%,d events per measure, %d in flight; producer transactions of %d; POST /events arrays of "
                        + "%d; measures %s; %d rounds after a warm-up; %d cores; Java %s%n", events, CONCURRENCY,
                PER_TRANSACTION, PER_POST, measures, rounds, Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        List<Round> measured = new ArrayList<>();
        SteadyLoad.Result steady = null;
        DefinitionsTimes.Result times = null;
        Backlog.Result queue = null;
        Path dir = Files.createTempDirectory("hookwright-serve-bench-");
        try (Receiver receiver = new Receiver(0)) {
            ServeProcess serve = null;
            if (measures.matches(".*[dne].*")) {
                Path folder = dir.resolve("webhooks");
                BenchEngine.write(folder, receiver, SERVE_WEBHOOK, "synchronous false\ntransaction 'after-commit'",
                        "header '" + Receiver.EVENT_HEADER + "', '${event.id}'");
                serve = ServeProcess.start(dir, folder, List.of(), receiver.hostAndPort(), CONCURRENCY);
                System.out.printf("serve ready in %,d ms%n", serve.ready().toMillis());
            }
            try {
                for (int r = 0; r <= rounds; r++) {
                    Round round = round(measures, receiver, serve, "r" + r, events);
                    PeerTable.print(r == 0 ? "warm-up" : "round " + r, round);
                    if (r > 0) {
                        measured.add(round);
                    }
                }
                if (measures.contains("e")) {
                    steady = SteadyLoad.run(serve, receiver, "steady", 1000, 10, 20);
                    PeerTable.print(steady);
                }
            } finally {
                if (serve != null) {
                    serve.close();
                }
            }
            if (measures.contains("q")) {
                queue = Backlog.run(dir, receiver, backlog);
                PeerTable.print(queue);
            }
            if (measures.contains("f")) {
                times = DefinitionsTimes.run(definitions);
            }
        } finally {
            BenchFiles.delete(dir);
        }
        PeerTable.table(measured, steady, queue, times);
    }

    private static Round round(String measures, Receiver receiver, ServeProcess serve, String run, int events)
            throws Exception {
        LoopbackCeiling.Result ceiling = measures.contains("a")
                ? LoopbackCeiling.run(receiver, "bare-" + run, AsyncDelivery.WEBHOOK, events, CONCURRENCY) : null;
        LoopbackCeiling.Result asyncCeiling = measures.contains("a")
                ? LoopbackCeiling.runAsync(receiver, "bare-async-" + run, AsyncDelivery.WEBHOOK, events, CONCURRENCY)
                : null;
        AsyncDelivery.Result peer = measures.contains("b")
                ? PeerDelivery.run(receiver, "peer-" + run, events, PER_TRANSACTION, CONCURRENCY) : null;
        AsyncDelivery.Result async = measures.contains("c")
                ? AsyncDelivery.run(receiver, run, events, PER_TRANSACTION, CONCURRENCY) : null;
        ServeEvents.Result served = measures.contains("d")
                ? ServeEvents.post(serve, receiver, "Project:Updated", "serve-" + run, events, PER_POST) : null;
        ServeEvents.Result unheard = measures.contains("n")
                ? ServeEvents.post(serve, receiver, ServeEvents.UNHEARD, "unheard-" + run, events, PER_POST) : null;
        return new Round(ceiling, asyncCeiling, peer, async, served, unheard);
    }
}
