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

    CompiledWebhook(WebhookDefinition definition, NamedTemplate url, List<NamedTemplate> headers, NamedTemplate body) {
        this.definition = definition;
        this.url = url;
        this.headers = List.copyOf(headers);
        this.body = body;
        this.jsonBody = declaresJson(definition);
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

    boolean jsonBody() {
        return jsonBody;
    }
}
