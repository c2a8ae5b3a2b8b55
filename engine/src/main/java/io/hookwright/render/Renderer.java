package io.hookwright.render;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import freemarker.template.TemplateException;
import io.hookwright.dsl.model.SourcePosition;
import io.hookwright.event.Event;
import io.hookwright.event.EventJson;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Renders webhooks' requests for one event; the event's part of the data model is built once. */
public final class Renderer {
    private final Event event;
    private final Map<String, Object> eventModel;

    public Renderer(Event event) {
        this.event = event;
        this.eventModel = DataModel.ofEvent(event);
    }

    /**
     * The request a webhook sends for this event, with secret references in place of values.
     *
     * @throws RenderException naming the template, line and column that failed, or where the JSON body breaks
     */
    public RenderedRequest render(CompiledWebhook webhook) {
        String messageId = MessageIds.of(event.id(), webhook.code());
        String nonce = SecretRefs.nonce();
        Map<String, Object> model = DataModel.forWebhook(eventModel, webhook.definition(), messageId, nonce);
        String url = apply(webhook, webhook.url(), model, nonce).strip();
        List<RenderedRequest.Header> headers = new ArrayList<>(webhook.headers().size());
        for (CompiledWebhook.NamedTemplate header : webhook.headers()) {
            headers.add(new RenderedRequest.Header(header.name(), apply(webhook, header, model, nonce).strip()));
        }
        String body = webhook.body() == null ? null : apply(webhook, webhook.body(), model, nonce);
        if (body != null && webhook.jsonBody()) {
            checkJson(webhook, body);
        }
        return new RenderedRequest(webhook.definition().request().method(), url, headers, body);
    }

    private static String apply(CompiledWebhook webhook, CompiledWebhook.NamedTemplate template, Map<String, Object> model,
                                String nonce) {
        StringWriter out = new StringWriter();
        try {
            template.compiled().process(model, out);
            return SecretRefs.seal(out.toString(), nonce);
        } catch (TemplateException e) {
            SourcePosition at = e.getLineNumber() == null ? template.source().origin()
                    : template.source().locate(e.getLineNumber(), e.getColumnNumber());
            throw new RenderException(at + ": " + template.name() + " of " + webhook.code() + " failed: "
                    + TemplateEngine.summary(e.getMessageWithoutStackTop()));
        } catch (IOException e) {
            throw new RenderException(template.name() + " of " + webhook.code() + " failed: " + e.getMessage());
        }
    }

    private static void checkJson(CompiledWebhook webhook, String body) {
        try {
            EventJson.MAPPER.readTree(body);
            if (body.isBlank()) {
                throw new RenderException("the body of " + webhook.code() + " is declared application/json but "
                        + "rendered empty");
            }
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            int line = where == null ? 1 : where.getLineNr();
            int column = where == null ? 1 : where.getColumnNr();
            String text = body.lines().skip(Math.max(0, line - 1)).findFirst().orElse("").strip();
            throw new RenderException("the body of " + webhook.code() + " (" + webhook.body().source().name()
                    + ") is declared application/json but is not valid JSON at line " + line + ", column " + column
                    + " of the rendered body: " + e.getOriginalMessage() + "; that line reads: "
                    + SecretRefs.mask(text.length() > 120 ? text.substring(0, 117) + "..." : text));
        }
    }
}
