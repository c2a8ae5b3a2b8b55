package io.hookwright.execution;

import io.hookwright.errors.WebhookVetoedException;
import io.hookwright.delivery.Settlement;
import io.hookwright.dsl.model.ExecutionSpec;
import io.hookwright.dsl.model.TransactionMode;
import io.hookwright.dsl.model.WebhookDefinition;
import io.hookwright.event.Event;
import io.hookwright.event.Events;
import io.hookwright.match.EventView;
import io.hookwright.outbox.OutboxMessage;
import io.hookwright.render.MessageIds;
import io.hookwright.render.RenderException;
import io.hookwright.render.RenderedRequest;
import io.hookwright.render.Renderer;
import io.hookwright.runlog.Outcome;
import io.hookwright.state.WebhookState;
import org.jooq.exception.DataAccessException;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The engine's side of one host transaction: {@code try (var tx = engine.begin(connection)) { …host writes…;
 * tx.publish(event); tx.commit(); }}. What each matching webhook does depends on its mode (the README's execution
 * table): sync-inside ones are sent from {@link #publish} and a failure vetoes the commit; async-inside ones are
 * written to the outbox on the host's connection; after-commit ones wait for {@link #commit} and vanish on rollback.
 * Runs of sync-inside webhooks are logged when the transaction ends either way, on the engine's own connection, so
 * a vetoed run stays logged after the rollback. Not thread-safe: one transaction, one thread, as JDBC has it.
 */
public final class EngineTransaction implements AutoCloseable {
    private enum State { OPEN, COMMITTED, ROLLED_BACK }

    static final String QUEUED = "queued";
    static final String AFTER_COMMIT = "after-commit";
    static final String ROLLED_BACK = "rolled-back";

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
    private IllegalStateException notQueued;
    private State state = State.OPEN;
    /** The REST caller whose events these are; null for the host's own. Event ids are unique per caller only. */
    private final String caller;

    /** A sync-after-commit webhook waiting for the commit, and where its result goes. */
    private record Waiting(Outgoing out, List<Fired> fired, int index) {
    }

    /**
     * @param connection the host's connection, or null for {@link Engine#publish}: no host transaction, treated as
     *                   committed, with async-inside messages queued on the engine's own connection
     * @param caller     the REST caller whose events these are, or null for the host's own (the Java API)
     */
    EngineTransaction(Engine engine, Connection connection, String caller) throws SQLException {
        this.engine = engine;
        this.connection = connection;
        this.caller = caller;
        this.restoreAutoCommit = connection != null && connection.getAutoCommit();
        if (restoreAutoCommit) {
            connection.setAutoCommit(false);
        }
    }

    /**
     * Fires the event's matching webhooks against the definitions loaded now. Returns what each did so far: after-commit
     * webhooks show {@code after-commit} until the commit. When a sync-inside webhook fails, the transaction becomes
     * rollback-only and {@link #commit} throws; the returned result shows the veto.
     *
     * @throws IllegalStateException when the transaction has ended or was already vetoed, or when async-inside
     *                               messages cannot be queued on the host's connection (then it is rollback-only)
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
        Event complete = Events.complete(event, engine.clock());
        LoadedDefinitions loaded = engine.definitions();
        List<WebhookDefinition> matched = loaded.definitions().matcher().matching(new EventView(complete));
        engine.observer().published(complete.type(), matched.size());
        Renderer renderer = new Renderer(complete);
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
            fired.replaceAll(f -> f.status().equals(QUEUED) || f.status().equals(AFTER_COMMIT)
                    ? new Fired(f.webhook(), f.mode(), f.messageId(), ROLLED_BACK, null, null) : f);
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
        try {
            request = renderer.render(loaded.definitions().compiled(code));
        } catch (RenderException e) {
            Settlement failed = engine.deliveries().renderFailed(code, loaded.revision(), event.id(), event.type(),
                    messageId, mode, webhook.request().method(), vetoes ? Outcome.VETOED : Outcome.FAILED, e.getMessage());
            if (vetoes) {
                loggedEitherWay.add(failed);
                veto = new WebhookVetoedException(code, failed.run().id(), "its request could not be rendered: " + e.getMessage());
            } else {
                loggedOnCommit.add(failed);
            }
            fired.add(new Fired(code, mode, messageId, failed.run().outcome().word(), failed.run().id(), e.getMessage()));
            return;
        }
        Outgoing out = new Outgoing(code, loaded.revision(), event.id(), event.type(), messageId, request,
                webhook.request().signingSecrets(), spec.timeout());
        Optional<WebhookState> off = engine.statuses().deactivated(code);
        if (off.isPresent()) {
            Settlement skipped = engine.deliveries().skipped(out, mode, 1, off.get(), Settlement.NOT_QUEUED);
            loggedOnCommit.add(skipped);
            fired.add(new Fired(code, mode, messageId, Outcome.SKIPPED.word(), skipped.run().id(), skipped.run().error()));
            return;
        }
        if (!spec.synchronous()) {
            Instant now = engine.clock().instant();
            OutboxMessage message = new OutboxMessage(messageId, code, loaded.revision(), event.id(), event.type(), mode,
                    request, webhook.request().signingSecrets(), spec.timeout(), 0, now, now);
            (isInside ? inside : queuedOnCommit).add(message);
            fired.add(new Fired(code, mode, messageId, QUEUED, null, null));
        } else if (!isInside) {
            fired.add(new Fired(code, mode, messageId, AFTER_COMMIT, null, null));
            sentOnCommit.add(new Waiting(out, fired, fired.size() - 1));
        } else {
            int index = fired.size();
            fired.add(null);
            sendNow.add(() -> fired.set(index, sendInside(out, mode)));
        }
    }

    private Fired sendInside(Outgoing out, String mode) {
        if (veto != null) {
            return new Fired(out.webhook(), mode, out.messageId(), "not-sent", null,
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
        return new Fired(run.webhook(), run.mode(), run.messageId(), run.outcome().word(), run.id(), run.error());
    }

    private void queueOnHostConnection(List<OutboxMessage> messages) {
        try {
            engine.outbox().enqueue(engine.dsl(connection), messages);
        } catch (DataAccessException e) {
            List<String> webhooks = messages.stream().map(OutboxMessage::webhook).toList();
            notQueued = new IllegalStateException("could not queue async-inside webhook"
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
     * Commits the host's transaction, then queues the after-commit async messages, wakes the workers and sends the
     * sync-after-commit webhooks in this thread.
     *
     * @throws WebhookVetoedException when a sync-inside webhook failed: the host's transaction has been rolled back
     * @throws IllegalStateException  when async-inside messages could not be queued on the host's connection: the
     *                                host's transaction has been rolled back
     * @throws SQLException           when the host's commit failed: nothing after-commit happens
     */
    public void commit() throws SQLException {
        requireOpen();
        if (veto != null) {
            rollback();
            throw veto;
        }
        if (notQueued != null) {
            rollback();
            throw new IllegalStateException("the host's transaction was rolled back: " + notQueued.getMessage(),
                    notQueued);
        }
        if (connection != null) {
            try {
                if (queuedInside) {
                    announceQueued();
                }
                connection.commit();
            } catch (SQLException e) {
                end(State.ROLLED_BACK);
                markRolledBack();
                engine.record(loggedEitherWay);
                throw e;
            }
        }
        end(State.COMMITTED);
        boolean queued = queuedInside;
        if (!queuedOnCommit.isEmpty()) {
            engine.queueAfterCommit(queuedOnCommit);
            queued = true;
        }
        if (queued) {
            engine.wake();
        }
        List<Settlement> settlements = new ArrayList<>(loggedEitherWay);
        settlements.addAll(loggedOnCommit);
        for (Waiting waiting : sentOnCommit) {
            Settlement settled = engine.deliveries().once(waiting.out(), waiting.fired().get(waiting.index()).mode(), 1,
                    Outcome.FAILED, true);
            settlements.add(settled);
            waiting.fired().set(waiting.index(), fired(settled.run()));
        }
        engine.record(settlements);
    }

    /** Wakes every node when the host's transaction commits, once for all the messages it queued. */
    private void announceQueued() throws SQLException {
        try {
            engine.outbox().announce(engine.dsl(connection));
        } catch (DataAccessException e) {
            connection.rollback();
            throw new SQLException("the host's transaction could not be completed: " + e.getMessage(), e);
        }
    }

    /** Rolls the host's transaction back: nothing after-commit happens; sync-inside runs already sent stay logged. */
    public void rollback() throws SQLException {
        requireOpen();
        try {
            if (connection != null) {
                connection.rollback();
            }
        } finally {
            end(State.ROLLED_BACK);
            markRolledBack();
            engine.record(loggedEitherWay);
        }
    }

    /** Rolls back unless committed or rolled back already. */
    @Override
    public void close() throws SQLException {
        if (state == State.OPEN) {
            rollback();
        }
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("the transaction was already " + (state == State.COMMITTED ? "committed" : "rolled back"));
        }
    }

    private void end(State to) throws SQLException {
        state = to;
        if (restoreAutoCommit) {
            connection.setAutoCommit(true);
        }
    }
}
