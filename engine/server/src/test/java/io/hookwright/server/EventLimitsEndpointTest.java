package io.hookwright.server;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.hookwright.event.EventJson;
import io.hookwright.execution.EngineFixture;
import io.hookwright.server.auth.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /events} with event data meant to grow the engine's memory or make it write a number out in full:
 * every identifier, number, text, list and nesting beyond its limit is a 400 naming the field, nothing of the request
 * is published, and the engine keeps answering.
 */
class EventLimitsEndpointTest {
    @RegisterExtension
    static WireMockExtension receiver = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @TempDir
    Path dir;
    private ServerFixture server;

    @BeforeEach
    void start() {
        receiver.stubFor(post(urlEqualTo("/erp")).willReturn(aResponse().withStatus(200)));
        server = new ServerFixture(dir, receiver.getPort(), EngineFixture.webhook("erp", "/erp", "synchronous false"),
                4 * 1024 * 1024);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A valid event as a tree, changed by {@code change}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> event(Consumer<Map<String, Object>> change) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", "evt-1");
        event.put("type", "Project:Updated");
        event.put("tenant", "acme");
        event.put("initiator", new LinkedHashMap<>(Map.of("userId", "u-1", "name", "Anna Doe", "login", "anna")));
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("type", "Project");
        entity.put("id", "p-1");
        entity.put("key", "DEMO");
        entity.put("attributes", new LinkedHashMap<>(Map.of("Status", "Done")));
        event.put("entity", entity);
        event.put("before", new LinkedHashMap<>(Map.of("Status", "On track")));
        event.put("parent", new LinkedHashMap<>(Map.of("type", "Portfolio", "id", "pf-1", "key", "PF")));
        change.accept(event);
        return event;
    }

    private static final String PLACEHOLDER = "PLACEHOLDER";

    /** The event as JSON, with every {@link #PLACEHOLDER} replaced by {@code json} as written (e.g. a number). */
    private static String raw(Map<String, Object> event, String json) {
        return EventJson.write(event).replace("\"" + PLACEHOLDER + "\"", json);
    }

