package io.hookwright.definitions;

import io.hookwright.testdb.OnEachBackend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The definitions sets nodes publish: the one published last runs, whatever the publishers' clocks say. */
class PublishedDefinitionsTest extends OnEachBackend {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final DefinitionSnapshot A = DefinitionSnapshot.of("rev-a", Map.of("erp.groovy", "webhook('erp') {}"));
    private static final DefinitionSnapshot B = DefinitionSnapshot.of("rev-b", Map.of("erp.groovy", "webhook('erp') {}",
            "templates/erp.ftl", "{\"k\": \"ü\"}"));

    private PublishedDefinitions published;

    @BeforeEach
    void open() {
        published = new JooqPublishedDefinitions(database);
    }

    @Test
    void nothingRunsBeforeAnyNodePublished() {
        assertEquals(Optional.empty(), published.current());
        assertFalse(published.known(A.digest()));
    }

    @Test
    void theSetPublishedLastRunsWithItsFilesIntact() {
        published.publish(A, 1, "node-1", T0);
        published.publish(B, 1, "node-2", T0.plusSeconds(5));
        PublishedDefinitions.Published current = published.current().orElseThrow();
        assertEquals(B.digest(), current.digest());
        assertEquals("rev-b", current.revision());
        assertEquals("node-2", current.node());
        assertEquals(B, published.get(B.digest()).orElseThrow());
        assertTrue(published.known(A.digest()));
    }

    @Test
    void aNodeWhoseClockIsBehindStillPublishesTheNewestSet() {
        published.publish(A, 1, "node-1", T0);
        published.publish(B, 1, "node-2", T0.minusSeconds(30));
        assertEquals(B.digest(), published.current().orElseThrow().digest());
    }

    @Test
    void publishingAnOlderSetAgainRollsBackToIt() {
        published.publish(A, 1, "node-1", T0);
        published.publish(B, 1, "node-1", T0.plusSeconds(1));
        published.publish(A, 1, "node-3", T0.plusSeconds(2));
        PublishedDefinitions.Published current = published.current().orElseThrow();
        assertEquals(A.digest(), current.digest());
        assertEquals("node-3", current.node());
    }
}
