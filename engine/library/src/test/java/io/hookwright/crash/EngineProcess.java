package io.hookwright.crash;

import io.hookwright.definitions.DefinitionCompiler;
import io.hookwright.delivery.DeliverySettings;
import io.hookwright.delivery.TargetPolicy;
import io.hookwright.execution.Engine;
import io.hookwright.execution.EngineFixture;
import io.hookwright.execution.LoadedDefinitions;
import io.hookwright.execution.ManualEngine;
import io.hookwright.store.Database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * The engine in a process of its own, for {@link CrashRecoveryTest} to kill.
 * <ul>
 * <li>{@code deliver DB DEFINITIONS PORT COUNT}: queues COUNT async-inside messages in a few host transactions, then
 * starts the engine and prints the outbox's depth until it is empty or the process is killed;</li>
 * <li>{@code drain DB DEFINITIONS PORT}: starts an engine on the same database under the same node name and exits
 * with 0 once the outbox is empty.</li>
 * </ul>
 */
public final class EngineProcess {
    /** Both processes are this node: the second takes back the first one's claims at once. */
    static final String NODE = "crash-node";
    static final int EVENTS_PER_TRANSACTION = 500;
    private static final Duration DEADLINE = Duration.ofSeconds(50);

    private EngineProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[1]);
        Engine engine = engine(db, Path.of(args[2]), Integer.parseInt(args[3]));
        switch (args[0]) {
            case "deliver" -> {
                enqueue(engine, db, Integer.parseInt(args[4]));
                engine.start();
                System.out.println("delivering");
                System.exit(awaitEmptyOutbox(engine) ? 0 : 1);
            }
            case "drain" -> {
                engine.start();
                boolean empty = awaitEmptyOutbox(engine);
                engine.close();
                System.exit(empty ? 0 : 1);
            }
            default -> throw new IllegalArgumentException("deliver or drain, not " + args[0]);
        }
    }

    /** The id of the event {@code i}: {@code evt-p-i}. */
    static String eventId(int i) {
        return EngineFixture.projectUpdated("p-" + i).id();
    }

    private static Engine engine(Path db, Path definitions, int port) {
        DefinitionCompiler.Compilation compilation = new DefinitionCompiler().compile(definitions);
        if (!compilation.valid()) {
            throw new IllegalStateException("invalid definitions: " + compilation.errors());
        }
        return Engine.builder(Database.sqlite(db), new LoadedDefinitions(compilation.definitions(), "crash"))
                .secrets(EngineFixture.SECRETS)
                .targetPolicy(new TargetPolicy(List.of(TargetPolicy.Allowed.parse("localhost:" + port)), false))
                .delivery(DeliverySettings.builder().node(NODE).pollInterval(Duration.ofMillis(200)).build())
                .build();
    }

    /** Queues every message before delivery starts, so whatever the kill interrupts is delivery, never queueing. */
    private static void enqueue(Engine engine, Path db, int count) throws Exception {
        try (Connection host = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
             Statement s = host.createStatement()) {
            s.execute("pragma busy_timeout = 10000");
            for (int first = 0; first < count; first += EVENTS_PER_TRANSACTION) {
                try (var tx = engine.begin(host)) {
                    for (int i = first; i < Math.min(count, first + EVENTS_PER_TRANSACTION); i++) {
                        tx.publish(EngineFixture.projectUpdated("p-" + i));
                    }
                    tx.commit();
                }
            }
        }
        System.out.println("queued " + engine.queuedMessages());
    }

    private static boolean awaitEmptyOutbox(Engine engine) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            int depth = engine.queuedMessages();
            System.out.println("outbox " + depth);
            if (depth == 0 && ManualEngine.awaitIdle(engine, Duration.ofSeconds(5))) {
                return true;
            }
            ManualEngine.awaitIdle(engine, Duration.ofMillis(100));
        }
        return false;
    }
}
