package io.hookwright.event;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventJsonTest {
    private static final String DOCUMENTED_EXAMPLE = """
            { "id": "evt-1", "type": "Task:Updated", "timestamp": "2026-11-23T10:00:00Z",
              "tenant": "acme",
              "initiator": {"userId": "u-1", "name": "Anna Doe", "login": "anna.doe@company.com"},
              "entity": {"type": "Task", "id": "t-9", "key": "DEMO-9", "attributes": {"Status": "Done"}},
              "before": {"Status": "In progress"},
              "parent": {"type": "Project", "id": "p-1", "key": "DEMO"} }
            """;

    @Test
    void readsTheDocumentedExample() {
        Event event = EventJson.parse(DOCUMENTED_EXAMPLE);
        assertEquals("evt-1", event.id());
        assertEquals("Task:Updated", event.type());
        assertEquals("Task", event.entityType());
        assertEquals("Updated", event.action());
        assertEquals(Instant.parse("2026-11-23T10:00:00Z"), event.timestamp());
        assertEquals("acme", event.tenant());
        assertEquals(new Initiator("u-1", "Anna Doe", "anna.doe@company.com"), event.initiator());
        assertEquals(new Entity("Task", "t-9", "DEMO-9", Map.of("Status", "Done")), event.entity());
        assertEquals(Map.of("Status", "In progress"), event.before());
        assertEquals(new EntityRef("Project", "p-1", "DEMO"), event.parent());
    }

    @Test
    void writesTheSameShapeBack() throws Exception {
        Event event = EventJson.parse(DOCUMENTED_EXAMPLE);
        Object written = EventJson.MAPPER.readValue(EventJson.write(EventJson.toMap(event)), Object.class);
        Object original = EventJson.MAPPER.readValue(DOCUMENTED_EXAMPLE, Object.class);
        assertEquals(original, written);
    }

    @Test
    void completionFillsIdTimestampAndChanges() {
        Event event = EventJson.parse("""
                {"type": "Project:Updated", "entity": {"type": "Project", "id": "p-1",
                 "attributes": {"Status": "Done", "Budget": 5000, "Name": "Demo"}},
                 "before": {"Status": "On track", "Budget": 5000.0}}
                """);
        assertNull(event.id());
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
        Event complete = Events.complete(event, clock);
        assertNotNull(complete.id());
        assertEquals(Instant.parse("2026-11-23T12:00:00Z"), complete.timestamp());
        assertEquals(List.of(new Change("Status", "On track", "Done")), complete.changes(),
                "Budget 5000 equals 5000.0; Name is not in before, so it is not a change");
    }

    @Test
    void givenChangesAreKept() {
        Event event = Events.complete(EventJson.parse("""
                {"id": "e", "type": "Project:Updated", "entity": {"type": "Project", "id": "p-1", "attributes": {}},
                 "before": {"Status": "x"}, "changes": [{"field": "Budget", "previous": 1, "current": 2}]}
                """), Clock.systemUTC());
        assertEquals(List.of(new Change("Budget", 1, 2)), event.changes());
    }

    @Test
    void decimalsStayExact() {
        Event event = EventJson.parse("""
                {"type": "Project:Created", "entity": {"type": "Project", "id": "p", "attributes": {"Budget": 23000.10}}}
                """);
        assertEquals(new BigDecimal("23000.10"), event.entity().attributes().get("Budget"));
    }

    @Test
    void eventsCannotBeChangedOnceBuilt() {
        Event event = EventJson.parse(DOCUMENTED_EXAMPLE);
        assertThrows(UnsupportedOperationException.class, () -> event.entity().attributes().put("Status", "x"));
        assertThrows(UnsupportedOperationException.class, () -> event.before().put("Status", "x"));
    }

    @Test
    void badEventsNameTheField() {
        assertField("type", "{\"entity\": {\"type\": \"Task\", \"id\": \"t\"}}");
        assertField("type", "{\"type\": \"TaskUpdated\", \"entity\": {\"type\": \"Task\", \"id\": \"t\"}}");
        assertField("entity", "{\"type\": \"Task:Updated\"}");
        assertField("entity.id", "{\"type\": \"Task:Updated\", \"entity\": {\"type\": \"Task\"}}");
        assertField("entity.type", "{\"type\": \"Task:Updated\", \"entity\": {\"type\": \"Idea\", \"id\": \"t\"}}");
        assertField("entity.attributes", "{\"type\": \"Task:Updated\", \"entity\": {\"type\": \"Task\", \"id\": \"t\", \"attributes\": [1]}}");
        assertField("timestamp", "{\"type\": \"Task:Updated\", \"timestamp\": \"yesterday\", \"entity\": {\"type\": \"Task\", \"id\": \"t\"}}");
        assertField("parent.id",
                "{\"type\": \"Task:Updated\", \"entity\": {\"type\": \"Task\", \"id\": \"t\"}, \"parent\": {\"type\": \"Project\"}}");
        assertField("(body)", "{\"type\": ");
    }

    private static void assertField(String field, String json) {
        EventFormatException e = assertThrows(EventFormatException.class, () -> EventJson.parse(json));
        assertEquals(field, e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
    }
}
