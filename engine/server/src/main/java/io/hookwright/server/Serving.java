package io.hookwright.server;

import io.hookwright.authoring.Authoring;
import io.hookwright.git.GitRevisions;
import io.hookwright.catalog.WebhookCatalog;
import io.hookwright.definitions.DefinitionCompiler;
import io.hookwright.definitions.DefinitionsSource;
import io.hookwright.definitions.JooqPublishedDefinitions;
import io.hookwright.execution.Engine;
import io.hookwright.execution.Reloader;
import io.hookwright.ingest.HttpTransactions;
import io.hookwright.ingest.Ingest;
import io.hookwright.ingest.JooqReceivedEvents;
import io.hookwright.outbox.JooqOutboxStore;
import io.hookwright.server.api.Endpoints;
import io.hookwright.server.auth.Tokens;
import io.hookwright.state.JooqWebhookStateStore;
import io.hookwright.store.Database;
import io.hookwright.store.Notifications;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A started engine behind its HTTP server, with the services its endpoints use. Closing it stops taking requests,
 * lets deliveries in flight finish, and leaves the rest in the outbox for the next start.
 */
public final class Serving implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Serving.class.getName());
    private final Engine engine;
    private final HookwrightServer server;
    private final Ingest ingest;
    private final Reloader reloader;
    private final HttpTransactions transactions;
    private final ScheduledExecutorService chores;
    private final AutoCloseable followed;
    private final FatalErrors fatal;
    private final Authoring authoring;
    /** How often a node looks for definitions another node published, when no notification told it. */
    static final int FOLLOW_POLL_SECONDS = 2;

    private Serving(Engine engine, HookwrightServer server, Ingest ingest, Reloader reloader,
                    HttpTransactions transactions, ScheduledExecutorService chores, AutoCloseable followed,
                    FatalErrors fatal, Authoring authoring) {
        this.authoring = authoring;
        this.followed = followed;
        this.fatal = fatal;
        this.engine = engine;
        this.server = server;
        this.ingest = ingest;
        this.reloader = reloader;
        this.transactions = transactions;
        this.chores = chores;
    }

    /**
     * Builds and starts the engine, with metrics, and the server in front of it. A fatal error from then on, in a
     * request or any thread, is recorded in {@link #fatal()}: health answers 503, and whoever serves should stop.
     */
    public static Serving start(Engine.Builder builder, Database database, ServerSettings settings, Tokens tokens) {
        return start(builder, database, settings, tokens, new DefinitionCompiler());
    }

    /**
     * Like {@link #start(Engine.Builder, Database, ServerSettings, Tokens)}, reloading with {@code compiler}: the one
     * that compiled the builder's definitions, so that the first reload too compiles only the files changed since.
     */
    public static Serving start(Engine.Builder builder, Database database, ServerSettings settings, Tokens tokens,
                                DefinitionCompiler compiler) {
        FatalErrors fatal = new FatalErrors(settings.clock());
        fatal.watchThreads();
        Metrics metrics = new Metrics(new JooqOutboxStore(database), settings.clock());
        Engine engine = builder.observer(metrics).build();
        engine.start();
        ServerContext context = new ServerContext(engine, settings.definitionsFolder(), settings.workspace(),
                settings.secrets(), settings.clock(), settings.maxBodyBytes(), settings.transactionTtl(),
                settings.pageOrigin());
        Ingest ingest = new Ingest(engine, new JooqReceivedEvents(database), settings.clock());
        HttpTransactions transactions = new HttpTransactions(engine, ingest, settings.clock(), settings.transactionTtl());
        Reloader reloader = new Reloader(engine, new DefinitionsSource(settings.definitionsFolder(), compiler,
                GitRevisions.INSTANCE), new JooqPublishedDefinitions(database), settings.secrets());
        reloader.join();
        WebhookCatalog catalog = new WebhookCatalog(engine::definitions, new JooqWebhookStateStore(database),
                settings.definitionsFolder());
        HealthChecks health = new HealthChecks(engine, database, fatal, reloader);
        Authoring authoring = new Authoring(settings.definitionsFolder(), settings.authoring(), settings.push(),
                reloader::reload, engine::definitions);
        HookwrightServer server = HookwrightServer.start(settings.host(), settings.port(), settings.tls(), context, tokens,
                Endpoints.ALL, List.of(ingest, transactions, reloader, catalog, metrics, health, authoring), fatal);
        ScheduledExecutorService chores = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform()
                .name("hookwright-serving-chores").daemon().unstarted(r));
        // A scheduled task's error would stay in its future, unseen: the guard records a fatal one.
        chores.scheduleWithFixedDelay(fatal.guard("expiring transactions", transactions::expire), 1, 1, TimeUnit.SECONDS);
        chores.scheduleWithFixedDelay(fatal.guard("forgetting old event ids", () -> forgetOldEvents(ingest)), 0, 1,
                TimeUnit.HOURS);
        Duration longestHold = settings.transactionTtl().plus(ABANDONED_AFTER);
        chores.scheduleWithFixedDelay(fatal.guard("releasing abandoned event ids",
                () -> releaseAbandoned(ingest, longestHold)), 0, 1, TimeUnit.MINUTES);
        // Another node's reload reaches this one by notification (PostgreSQL) or, at the latest, by this poll.
        Runnable follow = fatal.guard("following the definitions", reloader::followQuietly);
        chores.scheduleWithFixedDelay(follow, FOLLOW_POLL_SECONDS, FOLLOW_POLL_SECONDS, TimeUnit.SECONDS);
        AutoCloseable followed = database.notifications().subscribe(Notifications.Channel.DEFINITIONS,
                () -> chores.execute(follow));
        return new Serving(engine, server, ingest, reloader, transactions, chores, followed, fatal, authoring);
    }

    /**
     * How long past a transaction's time to live an unanswered claim of an event id is kept before it is taken for
     * abandoned: a request still sending its sync webhooks holds its ids unanswered too, so with room for those.
     */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(15);

    private static void releaseAbandoned(Ingest ingest, Duration longestHold) {
        try {
            int released = ingest.releaseAbandoned(longestHold);
            if (released > 0) {
                LOG.info("released " + released + " event id(s) claimed over " + longestHold.toMinutes() + " minutes ago "
                        + "by a request or HTTP transaction that never ended (its node stopped): they may be posted again");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "releasing abandoned event ids failed; trying again in a minute: " + e.getMessage());
        }
    }

    private static void forgetOldEvents(Ingest ingest) {
        try {
            ingest.forgetOld();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "forgetting old event ids failed; trying again in an hour: " + e.getMessage());
        }
    }

    public Engine engine() {
        return engine;
    }

    public HookwrightServer server() {
        return server;
    }

    public Ingest ingest() {
        return ingest;
    }

    public Reloader reloader() {
        return reloader;
    }

    /** Webhooks written over REST: whether they are taken, and why not. */
    public Authoring authoring() {
        return authoring;
    }

    public HttpTransactions transactions() {
        return transactions;
    }

    /** The fatal error this engine hit, if any; {@link FatalErrors#onFatal} tells of it as it happens. */
    public FatalErrors fatal() {
        return fatal;
    }

    @Override
    public void close() {
        try {
            followed.close();
        } catch (Exception ignored) {
            // Only a subscription: the database closes after.
        }
        fatal.stopWatching();
        server.close();
        chores.shutdownNow();
        reloader.close();
        engine.close();
    }
}
