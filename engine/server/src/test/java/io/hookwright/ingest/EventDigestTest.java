package io.hookwright.ingest;

import io.hookwright.event.EventJson;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The digest two posts of one event id are compared by: the same for the same event however it is written, and the
 * same as earlier versions kept, so that a repeat posted across an upgrade is still a repeat.
 */
class EventDigestTest {
    private static final String EVENT = """
            {"id": "evt-1", "type": "Project:Updated", "timestamp": "2026-11-23T10:00:00Z", "tenant": "acme",
             "initiator": {"userId": "u1", "name": "Ann", "login": "ann"},
             "entity": {"type": "Project", "id": "42", "key": "P-42",
                        "attributes": {"Budget": 5000, "Name": "Bridge \\"North\\" ü", "Tags": ["a", {"z": 1, "b": null}],
                                       "Active": true, "Ratio": 0.50, "Big": 12345678901234567890, "Zero": -0.0}},
             "before": {"Budget": 4000.0}, "parent": {"type": "Program", "id": "7"}}
            """;

    private static String digest(String json) {
        return EventDigest.of(EventJson.parse(json));
    }

    @Test
    void theDigestOfAnEventIsTheOneEarlierVersionsKept() {
        assertEquals("2b4bfe7a050f6cf4f66abcc7394f885a65ff6b36e4dfbe0a29da62e16eb5bca9", digest(EVENT));
        assertEquals("6c40d879b0017b4c180c8682cff04743d3c29507a51344c737b204a9755a1028", digest("""
                {"id": "e", "type": "Task:Created", "entity": {"type": "Task", "id": "1", "attributes": {}},
                 "changes": [{"field": "Status", "previous": null, "current": "Done"}]}
                """));
    }

    @Test
    void spacingKeyOrderAndTheWayANumberIsWrittenDoNotChangeIt() {
        String reordered = """
                {"entity": {"attributes": {"Zero": 0, "Big": 1.2345678901234567890E19, "Ratio": 5e-1, "Active": true,
                                           "Tags": ["a", {"b": null, "z": 1.0}], "Name": "Bridge \\"North\\" \\u00fc",
                                           "Budget": 5.0e3},
                            "key": "P-42", "id": "42", "type": "Project"},
                 "parent": {"id": "7", "type": "Program"}, "before": {"Budget": 4000},
                 "initiator": {"login": "ann", "name": "Ann", "userId": "u1"},
                 "tenant": "acme", "timestamp": "2026-11-23T10:00:00Z", "type": "Project:Updated", "id": "evt-1"}
                """;
        assertEquals(digest(EVENT), digest(reordered));
    }

    @Test
    void anyOtherValueOrOrderInAListChangesIt() {
        assertNotEquals(digest(EVENT), digest(EVENT.replace("\"Budget\": 5000", "\"Budget\": 5001")));
        assertNotEquals(digest(EVENT), digest(EVENT.replace("[\"a\", {\"z\": 1, \"b\": null}]", "[{\"z\": 1, \"b\": null}, \"a\"]")));
        assertNotEquals(digest(EVENT), digest(EVENT.replace("\"Budget\": 5000", "\"Budget\": \"5000\"")));
        assertNotEquals(digest(EVENT), digest(EVENT.replace("\"b\": null", "\"b\": false")));
    }
}
