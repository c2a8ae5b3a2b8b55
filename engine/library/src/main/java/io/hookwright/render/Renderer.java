package io.hookwright.render;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import freemarker.template.TemplateException;
import io.hookwright.dsl.limit.Watchdog;
import io.hookwright.dsl.model.SourcePosition;
import io.hookwright.event.Event;
import io.hookwright.event.EventJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders webhooks' requests for one event; the event's part of the data model is built once. Each request renders
 * within {@link RenderLimits}: a template that runs too long, allocates too much, writes too much or calls itself
 * without end fails with a {@link RenderException}, and leaves the calling thread as it found it.
 */
public final class Renderer {
    /** The JSON check refuses a key written twice: receivers would each keep a different one. */
    private static final ObjectReader STRICT_JSON = EventJson.MAPPER.reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private final Event event;
    private final Map<String, Object> eventModel;
    private final RenderLimits limits;

    public Renderer(Event event) {
        this(event, RenderLimits.DEFAULT);
    }

    Renderer(Event event, RenderLimits limits) {
        this.event = event;
        this.eventModel = DataModel.ofEvent(event);
        this.limits = limits;
    }

    /**
     * The request a webhook sends for this event, with secret references in place of values.
     *
     * @throws RenderException naming the template, line and column that failed, or where the JSON body breaks
     */
    public RenderedRequest render(CompiledWebhook webhook) {
        return render(webhook, MessageIds.of(event.id(), webhook.code()));
    }

    /**
     * The request with {@code messageId} as the template's {@code message.id}: the id its {@code webhook-id} header
     * will carry, which for events posted over REST depends on the caller too.
     */
    public RenderedRequest render(CompiledWebhook webhook, String messageId) {
        String nonce = SecretRefs.nonce();
        Map<String, Object> model = DataModel.forWebhook(eventModel, webhook.definition(), messageId, nonce);
        try (Watchdog.Guard guard = Watchdog.SHARED.watch(limits.time(), limits.allocation())) {
            String url = apply(webhook, webhook.url(), model, nonce, guard).strip();
            RequestShape.checkUrl(webhook, url);
            List<RenderedRequest.Header> headers = new ArrayList<>(webhook.headers().size());
            for (CompiledWebhook.NamedTemplate header : webhook.headers()) {
                String value = apply(webhook, header, model, nonce, guard).strip();
                RequestShape.checkHeader(webhook, header, value);
                headers.add(new RenderedRequest.Header(header.name(), value));
            }
            String body = webhook.body() == null ? null : apply(webhook, webhook.body(), model, nonce, guard);
            if (body != null && webhook.jsonBody()) {
                checkJson(webhook, body);
            }
            return new RenderedRequest(webhook.definition().request().method(), url, headers, body);
        }
    }

    /**
     * The key of a webhook with {@code orderedBy} for this event: its messages with the same key leave one at a time.
     * Null for a webhook that keeps no order.
     *
     * @throws RenderException naming the template, line and column that failed, or saying the key came out empty
     */
    public String orderKey(CompiledWebhook webhook, String messageId) {
        if (webhook.orderKey() == null) {
            return null;
        }
        String nonce = SecretRefs.nonce();
        Map<String, Object> model = DataModel.forWebhook(eventModel, webhook.definition(), messageId, nonce);
        try (Watchdog.Guard guard = Watchdog.SHARED.watch(limits.time(), limits.allocation())) {
            String key = apply(webhook, webhook.orderKey(), model, nonce, guard).strip();
            if (key.isEmpty()) {
                throw new RenderException(webhook.orderKey().source().origin() + ": orderedBy of " + webhook.code()
                        + " rendered an empty key");
            }
            if (!SecretRefs.mask(key).equals(key)) {
                throw new RenderException(webhook.orderKey().source().origin() + ": orderedBy of " + webhook.code()
                        + " must not use secrets: keys are stored and shown");
            }
            return key;
        }
    }

    private String apply(CompiledWebhook webhook, CompiledWebhook.NamedTemplate template, Map<String, Object> model,
                         String nonce, Watchdog.Guard guard) {
        boolean body = template == webhook.body();
        LimitedWriter out = body ? new LimitedWriter(limits.bodyBytes(), true) : new LimitedWriter(limits.lineChars(), false);
        String what = template.name() + " of " + webhook.code();
        try {
            template.compiled().process(model, out);
            return SecretRefs.seal(out.toString(), nonce);
        } catch (LimitedWriter.OverLimit e) {
            throw new RenderException(template.source().origin() + ": " + what + " renders more than "
                    + (body ? limits.bodyBytes() + " bytes, the largest body a request may have"
                    : limits.lineChars() + " characters, the longest " + (template == webhook.url() ? "URL" : "header value")
                    + " a request may have"));
        } catch (TemplateException e) {
            if (guard.tripped() != null || out.over()) {
                throw stopped(template, what, guard, out);
            }
            SourcePosition at = e.getLineNumber() == null ? template.source().origin()
                    : template.source().locate(e.getLineNumber(), e.getColumnNumber());
            throw new RenderException(at + ": " + what + " failed: "
                    + TemplateEngine.summary(e.getMessageWithoutStackTop()));
        } catch (IOException e) {
            throw new RenderException(template.source().origin() + ": " + what + " failed: " + e.getMessage());
        } catch (StackOverflowError e) {
            throw new RenderException(template.source().origin() + ": " + what + " nests calls too deeply (a macro or "
                    + "function that keeps calling itself?)");
        } catch (OutOfMemoryError e) {
            // A built-in asked for more memory than there is in one piece (a pad to a billion characters): the
            // allocation failed, so nothing of it is left to free.
            throw new RenderException(template.source().origin() + ": " + what + " needs more memory than rendering "
                    + "may use");
        } catch (RuntimeException e) {
            // FreeMarker's own interruption check ends the render with an unchecked exception of its own.
            if (guard.tripped() != null || Thread.currentThread().isInterrupted()) {
                throw stopped(template, what, guard, out);
            }
            throw new RenderException(template.source().origin() + ": " + what + " failed: "
                    + TemplateEngine.firstLine(String.valueOf(e.getMessage())));
        }
    }

    private RenderException stopped(CompiledWebhook.NamedTemplate template, String what, Watchdog.Guard guard,
                                    LimitedWriter out) {
        Watchdog.Reason reason = guard.tripped();
        String why = reason == Watchdog.Reason.TIME
                ? "took longer than " + limits.time().toMillis() + " ms to render, the render time limit"
                : reason == Watchdog.Reason.MEMORY
                ? "allocated more than " + (limits.allocation() >> 20) + " MiB while rendering, the render memory limit"
                : out.over() ? "wrote past its output limit"
                : "was interrupted by the thread rendering it";
        return new RenderException(template.source().origin() + ": " + what + " " + why + ": stopped");
    }

    private static void checkJson(CompiledWebhook webhook, String body) {
        try {
            STRICT_JSON.readTree(body);
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