    /** Text as a JSON string with every character beyond printable ASCII escaped, lone surrogates included. */
    private static String escaped(String text) {
        StringBuilder json = new StringBuilder("\"");
        text.chars().forEach(c -> json.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? String.valueOf((char) c)
                : String.format("\\u%04x", c)));
        return json.append('"').toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> event, String part) {
        return (Map<String, Object>) event.get(part);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> attributes(Map<String, Object> event) {
        return (Map<String, Object>) at(event, "entity").get("attributes");
    }

    /** Posts {@code json}, asserts a 400 naming {@code field} whose detail holds {@code says}; returns the problem. */
    private Map<String, Object> refused(String json, String field, String says) {
        HttpResponse<String> response = server.post("/events", Scope.EVENTS_WRITE, json);
        assertEquals(400, response.statusCode(), response.body().length() > 500 ? response.body().substring(0, 500)
                : response.body());
        Map<String, Object> problem = ServerFixture.json(response);
        assertEquals(field, problem.get("field"), problem.toString());
        assertTrue(((String) problem.get("detail")).contains(says), problem.toString());
        assertTrue(response.body().length() < 2000, "the answer does not echo what was too long: "
                + response.body().length() + " characters");
        assertEquals(0, server.engine.queuedMessages(), "nothing of a refused request is published");
        return problem;
    }

    private void refused(Map<String, Object> event, String field, String says) {
        refused(EventJson.write(event), field, says);
    }

    @Test
    void anEventTypeOf480KbIsRefusedWithoutBeingEchoed() {
        String type = "Project:" + "U".repeat(480_000);
        refused(event(e -> e.put("type", type)), "type", "at most 200");
        String longEntity = "P".repeat(300) + ":Updated";
        refused(event(e -> {
            e.put("type", longEntity);
            at(e, "entity").put("type", longEntity.substring(0, 300));
        }), "type", "at most 200");
        assertHealthyAndServing();
    }

    @Test
    void everyIdentifierOverItsLimitIsRefusedNamingIt() {
        String x201 = "x".repeat(201);
        refused(event(e -> e.put("id", x201)), "id", "at most 200");
        refused(event(e -> e.put("tenant", "t".repeat(101))), "tenant", "at most 100");
        refused(event(e -> at(e, "initiator").put("userId", x201)), "initiator.userId", "at most 200");
        refused(event(e -> at(e, "initiator").put("name", x201)), "initiator.name", "at most 200");
        refused(event(e -> at(e, "initiator").put("login", x201)), "initiator.login", "at most 200");
        refused(event(e -> at(e, "entity").put("type", x201)), "entity.type", "at most 200");
        refused(event(e -> at(e, "entity").put("id", x201)), "entity.id", "at most 200");
        refused(event(e -> at(e, "entity").put("key", x201)), "entity.key", "at most 200");
        refused(event(e -> at(e, "parent").put("type", x201)), "parent.type", "at most 200");
        refused(event(e -> at(e, "parent").put("id", x201)), "parent.id", "at most 200");
        refused(event(e -> at(e, "parent").put("key", x201)), "parent.key", "at most 200");
        refused(event(e -> e.put("changes", List.of(Map.of("field", x201, "current", 1)))), "changes[0].field",
                "at most 200");
        refused(event(e -> attributes(e).put(x201, 1)), "entity.attributes", "name at position 2 is 201 characters");
        refused(event(e -> at(e, "before").put("Nested", Map.of(x201, 1))), "before.Nested",
                "name at position 1 is 201 characters");
        refused(raw(event(e -> e.put("id", PLACEHOLDER)), "9".repeat(201)), "id", "at most 200");
    }

    @Test
    void aBadEventInAnArrayIsNamedByItsPlaceAndNoneIsPublished() {
        String body = "[" + EventJson.write(event(e -> e.put("id", "a"))) + ", "
                + EventJson.write(event(e -> e.put("id", "b"))) + ", " + EventJson.write(event(e -> e.put("id", "c")))
                + ", " + EventJson.write(event(e -> at(e, "entity").put("key", "K".repeat(5000)))) + "]";
        refused(body, "[3].entity.key", "5000 characters long; at most 200");
    }

    @Test
    void anArrayOfTooManyEventsIsRefused() {
        String one = "{\"type\": \"Project:Updated\", \"entity\": {\"type\": \"Project\", \"id\": \"p\"}}";
        refused("[" + String.join(",", java.util.Collections.nCopies(1001, one)) + "]", "(body)",
                "holds 1001 events; at most 1000");
    }

    @Test
    void controlCharactersInIdentifiersAreRefusedAndOtherUnicodeIsTaken() {
        for (String bad : List.of("a\u0000b", "line\nbreak", "tab\there", "esc\u001b[31m", "del\u007f", "c1\u0085",
                "bidi\u202eevil", "iso\u2066late", "sep\u2028x", "lone\ud800half", "rlm\u200fx")) {
            String json = escaped(bad);
            refused(raw(event(e -> e.put("id", PLACEHOLDER)), json), "id", "control");
            refused(raw(event(e -> at(e, "entity").put("key", PLACEHOLDER)), json), "entity.key", "control");
            refused(raw(event(e -> e.put("tenant", PLACEHOLDER)), json), "tenant", "control");
            refused(raw(event(e -> at(e, "initiator").put("name", PLACEHOLDER)), json), "initiator.name", "control");
            refused(raw(event(e -> attributes(e).put(PLACEHOLDER, 1)), json), "entity.attributes",
                    "names take no control characters");
        }
        HttpResponse<String> unicode = server.post("/events", Scope.EVENTS_WRITE, EventJson.write(event(e -> {
            e.put("id", "событие-1 😀");
            at(e, "entity").put("key", "Задача-9");
            at(e, "initiator").put("name", "Zoë Ñúñez 山田");
            attributes(e).put("Beschreibung", "text may hold\nnew lines\tand tabs");
        })));
        assertEquals(202, unicode.statusCode(), unicode.body());
    }

    @Test
    void absurdNumbersAreRefusedNamingTheField() {
        for (String number : List.of("1e999999999", "-1e999999999", "1e-999999999", "0e999999999", "1E1001",
                "1e-1001", "9".repeat(2000), "-" + "1".repeat(101), "0." + "0".repeat(1999) + "1",
                "1." + "1".repeat(200))) {
            refused(raw(event(e -> attributes(e).put("Budget", PLACEHOLDER)), number), "entity.attributes.Budget",
                    "at most");
        }
        refused(raw(event(e -> attributes(e).put("Scores", List.of(1, 2, PLACEHOLDER))), "1e999999999"),
                "entity.attributes.Scores[2]", "exponent");
        refused(raw(event(e -> at(e, "before").put("Budget", PLACEHOLDER)), "-1e999999999"), "before.Budget",
                "exponent");
        refused(raw(event(e -> e.put("changes", List.of(Map.of("field", "Budget", "previous", 1,
                "current", PLACEHOLDER)))), "1e-999999999"), "changes[0].current", "exponent");
        refused(raw(event(e -> attributes(e).put("Budget", PLACEHOLDER)), "1".repeat(20_000)), "(body)",
                "Number value length");
        for (String overflowing : List.of("1e9999999999", "1e-2147483649", "-9e2147483648", "1.5e+99999999999999")) {
            HttpResponse<String> response = server.post("/events", Scope.EVENTS_WRITE,
                    raw(event(e -> attributes(e).put("Budget", PLACEHOLDER)), overflowing));
            assertEquals(400, response.statusCode(), overflowing + ": " + response.body());
            assertTrue(response.body().contains("exponent"), response.body());
        }
        assertHealthyAndServing();
    }

    @Test
    void numbersWithinTheLimitsAreTakenAndExplainedWithoutBeingWrittenOut() {
        String body = raw(event(e -> attributes(e).put("Budget", List.of(PLACEHOLDER, PLACEHOLDER, PLACEHOLDER))),
                "1e1000").replaceFirst("1e1000", "-1e-1000").replaceFirst("1e1000", "1".repeat(100));
        HttpResponse<String> response = server.post("/events", Scope.EVENTS_WRITE, body);
        assertEquals(202, response.statusCode(), response.body());
    }

    @Test
    void deepNestingIsRefusedNamingTheFieldOrWhereTheParserStopped() {
        Object nested = "leaf";
        for (int i = 0; i < 33; i++) {
            nested = List.of(nested);
        }
        Object deep = nested;
        refused(event(e -> attributes(e).put("Deep", deep)), "entity.attributes.Deep" + "[0]".repeat(32),
                "nested 33 lists or objects deep; at most 32");
        Object objects = "leaf";
        for (int i = 0; i < 33; i++) {
            objects = Map.of("a", objects);
        }
        Object deepObjects = objects;
        refused(event(e -> at(e, "before").put("Deep", deepObjects)), "before.Deep" + ".a".repeat(32), "at most 32");
        String bomb = "[".repeat(100_000) + "]".repeat(100_000);
        refused(raw(event(e -> attributes(e).put("Deep", PLACEHOLDER)), bomb), "(body)", "nesting depth");
        refused("[".repeat(500_000), "(body)", "nesting depth");
        assertHealthyAndServing();
    }

    @Test
    void hugeListsObjectsAndTextsAreRefused() {
        List<Integer> many = java.util.stream.IntStream.range(0, 10_001).boxed().toList();
        refused(event(e -> attributes(e).put("Many", many)), "entity.attributes.Many", "10001 entries; at most 10000");
        Map<String, Object> wide = new LinkedHashMap<>();
        for (int i = 0; i < 10_001; i++) {
            wide.put("f" + i, i);
        }
        refused(event(e -> e.put("before", wide)), "before", "10001 entries");
        List<List<Integer>> lists = java.util.stream.IntStream.range(0, 11).mapToObj(i -> many.subList(0, 9_999)).toList();
        refused(event(e -> attributes(e).put("Lists", lists)), "entity.attributes.Lists[9][9996]", "more than 100000 values");
        refused(event(e -> attributes(e).put("Text", "x".repeat(100_001))), "entity.attributes.Text",
                "100001 characters; at most 100000");
        refused(EventJson.write(event(e -> attributes(e).put("Text", "x".repeat(3_000_000)))), "(body)",
                "String value length");
        refused(EventJson.write(event(e -> attributes(e).put("n".repeat(1000), 1))), "(body)", "Name length");
        assertHealthyAndServing();
    }

    @Test
    void dryRunAndTestSendBodiesAreBoundedAlike() {
        String body = "{\"event\": " + raw(event(e -> attributes(e).put("Budget", PLACEHOLDER)), "1e999999999") + "}";
        HttpResponse<String> dryRun = server.post("/dry-run", Scope.WEBHOOKS_READ, body);
        assertEquals(400, dryRun.statusCode(), dryRun.body());
        assertEquals("entity.attributes.Budget", ServerFixture.json(dryRun).get("field"));
        HttpResponse<String> deep = server.post("/dry-run", Scope.WEBHOOKS_READ, "{\"event\": " + "[".repeat(10_000));
        assertEquals(400, deep.statusCode(), deep.body());
        assertTrue(deep.body().contains("nesting depth"), deep.body());
    }

    private void assertHealthyAndServing() {
        assertEquals(200, server.send("GET", "/health", null, null).statusCode());
        HttpResponse<String> fine = server.post("/events", Scope.EVENTS_WRITE, EventJson.write(event(e -> e.put("id",
                "evt-fine-" + System.nanoTime()))));
        assertEquals(202, fine.statusCode(), fine.body());
    }
}
