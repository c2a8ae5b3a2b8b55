package io.hookwright.render;

import io.hookwright.dsl.model.DefinitionError;
import io.hookwright.dsl.model.Header;
import io.hookwright.dsl.model.RuleSet;
import io.hookwright.dsl.model.Template;
import io.hookwright.dsl.model.WebhookDefinition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Compiles every template of a rule set; a template file used by several webhooks is compiled and reported once. */
public final class TemplateCompiler {
    private final TemplateEngine engine;

    public TemplateCompiler(TemplateEngine engine) {
        this.engine = engine;
    }

    public record Result(List<CompiledWebhook> webhooks, List<DefinitionError> errors) {
    }

    public Result compile(RuleSet rules) {
        Map<String, TemplateEngine.Compiled> files = new HashMap<>();
        List<CompiledWebhook> webhooks = new ArrayList<>();
        List<DefinitionError> errors = new ArrayList<>();
        for (WebhookDefinition webhook : rules.webhooks()) {
            CompiledWebhook.NamedTemplate url = compile("url", webhook.request().url(), files, errors);
            List<CompiledWebhook.NamedTemplate> headers = new ArrayList<>();
            for (Header header : webhook.request().headers()) {
                headers.add(compile(header.name(), header.value(), files, errors));
            }
            CompiledWebhook.NamedTemplate body = webhook.request().body()
                    .map(t -> compile("body", t, files, errors)).orElse(null);
            boolean complete = url.compiled() != null && headers.stream().allMatch(h -> h.compiled() != null)
                    && (body == null || body.compiled() != null);
            if (complete) {
                webhooks.add(new CompiledWebhook(webhook, url, headers, body));
            }
        }
        return new Result(webhooks, errors);
    }

    private CompiledWebhook.NamedTemplate compile(String name, Template template,
                                                  Map<String, TemplateEngine.Compiled> files,
                                                  List<DefinitionError> errors) {
        TemplateEngine.Compiled compiled;
        if (template.inline()) {
            compiled = engine.compile(template);
            if (compiled.error() != null) {
                errors.add(compiled.error());
            }
        } else {
            boolean first = !files.containsKey(template.name());
            compiled = files.computeIfAbsent(template.name(), n -> engine.compile(template));
            // A broken file is reported once, though every webhook using it stays out of the rule set.
            if (compiled.error() != null && first) {
                errors.add(compiled.error());
            }
        }
        return new CompiledWebhook.NamedTemplate(name, template, compiled.template());
    }
}
