package io.hookwright.render;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;

/**
 * UUIDs made from names (RFC 9562 version 5: SHA-1 of a namespace and the name), so the same name always gives the
 * same UUID, on every node and after every restart: {@code webhook.uuid} and {@code message.uuid}, for receivers that
 * identify webhooks and messages by GUID (PPM Express).
 */
public final class NameUuids {
    /** Hookwright's namespace: the version-5 UUID of {@code https://hookwright.io/ns} in RFC 9562's URL namespace. */
    static final UUID NAMESPACE = UUID.fromString("0ed5d06b-9a26-589a-9a96-e4f1570d9ae8");

    /** SHA-1 fed with {@link #NAMESPACE} already, copied for each name in it. */
    private static final MessageDigest IN_NAMESPACE = fed(NAMESPACE);

    private NameUuids() {
    }

    /** The UUID of a webhook, from its code. */
    public static UUID ofWebhook(String code) {
        return of("webhook:" + code);
    }

    /** The UUID of a message, from its id: stable across retries and redeliveries, as the id is. */
    public static UUID ofMessage(String messageId) {
        return of("message:" + messageId);
    }

    static UUID of(String name) {
        return uuid(Digests.copy(IN_NAMESPACE), name);
    }

    static UUID of(UUID namespace, String name) {
        return uuid(fed(namespace), name);
    }

    private static MessageDigest fed(UUID namespace) {
        MessageDigest sha1 = Digests.sha1();
        sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits()).array());
        return sha1;
    }

    private static UUID uuid(MessageDigest fed, String name) {
        byte[] hash = fed.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);   // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);   // the RFC's variant
        ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bits.getLong(), bits.getLong());
    }
}
