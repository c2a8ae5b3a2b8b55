package io.hookwright.server;

import io.hookwright.execution.Engine;
import io.hookwright.execution.LoadedDefinitions;
import io.hookwright.execution.Reloader;
import io.hookwright.store.Database;

import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether a serving engine can serve: its store answers a query within {@link #STORE_TIMEOUT}, definitions are
 * loaded, and no fatal error happened. What is wrong is said plainly, without the store's own error text (the
 * log has it): {@code /health} is open to anyone.
 */
public final class HealthChecks {
    private static final Logger LOG = Logger.getLogger(HealthChecks.class.getName());
    /** How long the store may take to answer the health query before it counts as down. */
    public static final Duration STORE_TIMEOUT = Duration.ofSeconds(2);

    private final Engine engine;
    private final Database database;
    private final FatalErrors fatal;
    private final Reloader reloader;
    /** The store check under way, if any: probes that come while one hangs wait for it instead of adding threads. */
    private CompletableFuture<Long> storeCheck;

    /** What the checks found: {@code checks} maps each check to {@code ok} or what is wrong. */
    public record Health(boolean ok, Map<String, String> checks, Long outboxDepth, Reloader.LastReload lastReload) {
    }

    public HealthChecks(Engine engine, Database database, FatalErrors fatal) {
        this(engine, database, fatal, null);
    }

    /** Checks that also tell how {@code reloader}'s last reload ended (a refused one leaves the engine serving). */
    public HealthChecks(Engine engine, Database database, FatalErrors fatal, Reloader reloader) {
        this.engine = engine;
        this.database = database;
        this.fatal = fatal;
        this.reloader = reloader;
    }

    public Health check() {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("engine", fatal.first().map(f -> "fatal error: " + f.describe()
                + "; the engine is stopping and must be restarted").orElse("ok"));
        LoadedDefinitions loaded = engine.definitions();
        checks.put("definitions", loaded == null || loaded.definitions() == null ? "no definitions are loaded" : "ok");
        Long depth = null;
        try {
            depth = store().get(STORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            checks.put("store", fileRemoved() ? "the database file was removed: what is written now is lost at the "
                    + "next start" : "ok");
        } catch (TimeoutException e) {
            checks.put("store", "the database did not answer within " + STORE_TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "health: the database (" + database.where() + ") failed a query: "
                    + e.getCause().getMessage());
            checks.put("store", "the database failed a query (the log says why)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            checks.put("store", "the check was interrupted");
        }
        Reloader.LastReload last = reloader == null ? null : reloader.lastReload().orElse(null);
        return new Health(checks.values().stream().allMatch("ok"::equals), checks, depth, last);
    }

    /** A SQLite file deleted under the engine: its open connections still answer, from a file no start will find. */
    private boolean fileRemoved() {
        return database.file().map(file -> !Files.exists(file)).orElse(false);
    }

    /** The outbox depth, read on a thread of its own so a hanging connection cannot hold the probe. */
    private synchronized CompletableFuture<Long> store() {
        if (storeCheck == null || storeCheck.isDone()) {
            CompletableFuture<Long> check = new CompletableFuture<>();
            Thread.ofVirtual().name("hookwright-health").start(() -> {
                try {
                    database.check();
                    check.complete((long) engine.queuedMessages());
                } catch (Throwable e) {
                    fatal.record(e, "the health check");
                    check.completeExceptionally(e);
                }
            });
            storeCheck = check;
        }
        return storeCheck;
    }
}
