package io.hookwright.match;

import io.hookwright.dsl.model.Criterion;
import io.hookwright.dsl.model.EventPattern;
import io.hookwright.dsl.model.WebhookDefinition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds the webhooks an event fires. Webhooks are indexed by the event types they listen to (exact types,
 * {@code Entity:*}, {@code *:Action}, {@code *:*}), so an event costs the webhooks listening to its type,
 * not all webhooks.
 *
 * <p>Every index is keyed by what the definitions wrote; nothing is kept per event type seen, so events with
 * ever new types cannot grow the matcher's memory.
 */
public final class Matcher {
    private final List<WebhookDefinition> webhooks;
    private final Map<String, List<Integer>> exact = new HashMap<>();
    private final Map<String, List<Integer>> byEntity = new HashMap<>();
    private final Map<String, List<Integer>> byAction = new HashMap<>();
    private final List<Integer> any = new ArrayList<>();
    private final CriterionEvaluator evaluator = new CriterionEvaluator();

    public Matcher(List<WebhookDefinition> webhooks) {
        this.webhooks = List.copyOf(webhooks);
        for (int i = 0; i < this.webhooks.size(); i++) {
            for (EventPattern pattern : this.webhooks.get(i).events()) {
                boolean anyEntity = pattern.entity().equals(EventPattern.ANY);
                boolean anyAction = pattern.action().equals(EventPattern.ANY);
                if (anyEntity && anyAction) {
                    any.add(i);
                } else if (anyEntity) {
                    byAction.computeIfAbsent(pattern.action(), k -> new ArrayList<>()).add(i);
                } else if (anyAction) {
                    byEntity.computeIfAbsent(pattern.entity(), k -> new ArrayList<>()).add(i);
                } else {
                    exact.computeIfAbsent(pattern.toString(), k -> new ArrayList<>()).add(i);
                }
            }
        }
    }

    /** Whether any webhook listens to an event type: as {@link #listening} is not empty, with nothing built. */
    public boolean hears(String type) {
        if (!any.isEmpty() || exact.containsKey(type)) {
            return true;
        }
        return byEntity.containsKey(entity(type)) || byAction.containsKey(action(type));
    }

    /** The webhooks listening to an event type, in the order they were declared: a few map look-ups, kept nowhere. */
    public List<WebhookDefinition> listening(String type) {
        TreeSet<Integer> found = new TreeSet<>();
        found.addAll(exact.getOrDefault(type, List.of()));
        found.addAll(byEntity.getOrDefault(entity(type), List.of()));
        found.addAll(byAction.getOrDefault(action(type), List.of()));
        found.addAll(any);
        return found.stream().map(webhooks::get).toList();
    }

    /** {@code Project} of {@code Project:Updated}; the whole type when it has no colon. */
    private static String entity(String type) {
        int colon = type.indexOf(':');
        return colon < 0 ? type : type.substring(0, colon);
    }

    /** {@code Updated} of {@code Project:Updated}; empty when the type has no colon. */
    private static String action(String type) {
        int colon = type.indexOf(':');
        return colon < 0 ? "" : type.substring(colon + 1);
    }

    /** The webhooks the event fires, in declaration order; stops judging a webhook at its first failing criterion. */
    public List<WebhookDefinition> matching(EventView event) {
        List<WebhookDefinition> matched = new ArrayList<>();
        for (WebhookDefinition webhook : listening(event.event().type())) {
            if (fires(webhook, event)) {
                matched.add(webhook);
            }
        }
        return matched;
    }

    private boolean fires(WebhookDefinition webhook, EventView event) {
        if (!webhook.active() || !tenantHolds(webhook, event)) {
            return false;
        }
        for (Criterion criterion : webhook.filter()) {
            if (!evaluator.evaluate(criterion, event).holds()) {
                return false;
            }
        }
        return true;
    }

    /** Judges every webhook listening to the event and explains each answer in full. */
    public List<Verdict> judge(EventView event) {
        return listening(event.event().type()).stream().map(w -> judge(w, event)).toList();
    }

    public Verdict judge(WebhookDefinition webhook, EventView event) {
        List<String> failed = new ArrayList<>();
        List<String> held = new ArrayList<>();
        if (!webhook.active()) {
            failed.add("webhook " + webhook.code() + " is inactive (active false)");
        }
        if (webhook.tenant().isPresent()) {
            String tenant = event.event().tenant();
            if (tenantHolds(webhook, event)) {
                held.add("tenant is " + tenant);
            } else {
                failed.add("tenant " + (tenant == null ? "(none)" : tenant) + " is not " + webhook.tenant().get());
            }
        }
        for (Criterion criterion : webhook.filter()) {
            Explanation explanation = evaluator.evaluate(criterion, event);
            (explanation.holds() ? held : failed).add(explanation.text());
        }
        return failed.isEmpty() ? new Verdict(webhook, true, held) : new Verdict(webhook, false, failed);
    }

    private static boolean tenantHolds(WebhookDefinition webhook, EventView event) {
        return webhook.tenant().map(t -> t.equals(event.event().tenant())).orElse(true);
    }
}
