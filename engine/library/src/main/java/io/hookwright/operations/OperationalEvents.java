package io.hookwright.operations;

import io.hookwright.definitions.CompiledDefinitions;
import io.hookwright.dsl.model.ExecutionSpec;
import io.hookwright.dsl.model.WebhookDefinition;
import io.hookwright.event.Entity;
import io.hookwright.event.Event;
import io.hookwright.event.Initiator;
import io.hookwright.match.EventView;
import io.hookwright.outbox.OutboxMessage;
import io.hookwright.outbox.OutboxStore;
import io.hookwright.render.MessageIds;
import io.hookwright.render.RenderException;
import io.hookwright.render.RenderedRequest;
import io.hookwright.render.Renderer;
import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import io.hookwright.runlog.RunIds;
import io.hookwright.runlog.RunLog;
import io.hookwright.store.StoreTransaction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes {@code Hookwright:*} events through the definitions' own matching, in the store transaction that makes
 * the change they tell of: their messages are queued exactly when that change commits, once (their ids derive from
 * the cause). Every matching webhook's request goes through the outbox, whatever its mode, after the change; a
 * synchronous webhook gets its one attempt there. The webhook an event is about never receives it, so a webhook's
 * own failures are never sent to it.
 */
public final class OperationalEvents {
    private static final Logger LOG = Logger.getLogger(OperationalEvents.class.getName());
    /** The definitions the engine runs now, and their revision. */
    public record Definitions(CompiledDefinitions definitions, String revision) {
    }

    /** The type of the entity every operational event is about. */
    public static final String ENTITY_TYPE = "Webhook";

    /** Raises nothing: for ledgers that tell no one. */
    public static final OperationalEvents NONE = new OperationalEvents(null, null, null, null, null);

    private final Supplier<Definitions> definitions;
    private final OutboxStore outbox;
    private final RunLog runs;
    private final Clock clock;
    private final String node;

    public OperationalEvents(Supplier<Definitions> definitions, OutboxStore outbox, RunLog runs, Clock clock,
                             String node) {
        this.definitions = definitions;
        this.outbox = outbox;
        this.runs = runs;
        this.clock = clock;
        this.node = node;
    }

    /**
     * Queues the messages of {@code events} in {@code tx}, and logs the requests that could not be rendered.
     * Returns true when it queued any (the caller wakes the workers once {@code tx} has committed).
     */
    public boolean raise(StoreTransaction tx, List<OperationalEvent> events) {
        if (definitions == null || events.isEmpty()) {
            return false;
        }
        Definitions current = definitions.get();
        Instant now = clock.instant();
        List<OutboxMessage> queued = new ArrayList<>();
        List<Run> failed = new ArrayList<>();
        for (OperationalEvent raised : events) {
            try {
                plan(raised, current, now, queued, failed);
            } catch (RuntimeException e) {
                // Never the store's failure (nothing here writes): a batch of settlements must not fail for it.
                LOG.log(Level.WARNING, "the " + raised.kind().type() + " event about webhook " + raised.webhook()
                        + " was not published: " + e.getMessage(), e);
            }
        }
        if (!failed.isEmpty()) {
            runs.record(tx, failed);
        }
        if (queued.isEmpty()) {
            return false;
        }
        outbox.enqueue(tx, queued);
        outbox.announce(tx);
        return true;
    }

    /** Matches one event and renders its requests: into {@code queued}, or a failed run into {@code failed}. */
    private void plan(OperationalEvent raised, Definitions current, Instant now, List<OutboxMessage> queued,
                      List<Run> failed) {
        Event event = event(raised, current.definitions(), now);
        List<WebhookDefinition> matched = current.definitions().matcher().matching(new EventView(event));
        Renderer renderer = null;
        for (WebhookDefinition webhook : matched) {
            if (webhook.code().equals(raised.webhook())) {
                continue;
            }
            renderer = renderer == null ? new Renderer(event) : renderer;
            String messageId = MessageIds.of(event.id(), webhook.code());
            ExecutionSpec spec = webhook.execution();
            try {
                RenderedRequest request = renderer.render(current.definitions().compiled(webhook.code()), messageId);
                queued.add(new OutboxMessage(messageId, webhook.code(), current.revision(), event.id(), event.type(),
                        spec.mode(), request, webhook.request().signingSecrets(), spec.timeout(), 0, now, now));
            } catch (RenderException e) {
                failed.add(new Run(RunIds.next(clock), webhook.code(), current.revision(), event.id(), event.type(),
                        messageId, spec.mode(), 1, new RenderedRequest(webhook.request().method(), "", List.of(), null),
                        List.of(), null, Duration.ZERO, Outcome.FAILED, "not sent: " + e.getMessage(), now, node));
            }
        }
    }

    /** The event, about the webhook and in its tenant, every text shown with its secrets masked. */
    static Event event(OperationalEvent raised, CompiledDefinitions definitions, Instant now) {
        String tenant = definitions.webhook(raised.webhook()).flatMap(w -> w.definition().tenant()).orElse(null);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("reason", Masked.text(raised.reason()));
        attributes.put("failures", raised.failures());
        attributes.put("lastError", Masked.text(raised.lastError()));
        attributes.put("url", Masked.url(raised.url()));
        attributes.put("runId", raised.runId());
        attributes.put("messageId", raised.messageId());
        attributes.put("by", raised.by());
        if (raised.percent() != null) {
            attributes.put("percent", raised.percent());
            attributes.put("threshold", raised.threshold());
        }
        return Event.builder(raised.kind().type()).id(raised.eventId()).timestamp(now).tenant(tenant)
                .initiator(new Initiator(raised.by(), raised.by(), null))
                .entity(new Entity(ENTITY_TYPE, raised.webhook(), raised.webhook(), attributes))
                .build();
    }
}
