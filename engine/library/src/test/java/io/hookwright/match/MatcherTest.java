package io.hookwright.match;

import io.hookwright.dsl.model.RuleSet;
import io.hookwright.dsl.model.WebhookDefinition;
import io.hookwright.event.Event;
import io.hookwright.event.EventJson;
import io.hookwright.testwait.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which webhooks listen to an event type, and which of them fire. */
class MatcherTest {
    @TempDir
    Path folder;

    private RuleSet rules() {
        return Rules.load(folder, """
                webhook('exact') { on 'Task:Updated'; request { post 'https://e/' } }
                webhook('any_task') { on 'Task:*'; request { post 'https://e/' } }
                webhook('any_deleted') { on '*:Deleted'; request { post 'https://e/' } }
                webhook('everything') { on '*:*'; request { post 'https://e/' } }
                webhook('two_events') { on 'Idea:Created', 'Task:Deleted'; request { post 'https://e/' } }
                webhook('acme_only') { on 'Task:Updated'; tenant 'acme'; request { post 'https://e/' } }
                webhook('switched_off') { on 'Task:Updated'; active false; request { post 'https://e/' } }
                webhook('big_tasks') { on 'Task:Updated'; filter { field('Effort') > 10 }; request { post 'https://e/' } }
                """);
    }

    private static List<String> codes(List<WebhookDefinition> webhooks) {
        return webhooks.stream().map(WebhookDefinition::code).toList();
    }

    @Test
    void listenersByExactTypeAndWildcardsInDeclarationOrder() {
        Matcher matcher = new Matcher(rules().webhooks());
        assertEquals(List.of("exact", "any_task", "everything", "acme_only", "switched_off", "big_tasks"),
                codes(matcher.listening("Task:Updated")));
        assertEquals(List.of("any_task", "any_deleted", "everything", "two_events"), codes(matcher.listening("Task:Deleted")));
        assertEquals(List.of("any_deleted", "everything"), codes(matcher.listening("KeyDate:Deleted")));
        assertEquals(List.of("everything", "two_events"), codes(matcher.listening("Idea:Created")));
        assertEquals(List.of("everything"), codes(matcher.listening("Portfolio:Archived")));
    }

    @Test
    void aTypeIsHeardExactlyWhenSomeWebhookListensToIt() {
        RuleSet rules = Rules.load(folder, """
                webhook('exact') { on 'Task:Updated'; request { post 'https://e/' } }
                webhook('any_idea') { on 'Idea:*'; request { post 'https://e/' } }
                webhook('any_deleted') { on '*:Deleted'; request { post 'https://e/' } }
                """);
        Matcher matcher = new Matcher(rules.webhooks());
        for (String type : List.of("Task:Updated", "Task:Created", "Idea:Created", "Idea", "KeyDate:Deleted", "Deleted",
                "Task:Updated:More", ":Deleted", "Task:", "Portfolio:Archived")) {
            assertEquals(!matcher.listening(type).isEmpty(), matcher.hears(type), type);
        }
        assertTrue(new Matcher(rules().webhooks()).hears("Portfolio:Archived"), "*:* hears every type");
    }

    @Test
    void matchingSkipsInactiveOtherTenantsAndFailedFilters() {
        Matcher matcher = new Matcher(rules().webhooks());
        Event globex = event("globex", 3);
        assertEquals(List.of("exact", "any_task", "everything"), codes(matcher.matching(new EventView(globex))));
        Event acme = event("acme", 30);
        assertEquals(List.of("exact", "any_task", "everything", "acme_only", "big_tasks"),
                codes(matcher.matching(new EventView(acme))));
    }

    @Test
    void judgeExplainsTenantAndInactive() {
        Matcher matcher = new Matcher(rules().webhooks());
        Map<String, Verdict> verdicts = new java.util.HashMap<>();
        matcher.judge(new EventView(event("globex", 3))).forEach(v -> verdicts.put(v.webhook().code(), v));
        assertFalse(verdicts.get("acme_only").matched());
        assertEquals(List.of("tenant globex is not acme"), verdicts.get("acme_only").reasons());
        assertEquals(List.of("webhook switched_off is inactive (active false)"), verdicts.get("switched_off").reasons());
        assertEquals(List.of("Effort 3 is not > 10"), verdicts.get("big_tasks").reasons());
    }

    @Test
    void judgeAndMatchingAgree() {
        Matcher matcher = new Matcher(rules().webhooks());
        for (Event event : List.of(event("acme", 30), event("globex", 3), event(null, 11))) {
            EventView view = new EventView(event);
            List<String> judged = matcher.judge(view).stream().filter(Verdict::matched).map(v -> v.webhook().code()).toList();
            assertEquals(codes(matcher.matching(view)), judged);
        }
    }

    @Test
    void eventsWithEverNewLongTypesMatchByTheirWildcards() {
        Matcher matcher = new Matcher(rules().webhooks());
        for (int i = 0; i < 300; i++) {
            String noise = i + "x".repeat(480_000);
            assertEquals(List.of("any_task", "everything"), codes(matcher.listening("Task:" + noise)));
            assertEquals(List.of("any_deleted", "everything"), codes(matcher.listening(noise + ":Deleted")));
            assertEquals(List.of("everything"), codes(matcher.listening(noise + ":" + noise)));
            assertEquals(List.of("everything"), codes(matcher.listening(noise)));
        }
        assertEquals(List.of("exact", "any_task", "everything", "acme_only", "switched_off", "big_tasks"),
                codes(matcher.listening("Task:Updated")));
        assertEquals(List.of("any_task", "any_deleted", "everything", "two_events"), codes(matcher.listening("Task:Deleted")));
    }

    @Test
    void theMatcherKeepsNothingOfTheEventTypesItWasAskedAbout() {
        Matcher matcher = new Matcher(rules().webhooks());
        List<WeakReference<String>> types = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String type = "Task:" + i + "y".repeat(480_000);
            assertEquals(List.of("any_task", "everything"), codes(matcher.listening(type)));
            types.add(new WeakReference<>(type));
        }
        Await.until(Duration.ofSeconds(10), () -> {
            System.gc();
            return types.stream().allMatch(t -> t.get() == null);
        }, () -> types.stream().filter(t -> t.get() != null).count() + " event types still held after matching: "
                + "the matcher keeps them");
    }

    @Test
    void eventsOfManyDistinctTypesFireTheirWildcardListeners() {
        Matcher matcher = new Matcher(rules().webhooks());
        for (int i = 0; i < 1_000; i++) {
            Event task = Rules.created("Task:Action" + i, Map.of("Effort", 30));
            assertEquals(List.of("any_task", "everything"), codes(matcher.matching(new EventView(task))));
            Event deleted = Rules.created("Thing" + i + ":Deleted", Map.of());
            assertEquals(List.of("any_deleted", "everything"), codes(matcher.matching(new EventView(deleted))));
        }
        assertEquals(List.of("exact", "any_task", "everything", "acme_only", "big_tasks"),
                codes(matcher.matching(new EventView(event("acme", 30)))));
    }

    private static Event event(String tenant, int effort) {
        return EventJson.parse("""
                {"id": "e", "type": "Task:Updated", "timestamp": "2026-11-23T10:00:00Z", %s
                 "entity": {"type": "Task", "id": "t-1", "attributes": {"Effort": %d}}}
                """.formatted(tenant == null ? "" : "\"tenant\": \"" + tenant + "\",", effort));
    }
}
