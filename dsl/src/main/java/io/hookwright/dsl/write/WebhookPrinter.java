package io.hookwright.dsl.write;

import io.hookwright.dsl.model.Criterion;
import io.hookwright.dsl.model.EventPattern;
import io.hookwright.dsl.model.ExecutionSpec;
import io.hookwright.dsl.model.Header;
import io.hookwright.dsl.model.Label;
import io.hookwright.dsl.model.Ordering;
import io.hookwright.dsl.model.RequestSpec;
import io.hookwright.dsl.model.RetryPolicy;
import io.hookwright.dsl.model.SourcePosition;
import io.hookwright.dsl.model.Template;
import io.hookwright.dsl.model.WebhookDefinition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes a webhook's definition as the Groovy a person would write, in the samples' layout: one statement per line,
 * four spaces per block, a block or a word only when it says something (no empty {@code filter}, no
 * {@code active true}, no {@code execution} block with only defaults). Loading the printed block gives the same
 * definition back, wherever it was written; every definition the loader gives can be printed except one with a
 * {@code where} closure, whose code only its file holds.
 */
public final class WebhookPrinter {
    private static final String TEMPLATES = "templates/";
    /** A language a label names without quotes: {@code en:}, {@code fr:}, {@code pt_BR:}. */
    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> KEYWORDS = Set.of("as", "assert", "break", "case", "catch", "class", "const",
            "continue", "def", "default", "do", "else", "enum", "extends", "false", "finally", "for", "goto", "if",
            "implements", "import", "in", "instanceof", "interface", "new", "null", "package", "return", "super",
            "switch", "this", "throw", "throws", "trait", "true", "try", "var", "while", "yield", "non-sealed",
            "permits", "record", "sealed");

    private final WebhookDefinition webhook;
    private final Lines lines = new Lines();

    private WebhookPrinter(WebhookDefinition webhook) {
        this.webhook = webhook;
    }

    /** The {@code webhook('code') { … }} block of a definition, or why it cannot be printed. */
    public static PrintResult print(WebhookDefinition webhook) {
        Optional<Criterion.Where> where = firstWhere(webhook.filter());
        if (where.isPresent()) {
            SourcePosition at = where.get().position();
            return new PrintResult.NotPrintable(PrintResult.Reason.WHERE_CLOSURE, at, "uses a where closure (line "
                    + at.line() + "), which only its file can express");
        }
        try {
            return new PrintResult.Printed(new WebhookPrinter(webhook).block());
        } catch (Unwritable e) {
            return e.result;
        }
    }

