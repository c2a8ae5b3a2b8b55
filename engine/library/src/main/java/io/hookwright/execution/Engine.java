package io.hookwright.execution;

import io.hookwright.errors.WebhookVetoedException;
import io.hookwright.delivery.DeliverySettings;
import io.hookwright.delivery.Dispatcher;
import io.hookwright.delivery.Ledger;
import io.hookwright.delivery.RetrySchedule;
import io.hookwright.delivery.Sender;
import io.hookwright.delivery.Settlement;
import io.hookwright.delivery.SettlementWriter;
import io.hookwright.delivery.TargetPolicy;
import io.hookwright.event.Event;
import io.hookwright.event.Events;
import io.hookwright.operations.FailureWarnings;
import io.hookwright.operations.OperationalEvent;
import io.hookwright.operations.OperationalEvents;
import io.hookwright.operations.OperationalKind;
import io.hookwright.outbox.JooqOutboxStore;
import io.hookwright.outbox.OutboxMessage;
import io.hookwright.outbox.OutboxStore;
import io.hookwright.render.CompiledWebhook;
import io.hookwright.render.MessageIds;
import io.hookwright.render.Renderer;
import io.hookwright.render.Secrets;
import io.hookwright.runlog.JooqRunLog;
import io.hookwright.runlog.LatestRun;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import io.hookwright.runlog.RunIds;
import io.hookwright.runlog.RunLog;
import io.hookwright.runlog.RunQuery;
import io.hookwright.state.JooqWebhookStateStore;
import io.hookwright.state.StateChange;
import io.hookwright.state.WebhookState;
import io.hookwright.state.WebhookStateStore;
import io.hookwright.state.WebhookStatuses;
import io.hookwright.store.Database;
import io.hookwright.store.Notifications;
import io.hookwright.store.StoreTransaction;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * The running engine: publishes events in the four execution modes, delivers the outbox, keeps the run log and the
 * webhooks' health. Build one with {@link #builder}, {@link #start} it to deliver async messages, close it to stop.
 *
 * <p>After a host's commit nothing is thrown and nothing is dropped (see {@link EngineTransaction}): async messages
 * the store refuses after a commit are kept by {@link UnqueuedMessages}, runs it refuses by the settlement writer,
 * both written again until the store takes them; each such failure is logged (WARNING) and told to the
 * {@link EngineObserver}. Records of sync-after-commit webhooks that a crash left claimed are released when this node
 * restarts (or its lease ends) and sent by the dispatcher, with one attempt, as the caller's thread would have.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Engine.class.getName());

    private final Database database;
    private final OutboxStore outbox;
    private final RunLog runs;
    private final WebhookStateStore states;
    private final WebhookStatuses statuses;
    private final Clock clock;
    private final Deliveries deliveries;
    private final Ledger ledger;
    private final SettlementWriter writer;
    private final Dispatcher dispatcher;
    private final UnqueuedMessages unqueued;
    private final AtomicReference<LoadedDefinitions> loaded;
    /** How long runs are kept; null: for ever. */
    private final Duration retention;
    static final int RETENTION_BATCH = 500;
    private final DeliverySettings settings;
    private ScheduledExecutorService housekeeping;
    private final List<AutoCloseable> subscriptions = new java.util.ArrayList<>();
    private boolean closed;
    private final EngineObserver observer;
    private final OperationalEvents operational;

    private Engine(Builder b) {
        this.database = b.database;
        this.clock = b.clock;
        this.settings = b.delivery;
        this.retention = b.retention;
        this.loaded = new AtomicReference<>(Objects.requireNonNull(b.definitions, "definitions"));
        this.outbox = new JooqOutboxStore(database);
        this.runs = new JooqRunLog(database);
        this.states = new JooqWebhookStateStore(database);
        this.statuses = new WebhookStatuses(states);
        this.statuses.refresh();
        Sender sender = new Sender(b.targetPolicy, b.secrets, clock, b.maxResponseBody, b.capture);
        this.observer = b.observer;
        this.deliveries = new Deliveries(sender, clock, statuses, loaded::get, b.retrySchedule, b.random, observer,
                settings.node());
        this.operational = new OperationalEvents(() -> {
            LoadedDefinitions now = loaded.get();
            return new OperationalEvents.Definitions(now.definitions(), now.revision());
        }, outbox, runs, clock, settings.node());
        this.ledger = new Ledger(database, outbox, runs, states, clock,
                new FailureWarnings(b.deactivateAfter, b.failuresRising), operational, this::wake);
        this.writer = new SettlementWriter(ledger, this::deactivated, () -> { });
        this.dispatcher = new Dispatcher(outbox, deliveries, writer, settings, clock);
        this.unqueued = new UnqueuedMessages(this::queueAfterCommit, this::wake);
    }

    public static Builder builder(Database database, LoadedDefinitions definitions) {
        return new Builder(database, definitions);
    }

    /**
     * Starts delivering: resumes what this node left queued, then wakes on every enqueue, this node's or (on
     * PostgreSQL) another's, and refreshes the webhooks' states when another node changes one.
     */
    public synchronized Engine start() {
        if (housekeeping != null) {
            return this;
        }
        writer.start();
        Notifications notifications = database.notifications();
        subscriptions.add(notifications.subscribe(Notifications.Channel.OUTBOX, dispatcher::wake));
        subscriptions.add(notifications.subscribe(Notifications.Channel.STATES, this::refreshStatuses));
        dispatcher.start();
        housekeeping = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform()
                .name("hookwright-housekeeping").daemon().unstarted(r));
        long refresh = settings.pollInterval().toMillis();
        housekeeping.scheduleWithFixedDelay(this::refreshStatuses, refresh, refresh, TimeUnit.MILLISECONDS);
        if (retention != null) {
            housekeeping.scheduleWithFixedDelay(this::deleteOldRuns, 0, 1, TimeUnit.HOURS);
        }
        return this;
    }

    /** Begins the engine's side of a host transaction on the host's JDBC connection. */
    public EngineTransaction begin(Connection connection) throws SQLException {
        return new EngineTransaction(this, Objects.requireNonNull(connection, "connection"), null);
    }

    /** Begins a transaction of the engine's own, for hosts whose data is elsewhere (over HTTP). */
    public OwnTransaction begin() {
        return beginFor(null);
    }

    /**
     * {@link #begin()} for one caller of the REST API (a token's name): the message ids of its events derive from
     * the caller as well as the event id, so two callers that use the same event id get messages of their own
     * instead of one message for both.
     */
    public OwnTransaction beginFor(String caller) {
        return new OwnTransaction(new EngineTransaction(this, caller));
    }

    /**
     * Publishes an event for a host without a transaction: as if in one that commits at once. After-commit webhooks
     * run before this returns; what the engine's store refuses meanwhile is kept and written again.
     *
     * @throws WebhookVetoedException when a sync-inside webhook failed; the after-commit webhooks did not run
     */
    public Published publish(Event event) {
        try (OwnTransaction tx = begin()) {
            Published published = tx.publish(event);
            tx.commit();
            return tx.result(published.eventId());
        }
    }

    /**
     * Commits transactions of the engine's own ({@link #beginFor}) together, in one transaction of the engine's store,
     * with what {@code alongside} writes in it (a REST caller's idempotency records, say): their queued messages and
     * after-commit records exist exactly when what {@code alongside} wrote does. Each keeps its own fate otherwise: a
     * vetoed one is rolled back before {@code alongside} runs ({@link OwnTransaction#veto} tells), the others commit.
     * Once the store has committed, the sync-after-commit webhooks are sent in this thread and every run is logged.
     *
     * @throws RuntimeException what the store or {@code alongside} threw: then none of them committed (each is rolled
     *                          back, its sync-inside runs logged)
     */
    public void commitTogether(List<OwnTransaction> transactions, java.util.function.Consumer<StoreTransaction> alongside) {
        List<EngineTransaction> committing = new java.util.ArrayList<>(transactions.size());
        List<CommitWork> works = new java.util.ArrayList<>(transactions.size());
        for (OwnTransaction own : transactions) {
            CommitWork work = own.engineSide().prepareTogether();
            if (work != null) {
                committing.add(own.engineSide());
                works.add(work);
            }
        }
        CommitWork all = CommitWork.of(works);
        String worker = worker();
        try {
            database.inTransaction(tx -> {
                all.write(tx, outbox, worker);
                if (!all.queued().isEmpty()) {
                    outbox.announce(tx);
                }
                alongside.accept(tx);
                return null;
            });
        } catch (RuntimeException | Error e) {
            committing.forEach(EngineTransaction::abandonedTogether);
            throw e;
        }
        if (!all.queued().isEmpty()) {
            wake();
        }
        List<Settlement> settlements = new java.util.ArrayList<>();
        committing.forEach(tx -> settlements.addAll(tx.committedTogether(worker)));
        recordOrKeep(settlements);
    }

    /** Swaps in a new set of definitions; events published from now on are planned against it as a whole. */
    public void load(LoadedDefinitions definitions) {
        loaded.set(Objects.requireNonNull(definitions));
    }

    /**
     * Whether every request goes to a local capturing receiver instead of its target ({@link Builder#capture}): what
     * is queued or sent reaches no target.
     */
    public boolean captures() {
        return deliveries.captures();
    }

    /** This engine's node name, as its runs and claims carry it. */
    public String node() {
        return settings.node();
    }

    /** The revision of the definitions that run now. */
    public String definitionsRevision() {
        return loaded.get().revision();
    }

    public LoadedDefinitions definitions() {
        return loaded.get();
    }

    /**
     * Sends one webhook's request for an event now, whatever its filter, mode or state says, and logs it as a
     * {@code test} run under an event id and message id of its own. A test says nothing about the webhook's health.
     *
     * @throws IllegalArgumentException when no webhook has that code
     */
    public Run testSend(String code, Event event) {
        LoadedDefinitions now = loaded.get();
        CompiledWebhook webhook = now.definitions().webhook(code)
                .orElseThrow(() -> new IllegalArgumentException("no webhook " + code + " in the definitions"));
        // A test gets an event id, so a message id, of its own: a receiver that drops repeated webhook-ids must not
        // take a test for the real delivery of the same event, nor the other way round.
        Event complete = Events.complete(event.toBuilder().id("test_" + java.util.UUID.randomUUID()).build(), clock);
        var request = new Renderer(complete).render(webhook);
        Outgoing out = new Outgoing(code, now.revision(), complete.id(), complete.type(),
                MessageIds.of(complete.id(), code), request, webhook.definition().request().signingSecrets(),
                webhook.definition().execution().timeout());
        Settlement settled = deliveries.once(out, "test", 1, Outcome.FAILED, false);
        record(List.of(settled));
        return settled.run();
    }

    /**
     * Sends a logged run's request again, as rendered then, with the same message id, as a new attempt; secrets are
     * today's. Logged as a {@code redelivery} run. A run of an ordered webhook ({@code orderedBy}) keeps its key's
     * order: see {@link #redeliver(String, boolean)}.
     *
     * @throws IllegalArgumentException when there is no such run, or its bodies were purged
     */
    public Run redeliver(String runId) {
        return redeliver(runId, false);
    }

    /**
     * {@link #redeliver(String)}, for a run of an ordered webhook: a message that blocks its key (given up with
     * {@code onFailure: 'block'}) is sent now, and lets the key go on when it succeeds. Any other goes behind the
     * messages queued for its key, logged {@code held} until its turn, unless {@code jump}: then it is sent now,
     * ahead of them. With nothing queued for its key it is sent now either way.
     *
     * @throws IllegalArgumentException when there is no such run, its bodies were purged, or (without {@code jump})
     *                                  its message is still queued and goes in its turn anyway
     */
    public Run redeliver(String runId, boolean jump) {
        Run original = runs.find(runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId));
        if (original.request().url().isEmpty()) {
            throw new IllegalArgumentException("run " + runId + " has no request to send again: " + original.error());
        }
        if (runs.bodiesPurged(runId)) {
            throw new IllegalArgumentException("run " + runId + " is older than the retention period: its body "
                    + "was purged, so it cannot be sent again");
        }
        int attempt = runs.ofMessage(original.messageId()).stream().mapToInt(Run::attempt).max().orElse(0) + 1;
        Duration timeout = loaded.get().definitions().webhook(original.webhook())
                .map(w -> w.definition().execution().timeout())
                .orElse(io.hookwright.dsl.model.ExecutionSpec.DEFAULT_TIMEOUT);
        Outgoing out = Outgoing.of(original, original.revision(), timeout);
        Optional<OutboxStore.Queued> queued = outbox.queued(original.messageId());
        if (queued.isPresent() && queued.get().blocked()) {
            return sendBlocked(out, attempt);
        }
        if (!jump) {
            Optional<String> key = queued.isPresent() ? Optional.ofNullable(queued.get().orderKey())
                    : outbox.orderKeyOf(original.messageId());
            if (key.isPresent() && queued.isPresent()) {
                throw new IllegalArgumentException("message " + original.messageId() + " is still queued behind "
                        + "earlier messages of key " + key.get() + ": it goes in its turn (redeliver it with jump to "
                        + "send it now)");
            }
            Optional<String> tail = key.flatMap(k -> outbox.tail(original.webhook(), k));
            if (tail.isPresent()) {
                return queueBehind(out, attempt, key.get(), tail.get());
            }
        }
        Settlement settled = deliveries.once(out, "redelivery", attempt, Outcome.FAILED, true);
        record(List.of(settled));
        return settled.run();
    }

    /** Sends a message that blocks its key; when it succeeds it leaves the outbox and the key's next message goes. */
    private Run sendBlocked(Outgoing out, int attempt) {
        Settlement sent = deliveries.once(out, "redelivery", attempt, Outcome.FAILED, true);
        record(List.of(sent.run().outcome() == Outcome.SUCCEEDED
                ? new Settlement(sent.run(), new Settlement.QueueStep.Unblock(out.messageId()), sent.health()) : sent));
        return sent.run();
    }

    /** Queues a redelivery at the end of its key, logged held behind the key's last message. */
    private Run queueBehind(Outgoing out, int attempt, String key, String tail) {
        Instant now = clock.instant();
        OutboxMessage message = new OutboxMessage(out.messageId(), out.webhook(), out.revision(), out.eventId(),
                out.eventType(), "redelivery", out.request(), out.signingSecrets(), out.timeout(), attempt - 1, now, now)
                .orderedBy(key);
        Run held = new Run(RunIds.next(clock), out.webhook(), out.revision(), out.eventId(),
                out.eventType(), out.messageId(), "redelivery", attempt - 1, out.request(), out.signingSecrets(), null,
                Duration.ZERO, Outcome.HELD, "held behind message " + tail + " of key " + key + ": the redelivery "
                + "was queued after the messages of its key queued before it", now, node());
        database.inTransaction(tx -> {
            outbox.enqueue(tx, List.of(message));
            runs.record(tx, List.of(held));
            outbox.announce(tx);
            return null;
        });
        wake();
        return held;
    }

    /**
     * Skips a message that blocks its key (given up with {@code onFailure: 'block'}): it leaves the outbox unsent,
     * logged {@code skipped}, and the key's next message goes.
     *
     * @throws IllegalArgumentException when there is no such run, or its message does not block a key
     */
    public Run skip(String runId) {
        Run original = runs.find(runId).orElseThrow(() -> new IllegalArgumentException("no run " + runId));
        Optional<OutboxStore.Queued> queued = outbox.queued(original.messageId());
        if (queued.isEmpty() || !queued.get().blocked()) {
            throw new IllegalArgumentException("message " + original.messageId() + " of run " + runId + " does not "
                    + "hold up its key: only a message given up with onFailure 'block' is skipped");
        }
        int attempt = runs.ofMessage(original.messageId()).stream().mapToInt(Run::attempt).max().orElse(0);
        Run skipped = new Run(RunIds.next(clock), original.webhook(), original.revision(),
                original.eventId(), original.eventType(), original.messageId(), original.mode(), attempt,
                original.request(), original.signingSecrets(), null, Duration.ZERO, Outcome.SKIPPED, "not sent: "
                + "skipped by an operator; the next message of key " + queued.get().orderKey() + " goes",
                clock.instant(), node());
        record(List.of(new Settlement(skipped, new Settlement.QueueStep.Unblock(original.messageId()),
                Settlement.UNCHANGED)));
        return skipped;
    }

    /**
     * Redelivers every message whose latest run since {@code since} failed, gave up or was skipped, and which
     * has not succeeded since: recovery after an outage. Returns the new runs. A webhook deactivated (by an operator,
     * a 410 or its failures) or disabled by its definition is left alone: recovery does not undo that.
     *
     * @param webhook only this webhook's messages; null for all
     */
    public List<Run> redeliverFailed(Instant since, String webhook) {
        return redeliverFailed(since, webhook, false).runs();
    }

    /**
     * Like {@link #redeliverFailed(Instant, String)}; the messages of a webhook that is deactivated, or disabled by
     * its definition, are left out (and counted) unless {@code includeOff}.
     */
    public Recovered redeliverFailed(Instant since, String webhook, boolean includeOff) {
        return new Recovery(runs, this::redeliver).failedSince(since, webhook, includeOff, this::offWhy);
    }

    private Recovered.Off offWhy(String code) {
        WebhookState state = states.all().get(code);
        if (state != null && !state.active()) {
            return Recovered.Off.DEACTIVATED;
        }
        return definitions().definitions().webhook(code).filter(w -> !w.definition().active())
                .map(w -> Recovered.Off.DISABLED).orElse(null);
    }

    /** {@link #activate(String, String)} by an operator not named. */
    public WebhookState activate(String code) {
        return activate(code, OPERATOR);
    }

    /**
     * Reactivates a webhook; {@code by} (an operator's or token's name) is told with the
     * {@code Hookwright:WebhookActivated} event, published in the same transaction when the webhook was inactive.
     */
    public WebhookState activate(String code, String by) {
        return changeState(code, by, OperationalKind.WEBHOOK_ACTIVATED, null);
    }

    /** {@link #deactivate(String, String, String)} by an operator not named. */
    public WebhookState deactivate(String code, String reason) {
        return deactivate(code, reason, OPERATOR);
    }

    /**
     * Deactivates a webhook for {@code reason}; {@code by} (an operator's or token's name) is told with the
     * {@code Hookwright:WebhookDeactivated} event, published in the same transaction when the webhook was active.
     */
    public WebhookState deactivate(String code, String reason, String by) {
        return changeState(code, by, OperationalKind.WEBHOOK_DEACTIVATED, Objects.requireNonNull(reason, "reason"));
    }

    /** Who activates or deactivates a webhook when the caller names no one. */
    public static final String OPERATOR = "operator";

    private WebhookState changeState(String code, String by, OperationalKind kind, String reason) {
        String who = by == null || by.isBlank() ? OPERATOR : by;
        boolean[] raised = new boolean[1];
        WebhookState state = database.inTransaction(tx -> {
            Instant now = clock.instant();
            WebhookState before = states.forChange(tx, code, now);
            boolean activating = kind == OperationalKind.WEBHOOK_ACTIVATED;
            WebhookState after = activating ? states.activate(tx, code, now, who)
                    : states.deactivate(tx, code, now, reason, who);
            if (before.active() != activating) {
                String url = definitions().definitions().webhook(code)
                        .map(w -> w.definition().request().url().source()).orElse(null);
                raised[0] = operational.raise(tx, List.of(new OperationalEvent(kind, code,
                        activating ? "activated by " + who : reason, before.consecutiveFailures(), before.lastFailure(),
                        url, null, null, who, null, null, Long.toString(now.toEpochMilli()))));
            }
            return after;
        });
        statuses.update(state);
        if (raised[0]) {
            wake();
        }
        return state;
    }

    /** Who deactivated and activated a webhook, and when, newest first. */
    public List<StateChange> trail(String code, int limit) {
        return states.trail(code, limit);
    }

    /** Every webhook's state that has one; a webhook missing here is active with no failures. */
    public Map<String, WebhookState> states() {
        return states.all();
    }

    /** The logged runs that {@code query} selects, newest first. */
    public List<Run> runs(RunQuery query) {
        return runs.list(Objects.requireNonNull(query, "query"));
    }

    /** The logged run with this id. */
    public Optional<Run> run(String id) {
        return runs.find(id);
    }

    /** Every logged attempt at one message, the first attempt first. */
    public List<Run> attempts(String messageId) {
        return runs.ofMessage(messageId);
    }

    /**
     * What these results stand at now: every webhook whose message was logged since shows its latest run (its id,
     * outcome and error) instead of what it showed when published; one rolled back or not sent stays so. One read of
     * the run log for all of them.
     */
    public List<Published> current(List<Published> results) {
        List<String> messageIds = results.stream().flatMap(p -> p.fired().stream()).map(Fired::messageId)
                .filter(Objects::nonNull).distinct().toList();
        if (messageIds.isEmpty()) {
            return results;
        }
        Map<String, LatestRun> latest = runs.latest(messageIds);
        return results.stream().map(p -> new Published(p.eventId(), p.fired().stream()
                .map(f -> f.now(f.messageId() == null ? null : latest.get(f.messageId()))).toList())).toList();
    }

    /** When each of these messages still queued is due next (a retry's time), by message id. */
    public Map<String, Instant> nextAttempts(java.util.Collection<String> messageIds) {
        return messageIds.isEmpty() ? Map.of() : outbox.nextAttempts(messageIds);
    }

    /**
     * How many attempts the webhook's message gets by its retry schedule as defined now: 1 for a sync webhook, empty
     * for a webhook no longer defined.
     */
    public Optional<Integer> attemptsAllowed(String webhook) {
        return loaded.get().definitions().webhook(webhook).map(w -> w.definition().execution().synchronous() ? 1
                : deliveries.schedule(webhook).attempts());
    }

    /** Async messages not yet delivered or given up, on every node that shares this database: a health figure. */
    public int queuedMessages() {
        return outbox.depth();
    }

    OutboxStore outbox() {
        return outbox;
    }

    DeliverySettings settings() {
        return settings;
    }

    /** Makes the workers look at the outbox now: work queued by this engine. */
    void wake() {
        dispatcher.wake();
    }

    /**
     * Waits until no async message is due, in flight, unlogged or waiting for the store to take it; false when
     * {@code timeout} passed first.
     */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        return unqueued.awaitWritten(deadline)
                && dispatcher.awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    /**
     * Deletes the runs older than the retention period, message by message (a message's attempts go together, once
     * its latest is that old), in batches of {@value #RETENTION_BATCH}; a message still queued keeps its runs.
     * Returns how many runs went; 0 when runs are kept for ever. The keys kept for redelivering ordered messages that
     * old go too.
     */
    public int deleteOldRuns() {
        if (retention == null) {
            return 0;
        }
        try {
            Instant cutoff = clock.instant().minus(retention);
            outbox.forgetKeysBefore(cutoff);
            int deleted = runs.deleteOlderThan(cutoff, RETENTION_BATCH);
            if (deleted > 0) {
                LOG.info("deleted " + deleted + " run(s) older than the retention period of " + retention.toDays() + " days");
            }
            return deleted;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "deleting runs older than the retention period failed: " + e.getMessage());
            return 0;
        }
    }

    /**
     * Stops claiming, lets deliveries in flight finish for up to 10 s, writes their runs, waits for a purge under way,
     * and stops.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AutoCloseable subscription : subscriptions) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "unsubscribing failed", e);
            }
        }
        unqueued.close();
        dispatcher.close();
        writer.close();
        if (housekeeping != null) {
            housekeeping.shutdownNow();
            // A refresh or purge under way does not heed the interrupt; once close returns, the database is left alone.
            try {
                if (!housekeeping.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warning("housekeeping did not stop within 10 s of closing the engine");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    Clock clock() {
        return clock;
    }

    Deliveries deliveries() {
        return deliveries;
    }

    WebhookStatuses statuses() {
        return statuses;
    }

    EngineObserver observer() {
        return observer;
    }

    Ledger ledger() {
        return ledger;
    }

    /** The stores' side of the host's transaction on {@code connection}. */
    StoreTransaction on(Connection connection) {
        return database.on(connection);
    }

    /** This engine's worker id now: what the records of sync-after-commit webhooks are claimed by. */
    String worker() {
        return dispatcher.worker();
    }

    /**
     * Writes a committed transaction's after-commit work on the engine's own connection, for a host whose connection
     * could not. False when the store refused it: its async messages are kept and written again, and its
     * sync-after-commit webhooks are sent without a record.
     */
    boolean writeAfterCommit(CommitWork work, String worker) {
        try {
            database.inTransaction(tx -> {
                work.write(tx, outbox, worker);
                if (!work.queued().isEmpty()) {
                    outbox.announce(tx);
                }
                return null;
            });
            return true;
        } catch (RuntimeException e) {
            LOG.warning("the engine's store " + database.where() + " failed after a host's commit: "
                    + work.queued().size() + " async message(s) are kept in memory and written again, "
                    + work.held().size() + " sync-after-commit webhook(s) are sent without a record: " + e.getMessage());
            if (!work.queued().isEmpty()) {
                observer.afterCommitFailed(EngineObserver.AfterCommitWrite.MESSAGES, work.queued().size());
                unqueued.keep(work.queued());
            }
            if (!work.held().isEmpty()) {
                observer.afterCommitFailed(EngineObserver.AfterCommitWrite.RECORDS, work.held().size());
            }
            return false;
        }
    }

    /** Writes messages of committed transactions and announces them; the retry of {@link UnqueuedMessages}. */
    private void queueAfterCommit(List<OutboxMessage> messages) {
        database.inTransaction(tx -> {
            outbox.enqueue(tx, messages);
            outbox.announce(tx);
            return null;
        });
    }

    /** Writes settlements of runs made in a caller's thread. */
    void record(List<Settlement> settlements) {
        ledger.write(settlements).forEach(this::deactivated);
    }

    /**
     * Writes settlements of runs made in a caller's thread whose transaction has ended, and never throws: what the
     * store refuses goes to the settlement writer, which writes it again until it is taken.
     */
    void recordOrKeep(List<Settlement> settlements) {
        if (settlements.isEmpty()) {
            return;
        }
        try {
            record(settlements);
        } catch (RuntimeException e) {
            LOG.warning("the engine's store " + database.where() + " refused " + settlements.size() + " run(s) of a "
                    + "transaction that has ended; they are kept and written again: " + e.getMessage());
            observer.afterCommitFailed(EngineObserver.AfterCommitWrite.RUNS, settlements.size());
            settlements.forEach(s -> writer.add(s, () -> { }));
        }
    }

    /** Gives a record this engine will not send back to the dispatcher. */
    void release(String worker, String messageId) {
        try {
            outbox.releaseClaims(worker, List.of(messageId));
            dispatcher.wake();
        } catch (RuntimeException e) {
            LOG.warning("message " + messageId + " stays claimed until this node restarts: " + e.getMessage());
        }
    }

    private void deactivated(WebhookState state) {
        statuses.update(state);
        LOG.warning("webhook " + state.code() + " deactivated: " + state.deactivationReason());
    }

    private void refreshStatuses() {
        try {
            statuses.refresh();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "refreshing webhook states failed: " + e.getMessage());
        }
    }

    /** Builds an engine; everything but the database and definitions has a default. */
    public static final class Builder {
        private final Database database;
        private final LoadedDefinitions definitions;
        private Secrets secrets = Secrets.none();
        private TargetPolicy targetPolicy = new TargetPolicy(List.of(), false);
        private Clock clock = Clock.systemUTC();
        private RetrySchedule retrySchedule = RetrySchedule.DEFAULT;
        private int deactivateAfter = 20;
        private List<Integer> failuresRising = FailureWarnings.DEFAULT_PERCENTS;
        private int maxResponseBody = 64 * 1024;
        private Duration retention = Duration.ofDays(30);
        private DeliverySettings delivery = DeliverySettings.defaults();
        private RandomGenerator random = new SecureRandom();
        private java.net.URI capture;
        private EngineObserver observer = EngineObserver.NONE;

        private Builder(Database database, LoadedDefinitions definitions) {
            this.database = Objects.requireNonNull(database, "database");
            this.definitions = Objects.requireNonNull(definitions, "definitions");
        }

        public Builder secrets(Secrets value) {
            secrets = value;
            return this;
        }

        public Builder targetPolicy(TargetPolicy value) {
            targetPolicy = value;
            return this;
        }

        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        /** The schedule of webhooks whose definition has no {@code retry}. */
        public Builder retrySchedule(RetrySchedule value) {
            retrySchedule = value;
            return this;
        }

        /** Consecutive failures that deactivate a webhook (default 20). */
        public Builder deactivateAfter(int failures) {
            if (failures < 1) {
                throw new IllegalArgumentException("deactivateAfter must be at least 1");
            }
            deactivateAfter = failures;
            return this;
        }

        /**
         * The shares of {@link #deactivateAfter} (percentages, 1 to 99) at which failures in a row publish
         * {@code Hookwright:FailuresRising} (default 50, 70 and 90); none for no warnings.
         */
        public Builder failuresRising(List<Integer> percents) {
            new FailureWarnings(deactivateAfter, percents);
            failuresRising = List.copyOf(percents);
            return this;
        }

        /** Characters of a response body kept in the run log (default 64 Ki). */
        public Builder maxResponseBody(int characters) {
            maxResponseBody = characters;
            return this;
        }

        /**
         * How long runs are kept (default 30 days): a started engine deletes older ones every hour, with their
         * request and response bodies, except those of messages still queued; null keeps them for ever.
         */
        public Builder retention(Duration value) {
            if (value != null && (value.isNegative() || value.isZero())) {
                throw new IllegalArgumentException("retention must be longer than zero, or null to keep runs for ever");
            }
            retention = value;
            return this;
        }

        public Builder delivery(DeliverySettings value) {
            delivery = value;
            return this;
        }

        /**
         * Sends every request to this local receiver instead of its target, which is named in a header: for demos
         * and trials. The receiver must be allowed by the target policy.
         */
        public Builder capture(java.net.URI receiver) {
            capture = receiver;
            return this;
        }

        /** Told of every event and attempt, e.g. for metrics; with observers given before, each told in turn. */
        public Builder observer(EngineObserver value) {
            observer = observer == EngineObserver.NONE ? value : EngineObserver.both(observer, value);
            return this;
        }

        public Builder random(RandomGenerator value) {
            random = value;
            return this;
        }

        public Engine build() {
            return new Engine(this);
        }
    }
}
