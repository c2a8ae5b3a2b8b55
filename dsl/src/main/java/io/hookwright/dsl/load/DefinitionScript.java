package io.hookwright.dsl.load;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.lang.Script;
import io.hookwright.dsl.model.SourcePosition;
import io.hookwright.dsl.model.WebhookDefinition;

/**
 * The base class of every definition file: its one top-level word is {@code webhook('code') { … }}.
 */
public abstract class DefinitionScript extends Script {
    private LoadSession session;

    void attach(LoadSession session) {
        this.session = session;
    }

    /** Declares a webhook; {@code code} is its unique id, {@code [a-z0-9_]+}. */
    public void webhook(Object code, @DelegatesTo(value = WebhookContext.class, strategy = Closure.DELEGATE_ONLY) Closure<?> body) {
        SourcePosition at = session.here("webhook");
        SourcePosition codeAt = session.argument("webhook", 0);
        if (!(code instanceof CharSequence)) {
            session.error(codeAt, "webhook needs a code in quotes, e.g. webhook('sharepoint_space') { … }");
            return;
        }
        WebhookContext context = new WebhookContext(session, code.toString(), at, codeAt);
        Blocks.run(body, context);
        WebhookDefinition definition = context.build();
        if (definition != null) {
            session.add(definition);
        }
    }

    public void webhook(Object code) {
        session.error("webhook", "webhook('" + code + "') needs a body: webhook('" + code + "') { on 'Project:Created' … }");
    }

    /**
     * A word this block does not know, or one of its words given arguments it does not take. The loader has
     * already reported an unknown word (it only runs files whose unknown words cannot run anything); it is
     * recorded again here, at the same place, in case it was reached another way.
     */
    public Object methodMissing(String name, Object args) {
        session.error(name, Vocabulary.FILE.missing(name));
        return Ignored.INSTANCE;
    }

    @Override
    public Object getProperty(String name) {
        throw new IllegalArgumentException("unknown name '" + name + "'");
    }

    @Override
    public void setProperty(String name, Object value) {
        throw new IllegalArgumentException("unknown name '" + name + "'");
    }
}
