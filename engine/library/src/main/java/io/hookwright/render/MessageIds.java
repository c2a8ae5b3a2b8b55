package io.hookwright.render;

import java.nio.charset.StandardCharsets;

/**
 * Message ids ({@code message.id}, the {@code webhook-id} header): one per event and webhook, derived from
 * both so the same event never yields two messages for a webhook.
 */
public final class MessageIds {
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    private MessageIds() {
    }

    public static String of(String eventId, String webhookCode) {
        byte[] hash = Digests.sha256().digest((eventId + "\u0000" + webhookCode).getBytes(StandardCharsets.UTF_8));
        StringBuilder id = new StringBuilder("msg_");
        long bits = 0;
        int count = 0;
        for (int i = 0; i < hash.length && id.length() < 30; i++) {
            bits = (bits << 8) | (hash[i] & 0xff);
            count += 8;
            while (count >= 5 && id.length() < 30) {
                id.append(ALPHABET[(int) (bits >> (count - 5)) & 31]);
                count -= 5;
            }
        }
        return id.toString();
    }
}
