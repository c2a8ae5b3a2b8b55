package io.hookwright.render;

import io.hookwright.dsl.model.WebhookDefinition;
import io.hookwright.event.Event;
import io.hookwright.event.EventJson;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What templates see: {@code event, initiator, entity, before, changes, parent, webhook, message, secrets}
 * and the functions {@code json(x)} and {@code matches(text, regex)}.
 */
final class DataModel {
    private static final JsonFunction JSON = new JsonFunction();
    private static final MatchesFunction MATCHES = new MatchesFunction();

    private DataModel() {
    }

    /** The part that depends on the event only, built once and shared by every webhook it fires. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> ofEvent(Event event) {
        Map<String, Object> json = EventJson.toMap(event);
        Map<String, Object> model = new HashMap<>();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("id", event.id());
        meta.put("type", event.type());
        meta.put("timestamp", event.timestamp().toString());
        meta.put("timestampMillis", event.timestamp().toEpochMilli());
        meta.put("tenant", event.tenant());
        meta.put("entityType", event.entityType());
        meta.put("action", event.action());
        model.put("event", meta);
        model.put("initiator", json.get("initiator"));
        model.put("entity", json.get("entity"));
        model.put("before", event.before());
        model.put("changes", event.changes().stream().map(EventJson::change).toList());
        model.put("parent", json.get("parent"));
        model.put("json", JSON);
        model.put("matches", MATCHES);
        return model;
    }

    /** @param nonce the render's own, see {@link SecretRefs#seal} */
    static Map<String, Object> forWebhook(Map<String, Object> eventModel, WebhookDefinition webhook, String messageId,
                                          String nonce) {
        Map<String, Object> model = new HashMap<>(eventModel);
        model.put("secrets", new SecretsModel(nonce));
        model.put("webhook", Map.of("code", webhook.code(), "label", webhook.label().text(),
                "uuid", NameUuids.ofWebhook(webhook.code()).toString()));
        model.put("message", Map.of("id", messageId, "uuid", NameUuids.ofMessage(messageId).toString()));
        return model;
    }
}
