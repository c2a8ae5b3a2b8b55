package io.hookwright.samples;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.hookwright.definitions.CompiledDefinitions;
import io.hookwright.definitions.DefinitionCompiler;
import io.hookwright.dsl.load.DefinitionLoader;
import io.hookwright.dryrun.DryRun;
import io.hookwright.dryrun.DryRunReport;
import io.hookwright.dryrun.WebhookOutcome;
import io.hookwright.dsl.model.Header;
import io.hookwright.dsl.model.Template;
import io.hookwright.dsl.model.WebhookDefinition;
import io.hookwright.event.Event;
import io.hookwright.event.EventJson;
import io.hookwright.render.Secrets;
import io.hookwright.workspace.Workspace;
import io.hookwright.workspace.WorkspaceEntity;
import io.hookwright.workspace.WorkspaceEvents;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The samples folder as the tests see it: the definitions compiled once, the workspace, events built the way
 * {@code hookwright dry-run} builds them (at a fixed instant), and every secret the samples name set to a
 * recognisable value.
 */
final class Samples {
    /** Every secret the README says the definitions name; {@link SamplesValidateTest} checks it is exactly those. */
    static final Map<String, String> SECRETS = secretValues();
    /** The instant every sample event happens at. */
    static final Instant NOW = Instant.parse("2026-03-02T09:30:00.123Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static final Pattern SECRET_USE = Pattern.compile("secrets\\.([A-Za-z0-9_]+)");
    private static DefinitionCompiler.Compilation compilation;
    private static Workspace workspace;

    private Samples() {
    }

    private static Map<String, String> secretValues() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("PPM_TOKEN", "s3cr3t-ppm");
        values.put("SP_TOKEN", "s3cr3t-sharepoint");
        values.put("ERP_TOKEN", "s3cr3t-erp");
        values.put("FINANCE_TOKEN", "s3cr3t-finance");
        values.put("CONTROLLING_SIGNING", "whsec_s3cr3tControlling");
        values.put("COTALKER_SIGNING", "whsec_s3cr3tCotalker");
        values.put("ADMIN_SIGNING", "whsec_s3cr3tAdmin");
        values.put("ADMIN_SIGNING_NEXT", "whsec_s3cr3tAdminNext");
        values.put("AUDIT_SIGNING", "whsec_s3cr3tAudit");
        values.put("OPS_CHAT_PATH", "T000/B000/s3cr3tChat");
        return Map.copyOf(values);
    }

    /** The samples module folder, whether the tests run from it (Maven) or from the repository root (an IDE). */
    static Path home() {
        for (Path candidate : List.of(Path.of(""), Path.of("samples"))) {
            Path absolute = candidate.toAbsolutePath().normalize();
            if (Files.isDirectory(absolute.resolve("webhooks")) && Files.isDirectory(absolute.resolve("workspace"))) {
                return absolute;
            }
        }
        throw new IllegalStateException("cannot find samples/webhooks and samples/workspace from "
                + System.getProperty("user.dir"));
    }

    static Path webhooksFolder() {
        return home().resolve("webhooks");
    }

    static Path workspaceFolder() {
        return home().resolve("workspace");
    }

    static synchronized DefinitionCompiler.Compilation compilation() {
        if (compilation == null) {
            // The samples' verdicts are under test here, not the machine's speed: where { } gets a generous limit.
            compilation = new DefinitionCompiler(new DefinitionLoader(Duration.ofSeconds(10),
                    DefinitionLoader.DEFAULT_FILE_LIMIT)).compile(webhooksFolder());
        }
        return compilation;
    }

    static CompiledDefinitions definitions() {
        DefinitionCompiler.Compilation c = compilation();
        if (!c.valid()) {
            fail("the samples do not compile: " + c.errors());
        }
        return c.definitions();
    }

    static List<WebhookDefinition> webhooks() {
        return definitions().rules().webhooks();
    }

    static WebhookDefinition webhook(String code) {
        return definitions().rules().find(code).orElseThrow(() -> new AssertionError("no sample webhook " + code));
    }

    static synchronized Workspace workspace() {
        if (workspace == null) {
            workspace = Workspace.load(workspaceFolder());
        }
        return workspace;
    }

    /** As {@code dry-run (--project KEY | --entity TYPE:ID) --event TYPE [--set F=V]… [--as LOGIN]} builds it. */
    static Event event(WorkspaceEntity entity, String type, List<String> sets, String as) {
        return new WorkspaceEvents(workspace(), CLOCK).build(entity, type, sets, as);
    }

    static Event event(String entity, String type, String... sets) {
        return event(workspace().entity(entity), type, List.of(sets), null);
    }

    static Event eventAs(String as, String entity, String type, String... sets) {
        return event(workspace().entity(entity), type, List.of(sets), as);
    }

    static DryRunReport dryRun(Event event) {
        return new DryRun(definitions(), Secrets.of(SECRETS)).run(event);
    }

    static WebhookOutcome outcome(DryRunReport report, String code) {
        return report.webhooks().stream().filter(w -> w.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError(code + " does not listen to " + report.event().type()
                        + "; listening: " + report.webhooks().stream().map(WebhookOutcome::code).toList()));
    }

    /** The outcome of a webhook that must have matched and rendered without error. */
    static WebhookOutcome matched(DryRunReport report, String code) {
        WebhookOutcome outcome = outcome(report, code);
        assertTrue(outcome.matched(), code + " should match " + report.event().type() + ": " + outcome.reasons());
        assertEquals(null, outcome.error(), code + " failed to render");
        assertNotNull(outcome.request(), code + " has no request");
        return outcome;
    }

    static Object parseJson(String text) {
        try {
            return EventJson.MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not valid JSON: " + e.getOriginalMessage() + "\n" + text, e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> jsonObject(String text) {
        Object parsed = parseJson(text);
        if (!(parsed instanceof Map<?, ?>)) {
            throw new AssertionError("not a JSON object: " + text);
        }
        return (Map<String, Object>) parsed;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value, String what) {
        if (!(value instanceof Map<?, ?>)) {
            throw new AssertionError(what + " is not a JSON object: " + value);
        }
        return (Map<String, Object>) value;
    }

    /** A value as it reads once written as JSON and parsed back (so numbers and nulls compare like for like). */
    static Object viaJson(Object value) {
        try {
            return EventJson.MAPPER.readValue(EventJson.MAPPER.writeValueAsString(value), Object.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    static String toJson(Object value) {
        try {
            return EventJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    /** Every template a webhook uses: URL, headers and body. */
    static List<Template> templates(WebhookDefinition webhook) {
        List<Template> templates = new ArrayList<>();
        templates.add(webhook.request().url());
        webhook.request().headers().stream().map(Header::value).forEach(templates::add);
        webhook.request().body().ifPresent(templates::add);
        return templates;
    }

    /** Secret names a webhook reads in its templates ({@code secrets.NAME}) or signs with. */
    static Set<String> secretNames(WebhookDefinition webhook) {
        Set<String> names = new TreeSet<>(webhook.request().signingSecrets());
        for (Template template : templates(webhook)) {
            Matcher m = SECRET_USE.matcher(template.source());
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
