package io.hookwright.dsl.load;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.lang.GroovyObjectSupport;
import io.hookwright.dsl.model.Criterion;
import io.hookwright.dsl.model.EventPattern;
import io.hookwright.dsl.model.ExecutionSpec;
import io.hookwright.dsl.model.Label;
import io.hookwright.dsl.model.RequestSpec;
import io.hookwright.dsl.model.SourcePosition;
import io.hookwright.dsl.model.WebhookDefinition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The words of {@code webhook('code') { … }}. */
public final class WebhookContext extends GroovyObjectSupport {
    private static final Pattern CODE = Pattern.compile("[a-z0-9_]+");

    private final LoadSession session;
    private final String code;
    private final SourcePosition origin;
    private final SourcePosition codeAt;
    private Label label;
    private String description = "";
    private String owner;
    private boolean active = true;
    private final List<EventPattern> events = new ArrayList<>();
    private final List<SourcePosition> eventsAt = new ArrayList<>();
    private String tenant;
    private final List<Criterion> filter = new ArrayList<>();
    private RequestContext request;
    private SourcePosition requestAt;
    /** An {@code on} was written but was wrong: do not also say that the webhook listens to no event. */
    private boolean eventError;
    private ExecutionSpec execution = ExecutionSpec.defaults();

    WebhookContext(LoadSession session, String code, SourcePosition origin, SourcePosition codeAt) {
        this.session = session;
        this.code = code;
        this.origin = origin;
        this.codeAt = codeAt;
    }

    /** {@code label 'Create SharePoint space'}. */
    public void label(Object text) {
        if (text instanceof CharSequence s && !s.toString().isBlank()) {
            label = Label.of(s.toString());
        } else {
            session.error(session.argument("label", 0),
                    "label needs text in quotes, or one per language: label en: '…', fr: '…'");
        }
    }

    /** {@code label en: 'Create SharePoint space', fr: 'Créer un espace SharePoint'}. */
    public void label(Map<?, ?> byLanguage) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : byLanguage.entrySet()) {
            if (!(entry.getValue() instanceof String || entry.getValue() instanceof groovy.lang.GString)) {
                session.error(session.namedArgument("label", String.valueOf(entry.getKey()), true), "label "
                        + entry.getKey() + ": takes text in quotes, not " + Values.describe(entry.getValue()));
                return;
            }
            texts.put(String.valueOf(entry.getKey()), entry.getValue().toString());
        }
        if (texts.isEmpty()) {
            session.error("label", "label needs at least one language: label en: '…'");
            return;
        }
        label = new Label(texts);
    }

    public void description(Object text) {
        description = text(text, "description");
    }

    public void owner(Object who) {
        owner = text(who, "owner");
    }

    public void active(Object on) {
        if (on instanceof Boolean b) {
            active = b;
        } else {
            session.error(session.argument("active", 0), "active takes true or false, not " + Values.describe(on));
        }
    }

    /** {@code on 'Project:Created', 'Task:*', '*:Deleted'}. */
    public void on(Object... types) {
        if (types.length == 0) {
            eventError = true;
            session.error("on", "on needs at least one event type, e.g. on 'Project:Created'");
        }
        for (int i = 0; i < types.length; i++) {
            for (Object type : Values.flatten(new Object[]{types[i]})) {
                EventPattern pattern = type instanceof String s ? EventPattern.parse(s.trim()) : null;
                if (!(type instanceof String)) {
                    eventError = true;
                    session.error(session.argument("on", i), "on takes event types in quotes, e.g. "
                            + "on 'Project:Created', not " + Values.describe(type));
                } else if (pattern == null) {
                    eventError = true;
                    session.error(session.argument("on", i), "'" + type + "' is not an event type: write "
                            + "Entity:Action, e.g. 'Project:Created', 'Task:*' or '*:Deleted'");
                } else if (!events.contains(pattern)) {
                    events.add(pattern);
                    eventsAt.add(session.argument("on", i));
                }
            }
        }
    }

    public void tenant(Object name) {
        tenant = text(name, "tenant");
    }

    public void filter(@DelegatesTo(value = FilterContext.class, strategy = Closure.DELEGATE_ONLY) Closure<?> body) {
        FilterContext context = new FilterContext(session);
        Blocks.run(body, context);
        filter.addAll(context.criteria());
    }

    public void request(@DelegatesTo(value = RequestContext.class, strategy = Closure.DELEGATE_ONLY) Closure<?> body) {
        if (request != null) {
            session.error("request", "webhook '" + code + "' has two request blocks; keep one");
            return;
        }
        requestAt = session.here("request");
        request = new RequestContext(session, code);
        Blocks.run(body, request);
    }

    public void execution(@DelegatesTo(value = ExecutionContext.class, strategy = Closure.DELEGATE_ONLY) Closure<?> body) {
        ExecutionContext context = new ExecutionContext(session);
        Blocks.run(body, context);
        execution = context.build();
    }

    private String text(Object value, String word) {
        if (value instanceof String || value instanceof groovy.lang.GString) {
            CharSequence s = (CharSequence) value;
            return s.toString();
        }
        session.error(session.argument(word, 0), word + " takes text in quotes, not " + Values.describe(value));
        return null;
    }

    /** The finished definition, or null when something required is missing (the error is recorded). */
    WebhookDefinition build() {
        int before = session.errorCount();
        if (!CODE.matcher(code).matches()) {
            session.error(codeAt, "webhook code '" + code + "' may hold only lowercase letters, digits and _ "
                    + "(e.g. '" + suggestedCode() + "')");
        }
        if (events.isEmpty() && !eventError) {
            session.error(origin, "webhook '" + code + "' listens to no event: add on 'Project:Created' (or another Entity:Action)");
        }
        RequestSpec spec = request == null ? null : request.build();
        if (request == null) {
            session.error(origin, "webhook '" + code + "' has no URL: add request { post 'https://…' }");
        } else if (spec == null && !request.hadTargetError()) {
            session.error(requestAt, "request { } of webhook '" + code + "' has no URL: add get, post, put, patch "
                    + "or delete 'https://…'");
        }
        if (session.errorCount() > before || spec == null) {
            return null;
        }
        return new WebhookDefinition(code, label == null ? Label.of(code) : label, description,
                Optional.ofNullable(owner), active, events, Optional.ofNullable(tenant), filter, spec, execution, origin,
                eventsAt);
    }

    /**
     * A word this block does not know, or one of its words given arguments it does not take. The loader has
     * already reported an unknown word (it only runs files whose unknown words cannot run anything); it is
     * recorded again here, at the same place, in case it was reached another way.
     */
    public Object methodMissing(String name, Object args) {
        session.error(name, Vocabulary.WEBHOOK.missing(name));
        return Ignored.INSTANCE;
    }

    private String suggestedCode() {
        String s = code.toLowerCase().replaceAll("[^a-z0-9_]+", "_").replaceAll("^_+|_+$", "");
        return s.isEmpty() ? "my_webhook" : s;
    }
}
