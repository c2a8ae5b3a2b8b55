package io.hookwright.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Which webhooks to list and in what order. Null parts do not filter.
 *
 * @param event  only webhooks listening to this event type (wildcards in definitions count: {@code Task:*} listens
 *               to {@code Task:Updated})
 * @param status {@code active}, {@code disabled} or {@code deactivated}
 * @param text   words to find in the code, label, description, owner or URL, ignoring case
 */
public record WebhookQuery(String event, String status, String text, Sort sort) {
    public enum Sort {
        CODE, URL, OWNER, CREATED, STATUS;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Sort> fromWord(String word) {
            return Arrays.stream(values()).filter(s -> s.word().equals(word)).findFirst();
        }
    }

    public static WebhookQuery all() {
        return new WebhookQuery(null, null, null, Sort.CODE);
    }
}
