package io.hookwright.samples;

import io.hookwright.dryrun.DryRunReport;
import io.hookwright.dryrun.TextReport;
import io.hookwright.dryrun.WebhookOutcome;
import io.hookwright.dsl.model.WebhookDefinition;
import io.hookwright.render.SecretRefs;
import io.hookwright.samples.SampleScenarios.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With every secret the samples name set, no dry-run of them shows a secret's value, in JSON or in text. */
class SamplesSecretMaskingTest {
    static List<Scenario> scenarios() {
        return SampleScenarios.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void noSecretValueIsShown(Scenario scenario) {
        DryRunReport report = Samples.dryRun(scenario.event());
        String json = Samples.toJson(report.toJson());
        String text = TextReport.format(report);
        for (Map.Entry<String, String> secret : Samples.SECRETS.entrySet()) {
            assertFalse(json.contains(secret.getValue()), secret.getKey() + "'s value is in the JSON report of "
                    + scenario + ":\n" + json);
            assertFalse(text.contains(secret.getValue()), secret.getKey() + "'s value is in the text report of "
                    + scenario + ":\n" + text);
            assertFalse(String.valueOf(report).contains(secret.getValue()), secret.getKey()
                    + "'s value is in the report's toString");
        }
        assertEquals(Set.of(), SecretRefs.names(json), "secret references left in the JSON report");
        assertEquals(Set.of(), SecretRefs.names(text), "secret references left in the text report");

        for (WebhookOutcome outcome : report.webhooks()) {
            if (outcome.request() == null) {
                continue;
            }
            String authorization = outcome.request().headerMap().get("Authorization");
            if (authorization != null) {
                assertEquals("Bearer " + SecretRefs.MASK, authorization, outcome.code() + "'s Authorization header");
                assertTrue(text.contains("Authorization: Bearer " + SecretRefs.MASK), "text shows the masked header");
            }
        }
    }

    /** The masking above is exercised: every webhook that puts a secret in its request is shown, masked. */
    @Test
    void everyWebhookUsingASecretIsShownMasked() {
        Set<String> usingSecrets = Samples.webhooks().stream()
                .filter(w -> Samples.templates(w).stream().anyMatch(t -> t.source().contains("secrets.")))
                .map(WebhookDefinition::code).collect(Collectors.toCollection(TreeSet::new));
        Set<String> shownMasked = new TreeSet<>();
        for (Scenario scenario : scenarios()) {
            for (WebhookOutcome outcome : Samples.dryRun(scenario.event()).webhooks()) {
                if (outcome.request() != null && (outcome.request().url().contains(SecretRefs.MASK)
                        || outcome.request().headers().stream().anyMatch(h -> h.value().contains(SecretRefs.MASK)))) {
                    shownMasked.add(outcome.code());
                }
            }
        }
        assertEquals(Set.of("budget_approval", "erp_project_done", "ops_chat_alerts", "ppm_idea_updated",
                "ppm_keydate_updated", "ppm_project_created", "ppm_task_deleted", "sharepoint_space"), usingSecrets);
        assertEquals(usingSecrets, shownMasked);
    }
}
