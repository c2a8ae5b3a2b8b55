package io.hookwright.render;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * {@code webhook.uuid} and {@code message.uuid} are RFC 9562 version-5 UUIDs: the values here were made by another
 * implementation (Python's {@code uuid.uuid5} in Hookwright's namespace), so the bits are the standard's.
 */
class NameUuidsTest {
    @Test
    void theNamespaceIsTheUrlUuidOfHookwrightsNamespace() {
        assertEquals(UUID.fromString("0ed5d06b-9a26-589a-9a96-e4f1570d9ae8"),
                NameUuids.of(UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8"), "https://hookwright.io/ns"));
    }

    @Test
    void aWebhooksAndAMessagesUuidAreVersion5AsTheStandardMakesThem() {
        UUID webhook = NameUuids.ofWebhook("ppm_project_created");
        assertEquals(UUID.fromString("fa172e16-6a7a-5a6f-a337-e068909f1382"), webhook);
        assertEquals(5, webhook.version());
        assertEquals(2, webhook.variant());
        assertEquals(UUID.fromString("b1db2757-5f4c-569f-a231-3bc5085a7df0"),
                NameUuids.ofMessage("msg_19kd2gf2x1cm7jnqfzhapm80as"));
        assertNotEquals(NameUuids.ofWebhook("other"), webhook);
    }
}
