package io.hookwright.dryrun;

import io.hookwright.definitions.DefinitionCompiler;
import io.hookwright.event.Entity;
import io.hookwright.event.Event;
import io.hookwright.event.EventJson;
import io.hookwright.event.Initiator;
import io.hookwright.render.Secrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dry-run of an event with absurd numbers and huge texts, as the Java API or a workspace file can hand it over:
 * the report is built promptly, its reasons are short, and its text and JSON forms are written without expanding
 * anything.
 */
class DryRunHostileDataTest {
    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    @TempDir
    Path folder;

    private DryRunReport dryRun(Map<String, Object> attributes, Map<String, Object> before) throws IOException {
        Files.writeString(folder.resolve("hooks.groovy"), """
                webhook('budget') {
                    on 'Project:Updated'
                    filter { field('Budget') > 10_000; field('Name').matches '^AI' }
                    request { post 'https://example.com/budget' }
                }
                webhook('changed') {
                    on 'Project:Updated'
                    filter { changed('Budget').to(0) }
                    request { post 'https://example.com/changed' }
                }
                """);
        DefinitionCompiler.Compilation compilation = new DefinitionCompiler().compile(folder);
        assertTrue(compilation.valid(), compilation.errors()::toString);
        // as the dry-run gets it, without the limits every way in checks first: its own bounds are tested on their own
        Event event = Event.builder("Project:Updated").id("e-1").timestamp(Instant.parse("2026-11-23T10:00:00Z"))
                .tenant("acme").initiator(new Initiator("u-1", "Anna Doe", "anna"))
                .entity(new Entity("Project", "p-1", "DEMO", attributes)).before(before)
                .changes(io.hookwright.event.Events.changes(before, attributes)).build();
        return assertTimeoutPreemptively(PROMPTLY, () -> new DryRun(compilation.definitions(), Secrets.none()).run(event));
    }

    @Test
    void absurdNumbersAndHugeTextAreExplainedShortly() throws IOException {
        String name = "AI " + "n".repeat(479_997);
        DryRunReport report = dryRun(Map.of("Budget", new BigDecimal("-1e999999999"), "Name", name),
                Map.of("Budget", new BigDecimal("1e-999999999"), "Name", name));
        assertEquals(List.of("Budget -1E+999999999 is not > 10000",
                        "Name 'AI " + "n".repeat(77) + "…' (480,000 characters) could not be matched against /^AI/: "
                                + "a regular expression reads at most 100,000 characters"),
                report.webhooks().get(0).reasons());
        assertEquals(List.of("Budget changed from 1E-999999999 to -1E+999999999, not to 0"), report.webhooks().get(1).reasons());

        String text = assertTimeoutPreemptively(PROMPTLY, () -> TextReport.format(report));
        assertTrue(text.contains("changed Budget: 1E-999999999 -> -1E+999999999"), text);
        assertTrue(text.length() < 2_000, "the text report repeats no huge value: " + text.length());
        String json = assertTimeoutPreemptively(PROMPTLY, () -> EventJson.write(report.toJson()));
        assertTrue(json.contains("-1E+999999999"), "numbers in the event JSON stay in scientific notation");
        assertTrue(json.length() < 2 * 480_000 + 5_000, "the name is in the event JSON, not in every reason: " + json.length());
    }
}
