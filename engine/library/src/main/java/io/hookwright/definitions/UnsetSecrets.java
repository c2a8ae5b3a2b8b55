package io.hookwright.definitions;

import io.hookwright.dsl.model.DefinitionError;
import io.hookwright.dsl.model.Header;
import io.hookwright.dsl.model.RuleSet;
import io.hookwright.dsl.model.Template;
import io.hookwright.dsl.model.WebhookDefinition;
import io.hookwright.render.Secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secrets the definitions name that are not set: a {@code signingSecret} or a {@code ${secrets.NAME}} written in
 * a template. Each would fail every attempt of its webhook (and count toward its deactivation), so {@code serve}
 * and reload warn of them and {@code validate --secrets} refuses them. A name computed while rendering is not
 * seen here; the send still says it is missing.
 */
public final class UnsetSecrets {
    /** {@code secrets.NAME} or {@code secrets["NAME"]} / {@code secrets['NAME']} in FreeMarker text. */
    private static final Pattern REFERENCE = Pattern.compile(
            "\\bsecrets(?:\\.([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*[\"']([^\"']+)[\"']\\s*])");

    private UnsetSecrets() {
    }

    /** One problem per secret and place, in the definitions' order, worded for the file:line:col listing. */
    public static List<DefinitionError> in(RuleSet rules, Secrets secrets) {
        List<DefinitionError> found = new ArrayList<>();
        for (WebhookDefinition webhook : rules.webhooks()) {
            for (String name : webhook.request().signingSecrets()) {
                if (!secrets.has(name)) {
                    found.add(DefinitionError.at(webhook.origin(), message(webhook, name, "signs with")));
                }
            }
            List<Template> templates = new ArrayList<>();
            templates.add(webhook.request().url());
            webhook.request().headers().stream().map(Header::value).forEach(templates::add);
            webhook.request().body().ifPresent(templates::add);
            for (Template template : templates) {
                references(webhook, template, secrets, found);
            }
        }
        return found;
    }

    private static void references(WebhookDefinition webhook, Template template, Secrets secrets,
                                   List<DefinitionError> found) {
        Matcher matcher = REFERENCE.matcher(template.source());
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            if (!secrets.has(name)) {
                String before = template.source().substring(0, matcher.start());
                int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
                int column = matcher.start() - before.lastIndexOf('\n');
                found.add(DefinitionError.at(template.locate(line, column), message(webhook, name, "uses")));
            }
        }
    }

    private static String message(WebhookDefinition webhook, String name, String verb) {
        return "webhook '" + webhook.code() + "' " + verb + " secret " + name + ", which is not set: set "
                + Secrets.ENV_PREFIX + name + " or add " + name + "=... to the secrets file";
    }
}
