package io.hookwright.definitions;

import io.hookwright.dsl.model.RuleSet;
import io.hookwright.match.Matcher;
import io.hookwright.render.CompiledWebhook;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A definitions folder, compiled: its rules, their compiled templates and the event index. Immutable. */
public final class CompiledDefinitions {
    private final RuleSet rules;
    private final Map<String, CompiledWebhook> byCode = new LinkedHashMap<>();
    private final Matcher matcher;

    public CompiledDefinitions(RuleSet rules, List<CompiledWebhook> webhooks) {
        this.rules = rules;
        webhooks.forEach(w -> byCode.put(w.code(), w));
        this.matcher = new Matcher(rules.webhooks());
    }

    public RuleSet rules() {
        return rules;
    }

    public Matcher matcher() {
        return matcher;
    }

    public Optional<CompiledWebhook> webhook(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public CompiledWebhook compiled(String code) {
        return webhook(code).orElseThrow(() -> new IllegalArgumentException("no webhook " + code));
    }

    public int size() {
        return byCode.size();
    }
}
