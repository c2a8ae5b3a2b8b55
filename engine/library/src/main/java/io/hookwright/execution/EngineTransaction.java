package io.hookwright.execution;

import io.hookwright.errors.NotQueuedException;
import io.hookwright.errors.StoreUnavailableException;
import io.hookwright.errors.WebhookVetoedException;
import io.hookwright.delivery.Settlement;
import io.hookwright.execution.Fired.Status;
import io.hookwright.dsl.model.ExecutionSpec;
import io.hookwright.dsl.model.TransactionMode;
import io.hookwright.dsl.model.WebhookDefinition;
import io.hookwright.event.Event;
import io.hookwright.event.Events;
import io.hookwright.match.EventView;
import io.hookwright.match.Matcher;
import io.hookwright.outbox.OutboxMessage;
import io.hookwright.render.CompiledWebhook;
import io.hookwright.render.MessageIds;
import io.hookwright.render.RenderException;
import io.hookwright.render.RenderedRequest;
import io.hookwright.render.Renderer;
import io.hookwright.runlog.Outcome;
import io.hookwright.state.WebhookState;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine's side of one host transaction: {@code try (var tx = engine.begin(connection)) { …host writes…;
 * tx.publish(event); tx.commit(); }}. What each matching webhook does depends on its mode (the README's execution
 * table): sync-inside ones are sent from {@link #publish} and a failure vetoes the commit; async-inside ones are
 * written to the outbox on the host's connection; after-commit ones wait for {@link #commit} and vanish on rollback.
 * Runs of sync-inside webhooks are logged when the transaction ends either way, on the engine's own connection, so
 * a vetoed run stays logged after the rollback. Not thread-safe: one transaction, one thread, as JDBC has it.
 *
 * <p>{@link #commit} throws only before the host's commit succeeded. The after-commit work ({@link CommitWork}: the
 * async-after-commit messages and a record of each sync-after-commit webhook) is written in the host's transaction,
 * just before its commit, whenever the host's connection can write the engine's tables (under a savepoint, so a
 * connection to another database leaves the host's transaction as it was): it then commits or vanishes with the
 * host's data. The sync-after-commit webhooks are sent in this thread after the commit, each record removed with its
 * run; a record left by a crash is sent by the dispatcher once the claim is released. A host connection to another
 * database (or none) has the work written after the commit on the engine's connection; what the store refuses then,
 * and every run written after the commit, is kept in memory and written again (see {@link Engine}), never thrown.
 */
public final class EngineTransaction implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EngineTransaction.class.getName());

    private enum State { OPEN, COMMITTED, ROLLED_BACK }

    private final Engine engine;
    private final Connection connection;
    private final boolean restoreAutoCommit;
    private final List<Settlement> loggedEitherWay = new ArrayList<>();
    private final List<Settlement> loggedOnCommit = new ArrayList<>();
    private final List<OutboxMessage> queuedOnCommit = new ArrayList<>();
    private final List<Waiting> sentOnCommit = new ArrayList<>();
    private final java.util.Map<String, List<Fired>> results = new java.util.LinkedHashMap<>();
    private boolean queuedInside;
    private WebhookVetoedException veto;
    /** Why async-inside messages are missing from the host's transaction: committing it would lose them. */
    private NotQueuedException notQueued;
    private State state = State.OPEN;
    /** The REST caller whose events these are; null for the host's own. Event ids are unique per caller only. */
    private final String caller;

    /** A sync-after-commit webhook waiting for the commit, its record in the outbox, and where its result goes. */
    private record Waiting(Outgoing out, OutboxMessage record, List<Fired> fired, int index) {
    }

    /**
     * @param connection the host's connection
     * @param caller     the REST caller whose events these are, or null for the host's own (the Java API)
     */
    EngineTransaction(Engine engine, Connection connection, String caller) throws SQLException {
        this.engine = engine;
        this.connection = connection;
        this.caller = caller;
        this.restoreAutoCommit = connection.getAutoCommit();
        if (restoreAutoCommit) {
            connection.setAutoCommit(false);
        }
    }

    /** The engine's side of an {@link OwnTransaction}: no host connection. */
    EngineTransaction(Engine engine, String caller) {
        this.engine = engine;
        this.connection = null;
        this.caller = caller;
        this.restoreAutoCommit = false;
    }

    /**
     * Fires the event's matching webhooks against the definitions loaded now. Returns what each did so far: after-commit
     * webhooks show {@code after-commit} until the commit. When a sync-inside webhook fails, the transaction becomes
     * rollback-only and {@link #commit} throws; the returned result shows the veto.
     *
     * @throws NotQueuedException   when async-inside messages cannot be queued on the host's connection: it is
     *                               rollback-only now
     * @throws IllegalStateException when the transaction has ended or is rollback-only
     */
    public Published publish(Event event) {
        if (state != State.OPEN) {
            throw new IllegalStateException("the transaction has ended; begin a new one to publish");
        }
        if (veto != null) {
            throw new IllegalStateException("the transaction is rollback-only: " + veto.getMessage());
        }
        if (notQueued != null) {
            throw new IllegalStateException("the transaction is rollback-only: " + notQueued.getMessage(), notQueued);
        }
        LoadedDefinitions loaded = engine.definitions();
        Matcher matcher = loaded.definitions().matcher();
        boolean heard = event.type() == null || matcher.hears(event.type());
        Event complete = heard ? Events.complete(event, engine.clock()) : Events.completeUnheard(event, engine.clock());
        List<WebhookDefinition> matched = heard ? matcher.matching(new EventView(complete)) : List.of();
        engine.observer().published(complete.type(), matched.size());
        // Only for an event that matched: building the renderer's data model costs more than matching.
        Renderer renderer = matched.isEmpty() ? null : new Renderer(complete);
        List<Fired> fired = new ArrayList<>(matched.size());
        List<OutboxMessage> inside = new ArrayList<>();
        List<Runnable> sendNow = new ArrayList<>();
        for (WebhookDefinition webhook : matched) {
            plan(webhook, complete, loaded, renderer, fired, inside, sendNow);
        }
        if (!inside.isEmpty()) {
            if (connection == null) {
                queuedOnCommit.addAll(inside);
            } else {
                queueOnHostConnection(inside);
            }
        }
        sendNow.forEach(Runnable::run);
        results.put(complete.id(), fired);
        return new Published(complete.id(), fired);
    }

    /** What an event published in this transaction did, as it stands now (after-commit webhooks included once sent). */
    Published result(String eventId) {
        return new Published(eventId, results.getOrDefault(eventId, List.of()));
    }

    /**
     * What every event published in this transaction did, as it stands now: after the commit, sync-after-commit
     * webhooks show their outcome; after a rollback, what was waiting for the commit shows {@code rolled-back}.
     */
    public List<Published> results() {
        return results.entrySet().stream().map(e -> new Published(e.getKey(), e.getValue())).toList();
    }

    private void markRolledBack() {
        for (List<Fired> fired : results.values()) {
                fired.replaceAll(f -> f.status().waitsForCommit()
                    ? new Fired(f.webhook(), f.mode(), f.messageId(), Status.ROLLED_BACK, null, null) : f);
        }
    }

    private void plan(WebhookDefinition webhook, Event event, LoadedDefinitions loaded, Renderer renderer,
                      List<Fired> fired, List<OutboxMessage> inside, List<Runnable> sendNow) {
        ExecutionSpec spec = webhook.execution();
        String code = webhook.code();
        String mode = spec.mode();
        boolean isInside = spec.transaction() == TransactionMode.INSIDE;
        boolean vetoes = spec.synchronous() && isInside;
        // Identifiers hold no control characters (EventLimits), so caller and id cannot run into each other.
        String messageId = MessageIds.of(caller == null ? event.id() : caller + "\u0000" + event.id(), code);
        RenderedRequest request;
        String orderKey;
        try {
            CompiledWebhook compiled = loaded.definitions().compiled(code);
            request = renderer.render(compiled, messageId);
            orderKey = spec.synchronous() ? null : renderer.orderKey(compiled, messageId);
        } catch (RenderException e) {
            Settlement failed = engine.deliveries().renderFailed(code, loaded.revision(), event.id(), event.type(),
                    messageId, mode, webhook.request().method(), vetoes ? Outcome.VETOED : Outcome.FAILED, e.getMessage());
            if (vetoes) {
                loggedEitherWay.add(failed);
                veto = new WebhookVetoedException(code, failed.run().id(), "its request could not be rendered: " + e.getMessage());
            } else {
                loggedOnCommit.add(failed);
            }
            fired.add(new Fired(code, mode, messageId, Status.of(failed.run().outcome()), failed.run().id(), e.getMessage()));
            return;
        }
        Outgoing out = new Outgoing(code, loaded.revision(), event.id(), event.type(), messageId, request,
                webhook.request().signingSecrets(), spec.timeout());
        Optional<WebhookState> off = engine.statuses().deactivated(code);
        if (off.isPresent()) {
            Settlement skipped = engine.deliveries().skipped(out, mode, 1, off.get(), Settlement.NOT_QUEUED);
            loggedOnCommit.add(skipped);
            fired.add(new Fired(code, mode, messageId, Status.SKIPPED, skipped.run().id(), skipped.run().error()));
            return;
        }
        Instant now = engine.clock().instant();
        OutboxMessage message = new OutboxMessage(messageId, code, loaded.revision(), event.id(), event.type(), mode,
                request, webhook.request().signingSecrets(), spec.timeout(), 0, now, now);
        if (orderKey != null) {
            message = message.orderedBy(orderKey);
        }
        if (!spec.synchronous()) {
            (isInside ? inside : queuedOnCommit).add(message);
            fired.add(new Fired(code, mode, messageId, Status.QUEUED, null, null));
        } else if (!isInside) {
            fired.add(new Fired(code, mode, messageId, Status.AFTER_COMMIT, null, null));
            sentOnCommit.add(new Waiting(out, message, fired, fired.size() - 1));
        } else {
            int index = fired.size();
            fired.add(null);
            sendNow.add(() -> fired.set(index, sendInside(out, mode)));
        }
    }

    private Fired sendInside(Outgoing out, String mode) {
        if (veto != null) {
            return new Fired(out.webhook(), mode, out.messageId(), Status.NOT_SENT, null,
                    "the transaction was already vetoed by " + veto.webhook());
        }
        Settlement settled = engine.deliveries().once(out, mode, 1, Outcome.VETOED, true);
        loggedEitherWay.add(settled);
        var run = settled.run();
        if (run.outcome() == Outcome.VETOED) {
            veto = new WebhookVetoedException(out.webhook(), run.id(), run.error());
        }
        return fired(run);
    }

    private static Fired fired(io.hookwright.runlog.Run run) {
        return new Fired(run.webhook(), run.mode(), run.messageId(), Status.of(run.outcome()), run.id(), run.error());
    }

    private void queueOnHostConnection(List<OutboxMessage> messages) {
        try {
            engine.outbox().enqueue(engine.on(connection), messages);
        } catch (StoreUnavailableException e) {
            List<String> webhooks = messages.stream().map(OutboxMessage::webhook).toList();
            notQueued = new NotQueuedException(webhooks, "could not queue async-inside webhook"
                    + (webhooks.size() > 1 ? "s " : " ") + String.join(", ", webhooks)
                    + " on the host's connection: it must be a connection to the engine's database ("
                    + e.getMessage() + ")", e);
            throw notQueued;
        }
        queuedInside = true;
    }

    /** True once a sync-inside webhook has failed: {@link #commit} will roll back and throw. */
    public boolean vetoed() {
        return veto != null;
    }

    /**
     * Commits the host's transaction, with the after-commit work written in it when its connection is on the engine's
     * database; then wakes the workers and sends the sync-after-commit webhooks in this thread. Once the host's commit
     * succeeded this returns normally, whatever the engine's store does: what it cannot write now is written later.
     *
     * @throws WebhookVetoedException when a sync-inside webhook failed: the host's transaction has been rolled back
     * @throws NotQueuedException     when async-inside messages could not be queued on the host's connection: the
     *                                host's transaction has been rolled back
     * @throws SQLException           when the host's commit failed: nothing after-commit happens
     */
    public void commit() throws SQLException {
        requireOpen();
        RuntimeException refused = refusal();
        if (refused != null) {
            rollback();
            throw refused;
        }
        CommitWork work = work();
        String worker = engine.worker();
        boolean written = work.isEmpty();
        try {
            written = written || writeInHostTransaction(work, worker);
            if (queuedInside || (written && !work.queued().isEmpty())) {
                announceQueued();
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            endRolledBack();
            throw e;
        }
        state = State.COMMITTED;
        restoreAutoCommit();
        afterCommit(work, written, worker);
    }

    /** {@link #commit} of a transaction without a host connection ({@link OwnTransaction}): only a veto throws. */
    void commitWithoutHost() {
        requireOpen();
        RuntimeException refused = refusal();
        if (refused != null) {
            endRolledBack();
            throw refused;
        }
        CommitWork work = work();
        state = State.COMMITTED;
        afterCommit(work, work.isEmpty(), engine.worker());
    }

    /**
     * The first half of committing with others in one store transaction ({@link Engine#commitTogether}): a vetoed
     * transaction ends rolled back here and gives null; else its after-commit work, for the caller to write.
     */
    CommitWork prepareTogether() {
        requireOpen();
        if (refusal() != null) {
            endRolledBack();
            return null;
        }
        return work();
    }

    /**
     * The second half, once the store has committed the prepared work: sends the sync-after-commit webhooks, their
     * records claimed by {@code worker}. Returns every settlement to record, for the caller to write for them all.
     */
    List<Settlement> committedTogether(String worker) {
        state = State.COMMITTED;
        return settleAfterCommit(worker);
    }

    /** The store did not commit the prepared work: it ends rolled back; sync-inside runs already sent stay logged. */
    void abandonedTogether() {
        endRolledBack();
    }

    /** The sync-inside webhook's veto, once one has vetoed it. */
    WebhookVetoedException veto() {
        return veto;
    }

    /** What makes the transaction rollback-only, as {@link #commit} throws it; null when it may commit. */
    private RuntimeException refusal() {
        if (veto != null) {
            return veto;
        }
        if (notQueued != null) {
            return new NotQueuedException(notQueued.webhooks(), "the host's transaction was rolled back: "
                    + notQueued.getMessage(), notQueued);
        }
        return null;
    }

    private CommitWork work() {
        return new CommitWork(queuedOnCommit, sentOnCommit.stream().map(Waiting::record).toList());
    }

    /**
     * Writes the after-commit work in the host's transaction, under a savepoint: false, with the transaction as it was
     * before, when the connection cannot write the engine's tables (another database).
     */
    private boolean writeInHostTransaction(CommitWork work, String worker) throws SQLException {
        Savepoint before;
        try {
            before = connection.setSavepoint();
        } catch (SQLException e) {
            return false;
        }
        try {
            work.write(engine.on(connection), engine.outbox(), worker);
            return true;
        } catch (StoreUnavailableException e) {
            connection.rollback(before);
            LOG.log(Level.FINE, "the host's connection cannot write the engine's tables; the after-commit work is "
                    + "written after the commit: " + e.getMessage());
            return false;
        }
    }

    /** The host's data is committed: nothing here throws; what the store refuses is kept and written later. */
    private void afterCommit(CommitWork work, boolean written, String worker) {
        boolean recorded = written || engine.writeAfterCommit(work, worker);
        if (queuedInside || !work.queued().isEmpty()) {
            engine.wake();
        }
        engine.recordOrKeep(settleAfterCommit(recorded ? worker : null));
    }

    /** Sends the sync-after-commit webhooks (records claimed by {@code worker}, null: none); returns what to record. */
    private List<Settlement> settleAfterCommit(String worker) {
        List<Settlement> settlements = new ArrayList<>(loggedEitherWay);
        settlements.addAll(loggedOnCommit);
        for (Waiting waiting : sentOnCommit) {
            send(waiting, worker).ifPresent(settlements::add);
        }
        return settlements;
    }

    /**
     * Sends a sync-after-commit webhook; its settlement removes its record, claimed by {@code worker} (null: no
     * record). Empty when the engine failed inside: the record, released, is the dispatcher's to send.
     */
    private Optional<Settlement> send(Waiting waiting, String worker) {
        String mode = waiting.fired().get(waiting.index()).mode();
        try {
            Settlement settled = engine.deliveries().once(waiting.out(), mode, 1, Outcome.FAILED, true);
            waiting.fired().set(waiting.index(), fired(settled.run()));
            return Optional.of(worker == null ? settled : new Settlement(settled.run(),
                    new Settlement.QueueStep.Remove(waiting.out().messageId(), worker), settled.health()));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "sending sync-after-commit webhook " + waiting.out().webhook() + " failed inside the "
                    + "engine" + (worker == null ? "" : "; the dispatcher sends it"), e);
            if (worker != null) {
                engine.release(worker, waiting.out().messageId());
            }
            return Optional.empty();
        }
    }

    /** Wakes every node when the host's transaction commits, once for all the messages it queued. */
    private void announceQueued() throws SQLException {
        try {
            engine.outbox().announce(engine.on(connection));
        } catch (StoreUnavailableException e) {
            connection.rollback();
            throw new SQLException("the host's transaction could not be completed: " + e.getMessage(), e);
        }
    }

    /**
     * Rolls the host's transaction back: nothing after-commit happens; sync-inside runs already sent stay logged.
     *
     * @throws SQLException when the host's rollback failed
     */
    public void rollback() throws SQLException {
        requireOpen();
        try {
            connection.rollback();
        } finally {
            endRolledBack();
        }
    }

    /** {@link #rollback} of a transaction without a host connection ({@link OwnTransaction}). */
    void rollbackWithoutHost() {
        requireOpen();
        endRolledBack();
    }

    private void endRolledBack() {
        state = State.ROLLED_BACK;
        restoreAutoCommit();
        markRolledBack();
        engine.recordOrKeep(loggedEitherWay);
    }

    /** Rolls back unless committed or rolled back already. */
    @Override
    public void close() throws SQLException {
        if (state == State.OPEN) {
            rollback();
        }
    }

    boolean open() {
        return state == State.OPEN;
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("the transaction was already " + (state == State.COMMITTED ? "committed" : "rolled back"));
        }
    }

    /** After a failed commit: the host's transaction must not stay open, whatever state the failure left it in. */
    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "rolling back after a failed commit failed too: " + e.getMessage());
        }
    }

    /** Gives the host's connection back as it came; a failure here changes nothing about how the transaction ended. */
    private void restoreAutoCommit() {
        if (restoreAutoCommit) {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                LOG.warning("could not turn auto-commit back on for the host's connection: " + e.getMessage());
            }
        }
    }
}
