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

    /** A template file compiled for one kind of output: the same file may be a JSON body here, a text body there. */
    private record FileUse(String name, TemplateKind kind) {
    }

    public Result compile(RuleSet rules) {
        Map<FileUse, TemplateEngine.Compiled> files = new HashMap<>();
        List<CompiledWebhook> webhooks = new ArrayList<>();
        List<DefinitionError> errors = new ArrayList<>();
        for (WebhookDefinition webhook : rules.webhooks()) {
            CompiledWebhook.NamedTemplate url = compile("url", webhook.request().url(), TemplateKind.URL, files, errors);
            List<CompiledWebhook.NamedTemplate> headers = new ArrayList<>();
            for (Header header : webhook.request().headers()) {
                headers.add(compile(header.name(), header.value(), TemplateKind.HEADER, files, errors));
            }
            TemplateKind bodyKind = CompiledWebhook.declaresJson(webhook) ? TemplateKind.JSON_BODY : TemplateKind.TEXT_BODY;
            CompiledWebhook.NamedTemplate body = webhook.request().body()
                    .map(t -> compile("body", t, bodyKind, files, errors)).orElse(null);
            CompiledWebhook.NamedTemplate orderKey = webhook.execution().ordering()
                    .map(o -> compile("orderedBy", o.key(), TemplateKind.HEADER, files, errors)).orElse(null);
            boolean complete = url.compiled() != null && headers.stream().allMatch(h -> h.compiled() != null)
                    && (body == null || body.compiled() != null) && (orderKey == null || orderKey.compiled() != null);
            if (complete) {
                webhooks.add(new CompiledWebhook(webhook, url, headers, body, orderKey));
            }
        }
        return new Result(webhooks, errors);
    }

    private CompiledWebhook.NamedTemplate compile(String name, Template template, TemplateKind kind,
                                                  Map<FileUse, TemplateEngine.Compiled> files,
                                                  List<DefinitionError> errors) {
        TemplateEngine.Compiled compiled;
        if (template.inline()) {
            compiled = engine.compile(template, kind);
            if (compiled.error() != null) {
                errors.add(compiled.error());
            }
        } else {
            boolean first = files.keySet().stream().noneMatch(use -> use.name().equals(template.name()));
            compiled = files.computeIfAbsent(new FileUse(template.name(), kind), n -> engine.compile(template, kind));
            // A broken file is reported once, though every webhook using it stays out of the rule set.
            if (compiled.error() != null && first) {
                errors.add(compiled.error());
            }
        }
        return new CompiledWebhook.NamedTemplate(name, template, compiled.template());
    }
}