    private static Optional<Criterion.Where> firstWhere(List<Criterion> criteria) {
        for (Criterion criterion : criteria) {
            Optional<Criterion.Where> found = switch (criterion) {
                case Criterion.Where w -> Optional.of(w);
                case Criterion.AnyOf a -> firstWhere(a.criteria());
                case Criterion.Not n -> firstWhere(n.criteria());
                default -> Optional.empty();
            };
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private String block() {
        lines.open("webhook(" + GroovyText.quoted(webhook.code()) + ")");
        label(webhook.label());
        if (!webhook.description().isEmpty()) {
            lines.add("description " + GroovyText.quoted(webhook.description()));
        }
        webhook.owner().ifPresent(owner -> lines.add("owner " + GroovyText.quoted(owner)));
        if (!webhook.active()) {
            lines.add("active false");
        }
        if (!webhook.events().isEmpty()) {
            lines.add("on " + webhook.events().stream().map(EventPattern::toString).map(GroovyText::quoted)
                    .collect(Collectors.joining(", ")));
        }
        webhook.tenant().ifPresent(tenant -> lines.add("tenant " + GroovyText.quoted(tenant)));
        if (!webhook.filter().isEmpty()) {
            lines.open("filter");
            criteria(webhook.filter());
            lines.close();
        }
        request(webhook.request());
        execution(webhook.execution());
        lines.close();
        return lines.text();
    }

    /** Left out when it is the code (what the loader gives a webhook without a label). */
    private void label(Label label) {
        Map<String, String> texts = label.byLanguage();
        if (texts.isEmpty() || label.equals(Label.of(webhook.code()))) {
            return;
        }
        if (texts.size() == 1 && texts.containsKey("")) {
            lines.add("label " + GroovyText.quoted(label.text()));
            return;
        }
        List<String> named = new ArrayList<>();
        texts.forEach((language, text) -> named.add(key(language) + ": " + GroovyText.quoted(text)));
        lines.add("label " + String.join(", ", named));
    }

    private static String key(String language) {
        return BARE_KEY.matcher(language).matches() && !KEYWORDS.contains(language) ? language
                : GroovyText.quoted(language);
    }

    private void criteria(List<Criterion> criteria) {
        for (Criterion criterion : criteria) {
            criterion(criterion);
        }
    }

    private void criterion(Criterion criterion) {
        switch (criterion) {
            case Criterion.Compare c -> lines.add(field(c.path()) + " " + c.operator().symbol() + " "
                    + value(c.value(), c.position()));
            case Criterion.Contains c -> lines.add(field(c.path()) + ".contains" + arguments(List.of(c.value()),
                    c.position()));
            case Criterion.In in -> lines.add(field(in.path()) + ".in" + arguments(in.values(), in.position()));
            case Criterion.Matches m -> lines.add(field(m.path()) + ".matches " + GroovyText.quoted(m.regex()));
            case Criterion.Present p -> lines.add(field(p.path()) + ".present()");
            case Criterion.Missing m -> lines.add(field(m.path()) + ".missing()");
            case Criterion.Changed c -> lines.add(changed(c));
            case Criterion.AnyOf a -> nested("anyOf", a.criteria());
            case Criterion.Not n -> nested("not", n.criteria());
            case Criterion.Where w -> throw new IllegalStateException("where closures are refused before printing");
        }
    }

    private void nested(String word, List<Criterion> criteria) {
        lines.open(word);
        criteria(criteria);
        lines.close();
    }

    private static String field(String path) {
        return "field(" + GroovyText.quoted(path) + ")";
    }

    /** {@code changed 'Status'}, or {@code changed('Status').from('On track').to('Done')}. */
    private static String changed(Criterion.Changed c) {
        if (!c.hasFrom() && !c.hasTo()) {
            return "changed " + GroovyText.quoted(c.field());
        }
        StringBuilder text = new StringBuilder("changed(").append(GroovyText.quoted(c.field())).append(')');
        if (c.hasFrom()) {
            text.append(".from(").append(value(c.from(), c.position())).append(')');
        }
        if (c.hasTo()) {
            text.append(".to(").append(value(c.to(), c.position())).append(')');
        }
        return text.toString();
    }

    /** {@code  'a', 'b'} after a word; in brackets when the first is negative ({@code x -1} would subtract). */
    private static String arguments(List<Object> values, SourcePosition at) {
        List<String> written = values.stream().map(v -> value(v, at)).toList();
        String joined = String.join(", ", written);
        return !written.isEmpty() && GroovyText.negative(written.get(0)) ? "(" + joined + ")" : " " + joined;
    }

    private static String value(Object value, SourcePosition at) {
        return GroovyText.value(value).orElseThrow(() -> new Unwritable(at, "holds a value no definition can write ("
                + value.getClass().getSimpleName() + ")"));
    }

    private void request(RequestSpec request) {
        lines.open("request");
        lines.add(request.method().toLowerCase(Locale.ROOT) + " " + GroovyText.quoted(request.url().source()));
        for (Header header : request.headers()) {
            lines.add("header " + GroovyText.quoted(header.name()) + ", " + GroovyText.quoted(header.value().source()));
        }
        request.body().ifPresent(body -> lines.add("body " + body(body)));
        if (!request.signingSecrets().isEmpty()) {
            lines.add("signingSecret " + request.signingSecrets().stream().map(GroovyText::quoted)
                    .collect(Collectors.joining(", ")));
        }
        lines.close();
    }

    /** {@code template('file.ftl')} for a template file, the text itself ({@code '''…'''} over several lines) else. */
    private static String body(Template body) {
        if (!body.inline()) {
            String name = body.name().startsWith(TEMPLATES) ? body.name().substring(TEMPLATES.length()) : body.name();
            return "template(" + GroovyText.quoted(name) + ")";
        }
        String text = body.source();
        return text.indexOf('\n') >= 0 ? GroovyText.tripleQuoted(text) : GroovyText.quoted(text);
    }

    /**
     * Left out when every option is the default. Otherwise it says the mode in full (synchronous and transaction,
     * as the samples do, since they are read together), then a timeout or retry that differs from the default.
     */
    private void execution(ExecutionSpec execution) {
        if (execution.equals(ExecutionSpec.defaults())) {
            return;
        }
        lines.open("execution");
        lines.add("synchronous " + execution.synchronous());
        lines.add("transaction " + GroovyText.quoted(execution.transaction().word()));
        if (!ExecutionSpec.DEFAULT_TIMEOUT.equals(execution.timeout())) {
            lines.add("timeout " + duration(execution.timeout()));
        }
        switch (execution.retry()) {
            case RetryPolicy.EngineDefault d -> {
                // the engine's own schedule: nothing to write
            }
            case RetryPolicy.Attempts a -> lines.add("retry attempts: " + a.max());
            case RetryPolicy.Waits w -> lines.add("retry " + (w.beforeEachRetry().isEmpty() ? "false"
                    : w.beforeEachRetry().stream().map(this::duration).collect(Collectors.joining(", "))));
        }
        execution.ordering().ifPresent(o -> lines.add("orderedBy " + GroovyText.quoted(o.key().source())
                + (o.onFailure() == Ordering.OnFailure.SKIP ? "" : ", onFailure: " + GroovyText.quoted(o.onFailure().word()))));
        lines.close();
    }

    private String duration(Duration duration) {
        return GroovyText.duration(duration).orElseThrow(() -> new Unwritable(webhook.origin(), "holds a duration "
                + "no definition can write (" + duration + "): durations are whole ms, s, m or h"));
    }

    /** Something of the definition has no literal; printing stops and says what. */
    private static final class Unwritable extends RuntimeException {
        private final transient PrintResult.NotPrintable result;

        Unwritable(SourcePosition at, String message) {
            super(message, null, false, false);
            this.result = new PrintResult.NotPrintable(PrintResult.Reason.UNWRITABLE_VALUE, at, message);
        }
    }
}
