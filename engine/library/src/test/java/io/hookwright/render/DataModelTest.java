package io.hookwright.render;

import io.hookwright.definitions.CompiledDefinitions;
import io.hookwright.event.Event;
import io.hookwright.event.EventJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every variable templates see (the README's "Templates") renders as documented. */
class DataModelTest {
    @TempDir
    Path root;

    /** Renders {@code template} as the (plain text) body of a webhook, for {@code event}. */
    private String body(String template, Event event) {
        RenderFixture fixture = new RenderFixture(root)
                .template("t.ftl", template)
                .file("hooks.groovy", RenderFixture.webhook("probe", event.type(), """
                        post 'https://example.com/hook'
                        body template('t.ftl')
                        """));
        CompiledDefinitions definitions = fixture.compileValid();
        return new Renderer(event).render(definitions.compiled("probe")).body();
    }

    private String body(String template) {
        return body(template, RenderFixture.event());
    }

    @Test
    void eventVariables() {
        String rendered = body("""
                id=${event.id}
                type=${event.type}
                timestamp=${event.timestamp}
                millis=${event.timestampMillis}
                tenant=${event.tenant}
                entityType=${event.entityType}
                action=${event.action}
                """);
        long millis = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();
        assertEquals("""
                id=evt-1
                type=Project:Updated
                timestamp=2026-11-23T10:00:00Z
                millis=%d
                tenant=acme
                entityType=Project
                action=Updated
                """.formatted(millis), rendered);
    }

    @Test
    void timestampIsIsoEvenWithFractionsAndParsesBack() {
        Event event = RenderFixture.event(RenderFixture.EVENT_JSON.replace("2026-11-23T10:00:00Z", "2026-11-23T10:00:00.250Z"));
        String rendered = body("${event.timestamp}|${event.timestampMillis}", event);
        assertEquals("2026-11-23T10:00:00.250Z|" + Instant.parse("2026-11-23T10:00:00.250Z").toEpochMilli(), rendered);
    }

    @Test
    void initiatorVariables() {
        assertEquals("u-1|Anna Doe|anna.doe@company.com", body("${initiator.userId}|${initiator.name}|${initiator.login}"));
    }

    @Test
    void entityVariables() {
        assertEquals("Project|p-1|DEMO|Done|5000",
                body("${entity.type}|${entity.id}|${entity.key}|${entity.attributes.Status}|${entity.attributes.Budget}"));
    }

    @Test
    void attributesCanBeListedInTheirOrder() {
        assertEquals("Status,Budget,Rate,Big,Digital,Tags,Owner,Manager,Name,",
                body("<#list entity.attributes as name, value>${name},</#list>"));
    }

    @Test
    void beforeHoldsThePreviousAttributes() {
        assertEquals("On track|4000|{\"Status\":\"On track\",\"Budget\":4000}",
                body("${before.Status}|${before.Budget}|${json(before)}"));
    }

    @Test
    void beforeIsNullWhenTheEventCarriesNone() {
        Event created = RenderFixture.event("""
                {"id": "evt-2", "type": "Project:Created", "timestamp": "2026-11-23T10:00:00Z",
                 "entity": {"type": "Project", "id": "p-1", "key": "DEMO", "attributes": {"Status": "New"}}}
                """);
        assertEquals("null|no before|0|null",
                body("${json(before)}|<#if before??>has before<#else>no before</#if>|${changes?size}|${json(parent)}", created));
    }

    @Test
    void changesListEachChangedFieldWithPreviousAndCurrent() {
        String rendered = body("<#list changes as c>${c.field}:${json(c.previous)}->${json(c.current)};</#list>");
        assertEquals("Status:\"On track\"->\"Done\";Budget:4000->5000;", rendered);
    }

    @Test
    void changesAsJson() throws Exception {
        String rendered = body("${json(changes)}");
        assertEquals(List.of(Map.of("field", "Status", "previous", "On track", "current", "Done"),
                        Map.of("field", "Budget", "previous", 4000, "current", 5000)),
                EventJson.MAPPER.readValue(rendered, List.class));
    }

    @Test
    void changeToAndFromNullIsNull() {
        Event event = RenderFixture.event("""
                {"id": "evt-3", "type": "Project:Updated", "timestamp": "2026-11-23T10:00:00Z",
                 "entity": {"type": "Project", "id": "p-1", "attributes": {"Manager": "Bob"}},
                 "before": {"Manager": null}}
                """);
        assertEquals("Manager:null->\"Bob\";|(none)",
                body("<#list changes as c>${c.field}:${json(c.previous)}->${json(c.current)};</#list>|${c!'(none)'}", event));
    }

    @Test
    void parentVariables() {
        assertEquals("Portfolio|pf-1|DIGITAL", body("${parent.type}|${parent.id}|${parent.key}"));
    }

    @Test
    void parentIsNullWithoutOne() {
        Event event = RenderFixture.event("""
                {"id": "evt-4", "type": "Project:Updated", "timestamp": "2026-11-23T10:00:00Z",
                 "entity": {"type": "Project", "id": "p-1", "attributes": {}}}
                """);
        assertEquals("null|no parent|none", body("${json(parent)}|<#if parent??>parent<#else>no parent</#if>|${(parent.key)!'none'}", event));
    }

    @Test
    void webhookVariables() {
        assertEquals("probe|Label of probe", body("${webhook.code}|${webhook.label}"));
    }

    @Test
    void messageIdIsStableForTheSameEventAndWebhook() {
        RenderFixture fixture = new RenderFixture(root)
                .file("hooks.groovy", RenderFixture.webhook("first", "Project:Updated", "post 'https://example.com/${message.id}'")
                        + RenderFixture.webhook("second", "Project:Updated", "post 'https://example.com/${message.id}'"));
        CompiledDefinitions definitions = fixture.compileValid();
        Event event = RenderFixture.event();
        String first = new Renderer(event).render(definitions.compiled("first")).url();
        String again = new Renderer(event).render(definitions.compiled("first")).url();
        String second = new Renderer(event).render(definitions.compiled("second")).url();
        // A re-parse of the same event JSON (as after a restart) gives the same id too.
        String reparsed = new Renderer(RenderFixture.event()).render(new RenderFixture(root).compileValid().compiled("first")).url();

        assertEquals("https://example.com/" + MessageIds.of("evt-1", "first"), first);
        assertTrue(first.matches("https://example\\.com/msg_[0-9a-z]{26}"), first);
        assertEquals(first, again);
        assertEquals(first, reparsed);
        assertNotEquals(first.substring(first.lastIndexOf('/')), second.substring(second.lastIndexOf('/')),
                "each webhook gets its own message id for the same event");
        Event other = RenderFixture.event(RenderFixture.EVENT_JSON.replace("evt-1", "evt-2"));
        assertNotEquals(first, new Renderer(other).render(definitions.compiled("first")).url(),
                "another event gets another message id");
    }

    @Test
    void jsonOfTextEscapesQuotesAndNewlines() throws Exception {
        String rendered = body("${json(entity.attributes.Name)}");
        assertEquals("\"He said \\\"hi\\\"\\nand left\"", rendered);
        assertEquals("He said \"hi\"\nand left", EventJson.MAPPER.readValue(rendered, String.class));
    }

    @Test
    void jsonOfTextMadeInTheTemplate() {
        assertEquals("\"a\\\\b \\\"c\\\"\\t\"", body("<#assign s='a\\\\b \"c\"\\t'>${json(s)}"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "entity.attributes.Budget  | 5000",
            "entity.attributes.Rate    | 1.5",
            "entity.attributes.Big     | 1234567",
            "entity.attributes.Digital | true",
            "entity.attributes.Tags    | [\"a\",\"b\"]",
            "entity.attributes.Owner   | {\"Name\":\"Anna\",\"Id\":\"u-1\"}",
            "entity.attributes.Manager | null",
            "entity.attributes.Status  | \"Done\"",
    })
    void jsonWritesEachKindOfValue(String expression, String expected) {
        assertEquals(expected, body("${json(" + expression + ")}"));
    }

    @Test
    void numbersInterpolateWithoutGroupingOrLocaleFormatting() {
        assertEquals("5000|1.5|1234567|true|12345670",
                body("${entity.attributes.Budget}|${entity.attributes.Rate}|${entity.attributes.Big}|"
                        + "${entity.attributes.Digital?c}|${entity.attributes.Big * 10}"));
    }

    @Test
    void jsonOfAWholeEntityIsItsJson() throws Exception {
        String rendered = body("${json(entity)}");
        Map<?, ?> parsed = EventJson.MAPPER.readValue(rendered, Map.class);
        Map<?, ?> expected = EventJson.MAPPER.readValue(EventJson.write(EventJson.toMap(RenderFixture.event()).get("entity")), Map.class);
        assertEquals(expected, parsed);
        assertEquals(Arrays.asList("Status", "Budget", "Rate", "Big", "Digital", "Tags", "Owner", "Manager", "Name"),
                List.copyOf(((Map<?, ?>) parsed.get("attributes")).keySet()), "attribute order is kept");
    }

    @Test
    void jsonOfAMapBuiltInTheTemplate() throws Exception {
        String rendered = body("${json({'key': entity.key, 'budget': entity.attributes.Budget, 'tags': entity.attributes.Tags})}");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("key", "DEMO");
        expected.put("budget", 5000);
        expected.put("tags", List.of("a", "b"));
        assertEquals(expected, EventJson.MAPPER.readValue(rendered, Map.class));
    }

    @Test
    void aFullJsonBodyBuiltFromTheModelIsValidJson() throws Exception {
        String rendered = body("""
                {
                  "event": ${json(event.type)},
                  "project": ${json(entity.key)},
                  "name": ${json(entity.attributes.Name)},
                  "budget": ${json(entity.attributes.Budget)},
                  "manager": ${json(entity.attributes.Manager)},
                  "before": ${json(before)},
                  "by": ${json(initiator.login)},
                  "messageId": ${json(message.id)}
                }
                """);
        Map<?, ?> parsed = EventJson.MAPPER.readValue(rendered, Map.class);
        assertEquals("Project:Updated", parsed.get("event"));
        assertEquals("He said \"hi\"\nand left", parsed.get("name"));
        assertEquals(5000, parsed.get("budget"));
        assertTrue(parsed.containsKey("manager"));
        assertEquals(null, parsed.get("manager"));
        assertEquals(Map.of("Status", "On track", "Budget", 4000), parsed.get("before"));
        assertEquals(MessageIds.of("evt-1", "probe"), parsed.get("messageId"));
    }
}
