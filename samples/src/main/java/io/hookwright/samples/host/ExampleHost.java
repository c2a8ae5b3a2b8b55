package io.hookwright.samples.host;

import io.hookwright.delivery.TargetPolicy;
import io.hookwright.execution.Engine;
import io.hookwright.execution.Fired;
import io.hookwright.execution.LoadedDefinitions;
import io.hookwright.execution.Published;
import io.hookwright.errors.WebhookVetoedException;
import io.hookwright.runlog.Run;
import io.hookwright.runlog.RunQuery;
import io.hookwright.store.Database;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The execution table, run: a host embedding the engine changes a project's budget three times (committed, rolled
 * back, refused by a sync-inside webhook) with one webhook per mode listening, and shows what the receiver got and
 * what the run log says.
 * <pre>./mvnw -q -pl samples -am install -DskipTests && ./mvnw -q -pl samples exec:java</pre>
 */
public final class ExampleHost {
    private ExampleHost() {
    }

    public static void main(String[] args) throws Exception {
        // The host's own choice: the engine's library leaves the JVM's settings alone.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        Path definitions = Path.of(args.length > 0 ? args[0] : "samples/embedded/webhooks");
        Path database = Files.createTempDirectory("hookwright-example").resolve("example.db");
        run(definitions, database, System.out);
    }

    /** Runs the three changes and returns the run log, oldest first. */
    public static List<Run> run(Path definitions, Path databaseFile, PrintStream out) throws Exception {
        LoadedDefinitions loaded = LoadedDefinitions.from(definitions);   // DefinitionsInvalidException names each error
        TargetPolicy policy = new TargetPolicy(List.of(TargetPolicy.Allowed.parse("localhost:" + ExampleReceiver.PORT)), false);
        try (Database database = Database.sqlite(databaseFile);
             var receiver = new ExampleReceiver(r -> out.println("    receiver: " + r.path() + " " + r.body()
                + (r.answered() == 409 ? "  -> 409 refused" : "")));
             Engine engine = Engine.builder(database, loaded)
                     .targetPolicy(policy).build().start()) {
            ProjectTracker tracker = new ProjectTracker(databaseFile, engine);
            tracker.create("p-1", "DEMO", 5_000);

            out.println("1. Budget 5000 -> 8000, committed: every mode sends once.");
            Published committed = tracker.setBudget("p-1", 8_000, true);
            show(out, committed);
            awaitLogged(engine, committed, Duration.ofSeconds(10));
            out.println("   saved budget: " + tracker.budget("p-1"));

            out.println("2. Budget 8000 -> 9000, rolled back by the host: only sync-inside had gone (before the commit).");
            show(out, tracker.setBudget("p-1", 9_000, false));
            out.println("   saved budget: " + tracker.budget("p-1"));

            out.println("3. Budget 8000 -> 250000: the finance system refuses it, so the host's transaction is vetoed.");
            try {
                tracker.setBudget("p-1", 250_000, true);
            } catch (WebhookVetoedException veto) {
                out.println("   commit threw: " + veto.getMessage());
            }
            out.println("   saved budget: " + tracker.budget("p-1"));

            // Closing writes the runs of the deliveries that just ended; the run log stays readable.
            engine.close();
            List<Run> runs = engine.runs(RunQuery.latest(100)).reversed();
            out.println();
            out.println("Run log (oldest first):");
            for (Run run : runs) {
                out.printf("  %-17s %-19s %-10s %s%n", run.webhook(), run.mode(), run.outcome().word(),
                        run.response() == null ? run.error() : "HTTP " + run.response().status());
            }
            return runs;
        }
    }

    /** Waits until each async message the change queued has its first run in the log: sent, and its result written. */
    private static void awaitLogged(Engine engine, Published published, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Fired fired : published.fired()) {
            while (fired.status() == Fired.Status.QUEUED && engine.attempts(fired.messageId()).isEmpty()) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(fired.webhook() + " was not delivered within " + timeout.toSeconds() + " s");
                }
                Thread.sleep(10);
            }
        }
    }

    private static void show(PrintStream out, Published published) {
        for (Fired fired : published.fired()) {
            out.printf("    %-17s %-19s %s%n", fired.webhook(), fired.mode(), fired.status().word());
        }
    }
}
