package io.hookwright.event;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A host builds events by name, with only the parts it has; a built event does not change. */
class EventBuilderTest {
    private static final Entity PROJECT = new Entity("Project", "p-1", "DEMO", Map.of("Status", "Done"));

    @Test
    void theSmallestEventHasATypeAndAnEntityAndNothingElse() {
        Event event = Event.of("Project:Updated", PROJECT);
        assertEquals("Project:Updated", event.type());
        assertEquals(PROJECT, event.entity());
        assertNull(event.id());
        assertNull(event.timestamp());
        assertNull(event.before());
        assertEquals(List.of(), event.changes());
        assertEquals("Project", event.entityType());
        assertEquals("Updated", event.action());
    }

    @Test
    void everyPartIsSetByNameAndACopyChangesOnlyWhatItSays() {
        Event event = Event.builder("Project:Updated").id("evt-1").tenant("acme")
                .initiator(new Initiator("u-1", "Anna Doe", "anna")).entity(PROJECT)
                .before(Map.of("Status", "On track")).parent(new EntityRef("Portfolio", "pf-1", "DIGITAL")).build();
        Event copy = event.toBuilder().id("evt-2").build();
        assertEquals("evt-2", copy.id());
        assertEquals(event.toBuilder().build(), event);
        assertEquals(event.hashCode(), event.toBuilder().build().hashCode());
        assertNotEquals(event, copy);
        assertEquals(event, copy.toBuilder().id("evt-1").build());
        assertTrue(event.toString().contains("type=Project:Updated"), event.toString());
    }

    @Test
    void whatTheHostChangesAfterBuildingDoesNotReachTheEvent() {
        Map<String, Object> before = new HashMap<>(Map.of("Status", "On track"));
        Event event = Event.builder("Project:Updated").entity(PROJECT).before(before).build();
        before.put("Status", "Cancelled");
        assertEquals(Map.of("Status", "On track"), event.before());
        assertThrows(UnsupportedOperationException.class, () -> event.before().put("Budget", 1));
    }

    @Test
    void completingGivesAnIdATimestampAndTheChanges() {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        Event event = Events.complete(Event.builder("Project:Updated").entity(PROJECT)
                .before(Map.of("Status", "On track")).build(), Clock.fixed(now, ZoneOffset.UTC));
        assertTrue(event.id().startsWith("evt_"), event.id());
        assertEquals(now, event.timestamp());
        assertEquals(List.of(new Change("Status", "On track", "Done")), event.changes());
    }

    @Test
    void theLimitsAreCheckedWhenTheEventIsTakenInNamingTheField() {
        Event event = Event.builder("Project:Updated").entity(PROJECT).tenant("t".repeat(101)).build();
        EventFormatException e = assertThrows(EventFormatException.class, () -> Events.complete(event, Clock.systemUTC()));
        assertEquals("tenant", e.field());
    }

    @Test
    void theJsonFormReadsBackAsTheSameEvent() {
        Event event = Events.complete(Event.builder("Project:Updated").id("evt-1").tenant("acme")
                .initiator(new Initiator("u-1", "Anna Doe", "anna")).entity(PROJECT)
                .before(Map.of("Status", "On track")).parent(new EntityRef("Portfolio", "pf-1", null)).build(),
                Clock.systemUTC());
        assertEquals(event, EventJson.parse(EventJson.write(EventJson.toMap(event))));
    }
}
