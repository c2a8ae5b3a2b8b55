package io.hookwright.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A host names the delivery settings it changes; the rest keep their defaults, and a bad one is named. */
class DeliverySettingsTest {
    @Test
    void unnamedSettingsKeepTheirDefaults() {
        DeliverySettings settings = DeliverySettings.builder().node("app-1").lease(Duration.ofSeconds(10)).build();
        assertEquals("app-1", settings.node());
        assertEquals(Duration.ofSeconds(10), settings.lease());
        assertEquals(DeliverySettings.DEFAULT_CLAIM_BATCH, settings.claimBatch());
        assertEquals(DeliverySettings.DEFAULT_PER_HOST_CONCURRENCY, settings.perHostConcurrency());
        assertEquals(DeliverySettings.DEFAULT_PER_HOST_QUEUE, settings.perHostQueue());
        assertEquals(DeliverySettings.DEFAULT_MAX_IN_FLIGHT, settings.maxInFlight());
        assertEquals(DeliverySettings.DEFAULT_POLL_INTERVAL, settings.pollInterval());
        assertFalse(DeliverySettings.defaults().node().contains(":"), "the machine's name stands for the node");
    }

    @Test
    void aCopyChangesOnlyWhatItNames() {
        DeliverySettings settings = DeliverySettings.builder().node("app-1").perHostConcurrency(4).build();
        DeliverySettings copy = settings.toBuilder().perHostQueue(8).build();
        assertEquals(new DeliverySettings("app-1", settings.claimBatch(), settings.lease(), 4, 8,
                settings.maxInFlight(), settings.pollInterval()), copy);
    }

    @Test
    void aBadSettingIsRefusedByName() {
        assertEquals("delivery setting node: 'eu:1' must not contain ':'", refused(DeliverySettings.builder().node("eu:1")));
        assertEquals("delivery setting claimBatch: must be above 0, not 0",
                refused(DeliverySettings.builder().claimBatch(0)));
        assertEquals("delivery setting perHostQueue: cannot be negative, not -1",
                refused(DeliverySettings.builder().perHostQueue(-1)));
        assertEquals("delivery setting lease: must be at least 1s, not PT0.5S",
                refused(DeliverySettings.builder().lease(Duration.ofMillis(500))));
        assertEquals("delivery setting pollInterval: must be above 0, not null",
                refused(DeliverySettings.builder().pollInterval(null)));
    }

    private static String refused(DeliverySettings.Builder builder) {
        return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
    }
}
