package io.hookwright.samples;

import io.hookwright.dryrun.DryRunReport;
import io.hookwright.dryrun.WebhookOutcome;
import io.hookwright.dsl.model.WebhookDefinition;
import io.hookwright.event.Event;
import io.hookwright.render.MessageIds;
import io.hookwright.samples.SampleScenarios.Reason;
import io.hookwright.samples.SampleScenarios.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dry-runs of the samples README, run against the sample workspace: which webhooks match, why key others do
 * not, and that every matched request renders. Together they run every sample definition.
 */
class SampleScenariosTest {
    static List<Scenario> scenarios() {
        return SampleScenarios.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void dryRun(Scenario scenario) {
        Event event = scenario.event();
        DryRunReport report = Samples.dryRun(event);
        String shown = scenario + "\n" + io.hookwright.dryrun.TextReport.format(report);

        for (WebhookOutcome outcome : report.webhooks()) {
            // A where { } closure stopped by its time limit says nothing about the sample; fail saying so.
            assertTrue(outcome.reasons().stream().noneMatch(r -> r.contains("longer than its")), outcome.code()
                    + ": a where { } closure hit its time limit, so this verdict is not the sample's: " + shown);
        }

        Set<String> matched = report.webhooks().stream().filter(WebhookOutcome::matched).map(WebhookOutcome::code)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(scenario.matched()), matched, "matched webhooks of " + shown);

        for (Reason expected : scenario.reasons()) {
            WebhookOutcome outcome = Samples.outcome(report, expected.code());
            assertFalse(outcome.matched(), expected.code() + " should not match: " + shown);
            assertTrue(outcome.reasons().stream().anyMatch(expected::accepts), expected.code() + " should give "
                    + expected + " but gave " + outcome.reasons() + "\n" + shown);
        }

        for (WebhookOutcome outcome : report.webhooks()) {
            if (!outcome.matched()) {
                assertNull(outcome.request(), outcome.code() + " did not match but has a request");
                assertFalse(outcome.reasons().isEmpty(), outcome.code() + " did not match and gives no reason");
                continue;
            }
            assertNull(outcome.error(), outcome.code() + " failed to render: " + shown);
            assertNotNull(outcome.request(), outcome.code() + " matched but has no request");
            assertEquals(List.of(), outcome.missingSecrets(), outcome.code()
                    + " needs secrets the samples README does not list");
            var request = outcome.request();
            assertTrue(request.url().startsWith("https://"), outcome.code() + " posts to " + request.url());
            String contentType = request.headerMap().getOrDefault("Content-Type", "");
            if (contentType.toLowerCase().contains("json")) {
                assertNotNull(request.body(), outcome.code() + " declares JSON but has no body");
                Samples.parseJson(request.body());
            }
            String idempotencyKey = request.headerMap().get("Idempotency-Key");
            if (idempotencyKey != null) {
                assertEquals(MessageIds.of(event.id(), outcome.code()), idempotencyKey,
                        outcome.code() + "'s Idempotency-Key is its message id");
            }
        }
    }

    /** Every sample webhook is run by a test: matched by some scenario, except the inactive one, shown inactive. */
    @Test
    void everySampleWebhookIsMatchedBySomeScenario() {
        Set<String> matched = new TreeSet<>();
        Set<String> shownInactive = new TreeSet<>();
        for (Scenario scenario : scenarios()) {
            for (WebhookOutcome outcome : Samples.dryRun(scenario.event()).webhooks()) {
                if (outcome.matched()) {
                    matched.add(outcome.code());
                } else if (outcome.reasons().contains("webhook " + outcome.code() + " is inactive (active false)")) {
                    shownInactive.add(outcome.code());
                }
            }
        }
        Set<String> active = Samples.webhooks().stream().filter(WebhookDefinition::active).map(WebhookDefinition::code)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> inactive = Samples.webhooks().stream().filter(w -> !w.active()).map(WebhookDefinition::code)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(active, matched, "webhooks matched by the scenarios");
        assertEquals(Set.of("admin_groups"), inactive, "inactive sample webhooks");
        assertEquals(inactive, shownInactive, "inactive webhooks a scenario shows as inactive");
    }

    /** The README's dry-run lines are all scenarios here, so what the README promises is what is tested. */
    @Test
    void everyDryRunOfTheReadmeIsAScenario() throws IOException {
        List<List<String>> readme = new ArrayList<>();
        for (String line : Files.readAllLines(Samples.home().resolve("README.md"))) {
            String command = line.strip();
            int comment = command.indexOf('#');
            if (comment >= 0) {
                command = command.substring(0, comment).strip();
            }
            if (command.startsWith("dry-run ")) {
                readme.add(SampleScenarios.arguments(command.substring("dry-run ".length())));
            }
        }
        assertTrue(readme.size() >= 18, "the README's dry-run list: " + readme.size() + " lines");
        List<List<String>> tested = scenarios().stream().map(Scenario::arguments).toList();
        List<List<String>> untested = readme.stream().filter(a -> !tested.contains(a)).toList();
        assertEquals(List.of(), untested, "README dry-runs with no scenario");
    }
}
