package io.hookwright.render;

import io.hookwright.dsl.model.WebhookDefinition;

import java.util.List;

/** A webhook with its URL, header and body templates compiled, ready to render. */
public final class CompiledWebhook {
    record NamedTemplate(String name, io.hookwright.dsl.model.Template source, freemarker.template.Template compiled) {
    }

    private final WebhookDefinition definition;
    private final NamedTemplate url;
    private final List<NamedTemplate> headers;
    private final NamedTemplate body;
    private final boolean jsonBody;
    /** The {@code orderedBy} template; null when its messages keep no order. */
    private final NamedTemplate orderKey;

    CompiledWebhook(WebhookDefinition definition, NamedTemplate url, List<NamedTemplate> headers, NamedTemplate body,
                    NamedTemplate orderKey) {
        this.definition = definition;
        this.url = url;
        this.headers = List.copyOf(headers);
        this.body = body;
        this.jsonBody = declaresJson(definition);
        this.orderKey = orderKey;
    }

    /** Whether the webhook's Content-Type header says its body is JSON ({@code application/json}, {@code …+json}). */
    static boolean declaresJson(WebhookDefinition definition) {
        return definition.request().contentType().map(t -> t.toLowerCase(java.util.Locale.ROOT).contains("json"))
                .orElse(false);
    }

    public WebhookDefinition definition() {
        return definition;
    }

    public String code() {
        return definition.code();
    }

    NamedTemplate url() {
        return url;
    }

    List<NamedTemplate> headers() {
        return headers;
    }

    NamedTemplate body() {
        return body;
    }

    NamedTemplate orderKey() {
        return orderKey;
    }

    boolean jsonBody() {
        return jsonBody;
    }
}
