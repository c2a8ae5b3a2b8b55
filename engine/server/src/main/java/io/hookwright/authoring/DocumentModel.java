package io.hookwright.authoring;

import io.hookwright.authoring.WebhookDocument.AnyOfCondition;
import io.hookwright.authoring.WebhookDocument.ChangedCondition;
import io.hookwright.authoring.WebhookDocument.Condition;
import io.hookwright.authoring.WebhookDocument.Execution;
import io.hookwright.authoring.WebhookDocument.FieldCondition;
import io.hookwright.authoring.WebhookDocument.HeaderLine;
import io.hookwright.authoring.WebhookDocument.NotCondition;
import io.hookwright.authoring.WebhookDocument.WhereCondition;
import io.hookwright.dsl.load.Durations;
import io.hookwright.dsl.load.TemplateNames;
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
import io.hookwright.dsl.model.TransactionMode;
import io.hookwright.dsl.model.WebhookDefinition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A webhook document as the definition model the printer writes, and a loaded definition as a document. A document
 * is checked field by field on the way in, so a mistake is named where the client wrote it ({@code filter[1].op});
 * what only the whole folder can tell (a template that does not compile) is left to loading it.
 */
final class DocumentModel {
    static final String TEMPLATES = "templates/";
    static final Pattern CODE = Pattern.compile("[a-z0-9_]+");
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9_]+");
    private static final Set<String> VERBS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
    private static final Map<String, Criterion.Operator> COMPARISONS = Map.of(">", Criterion.Operator.GT,
            ">=", Criterion.Operator.GE, "<", Criterion.Operator.LT, "<=", Criterion.Operator.LE,
            "==", Criterion.Operator.EQ, "!=", Criterion.Operator.NE);
    static final String OPS = "> >= < <= == != contains in matches present missing";

    private DocumentModel() {
    }

    /** The definition a document says, as if written in {@code file}; {@link BadDocument} names what is wrong. */
    static WebhookDefinition definition(WebhookDocument doc, String file) {
        SourcePosition at = SourcePosition.of(file);
        if (doc.code() == null || !CODE.matcher(doc.code()).matches()) {
            throw BadDocument.value("code", "a code is lowercase letters, digits and _ ([a-z0-9_]+), not "
                    + quoted(doc.code()));
        }
        List<EventPattern> events = new ArrayList<>();
        if (doc.eventTypes().isEmpty()) {
            throw BadDocument.value("eventTypes", "name at least one event type, such as 'Project:Updated'");
        }
        for (int i = 0; i < doc.eventTypes().size(); i++) {
            EventPattern pattern = EventPattern.parse(doc.eventTypes().get(i));
            if (pattern == null) {
                throw BadDocument.value("eventTypes[" + i + "]", "an event type is Entity:Action ('Project:Updated', "
                        + "'Task:*', '*:Deleted'), not " + quoted(doc.eventTypes().get(i)));
            }
            events.add(pattern);
        }
        List<Criterion> filter = criteria(doc.filter(), "filter", at);
        return new WebhookDefinition(doc.code(), label(doc), doc.description() == null ? "" : doc.description(),
                Optional.ofNullable(doc.owner()), doc.active(), events, Optional.ofNullable(doc.tenant()), filter,
                request(doc, at), execution(doc.execution(), at), at);
    }

    private static Label label(WebhookDocument doc) {
        return doc.label().isEmpty() ? Label.of(doc.code()) : new Label(doc.label());
    }

    private static List<Criterion> criteria(List<Condition> conditions, String field, SourcePosition at) {
        List<Criterion> criteria = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            criteria.add(criterion(conditions.get(i), field + "[" + i + "]", at));
        }
        return criteria;
    }

    private static Criterion criterion(Condition condition, String field, SourcePosition at) {
        return switch (condition) {
            case FieldCondition f -> fieldCriterion(f, field, at);
            case ChangedCondition c -> {
                if (c.changed() == null || c.changed().isBlank()) {
                    throw BadDocument.value(field + ".changed", "name the field that changed");
                }
                scalar(c.from(), field + ".from");
                scalar(c.to(), field + ".to");
                yield new Criterion.Changed(c.changed(), c.hasFrom(), c.from(), c.hasTo(), c.to(), at);
            }
            case AnyOfCondition a -> {
                if (a.anyOf().isEmpty()) {
                    throw BadDocument.value(field + ".anyOf", "list at least one condition");
                }
                yield new Criterion.AnyOf(criteria(a.anyOf(), field + ".anyOf", at), at);
            }
            case NotCondition n -> {
                if (n.not().isEmpty()) {
                    throw BadDocument.value(field + ".not", "list at least one condition");
                }
                yield new Criterion.Not(criteria(n.not(), field + ".not", at), at);
            }
            case WhereCondition w -> throw BadDocument.value(field + ".where", "a where closure is code: only a "
                    + "definition file can hold one; write criteria instead, or edit the file");
        };
    }

    private static Criterion fieldCriterion(FieldCondition f, String field, SourcePosition at) {
        if (f.field() == null || f.field().isBlank()) {
            throw BadDocument.value(field + ".field", "name the field to test, such as 'Budget' or 'entity.key'");
        }
        String path = f.field();
        Criterion.Operator comparison = COMPARISONS.get(f.op());
        if (comparison != null) {
            return new Criterion.Compare(path, comparison, scalar(f.value(), field + ".value"), at);
        }
        return switch (f.op() == null ? "" : f.op()) {
            case "contains" -> new Criterion.Contains(path, scalar(f.value(), field + ".value"), at);
            case "in" -> {
                if (!(f.value() instanceof List<?> values) || values.isEmpty()) {
                    throw BadDocument.value(field + ".value", "'in' takes a list of values, such as "
                            + "[\"Approved\", \"Active\"]");
                }
                List<Object> checked = new ArrayList<>();
                for (int i = 0; i < values.size(); i++) {
                    checked.add(scalar(values.get(i), field + ".value[" + i + "]"));
                }
                yield new Criterion.In(path, checked, at);
            }
            case "matches" -> {
                if (!(f.value() instanceof String regex)) {
                    throw BadDocument.value(field + ".value", "'matches' takes a regular expression as text");
                }
                yield new Criterion.Matches(path, regex, at);
            }
            case "present" -> new Criterion.Present(path, at);
            case "missing" -> new Criterion.Missing(path, at);
            default -> throw BadDocument.value(field + ".op", "unknown op " + quoted(f.op()) + ": use one of " + OPS);
        };
    }

    /** A text, number, boolean or null: what a criterion compares with. */
    private static Object scalar(Object value, String field) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        throw BadDocument.value(field, "a value is a text, a number, true, false or null, not a list or an object");
    }

    private static RequestSpec request(WebhookDocument doc, SourcePosition at) {
        String verb = doc.httpVerb() == null ? "POST" : doc.httpVerb().toUpperCase(Locale.ROOT);
        if (!VERBS.contains(verb)) {
            throw BadDocument.value("httpVerb", "use GET, POST, PUT, PATCH or DELETE, not " + quoted(doc.httpVerb()));
        }
        if (doc.url() == null || doc.url().isBlank()) {
            throw BadDocument.value("url", "the request needs a URL (a template: ${…} may insert event values)");
        }
        List<Header> headers = new ArrayList<>();
        for (int i = 0; i < doc.headers().size(); i++) {
            HeaderLine line = doc.headers().get(i);
            if (line.name() == null || line.name().isBlank()) {
                throw BadDocument.value("headers[" + i + "].name", "a header needs a name");
            }
            if (line.value() == null) {
                throw BadDocument.value("headers[" + i + "].value", "a header needs a value");
            }
            headers.add(new Header(line.name(), inline("header " + line.name(), line.value(), at)));
        }
        if (doc.body() != null && doc.bodyTemplate() != null) {
            throw BadDocument.value("bodyTemplate", "give either body (inline) or bodyTemplate (a file), not both");
        }
        if (doc.bodyTemplateText() != null && doc.bodyTemplate() == null) {
            throw BadDocument.value("bodyTemplateText", "name the file it goes to in bodyTemplate");
        }
        Optional<Template> body = Optional.empty();
        if (doc.body() != null) {
            body = Optional.of(inline("body of " + doc.code(), doc.body(), at));
        } else if (doc.bodyTemplate() != null) {
            String wrong = TemplateNames.problem(doc.bodyTemplate());
            if (wrong != null) {
                throw BadDocument.value("bodyTemplate", "a file name under templates/, such as 'site.ftl': " + wrong);
            }
            String name = TEMPLATES + doc.bodyTemplate();
            body = Optional.of(new Template(name, "", SourcePosition.of(name), false));
        }
        if (doc.signingSecret().size() > 2) {
            throw BadDocument.value("signingSecret", "one secret name, or two while rotating");
        }
        for (int i = 0; i < doc.signingSecret().size(); i++) {
            String name = doc.signingSecret().get(i);
            if (name == null || !SECRET_NAME.matcher(name).matches()) {
                throw BadDocument.value("signingSecret[" + i + "]", "a secret name is letters, digits and _, not "
                        + quoted(name));
            }
        }
        return new RequestSpec(verb, inline("url of " + doc.code(), doc.url(), at), headers, body, doc.signingSecret());
    }

    private static Template inline(String name, String source, SourcePosition at) {
        return new Template(name, source, at, true);
    }

    private static ExecutionSpec execution(Execution execution, SourcePosition at) {
        if (execution == null) {
            return ExecutionSpec.defaults();
        }
        TransactionMode transaction = execution.transaction() == null ? TransactionMode.AFTER_COMMIT
                : TransactionMode.fromWord(execution.transaction()).orElseThrow(() -> BadDocument.value(
                "execution.transaction", "use 'inside' or 'after-commit', not " + quoted(execution.transaction())));
        Duration timeout = ExecutionSpec.DEFAULT_TIMEOUT;
        if (execution.timeout() != null) {
            timeout = Durations.parse(execution.timeout()).orElseThrow(() -> BadDocument.value(
                    "execution.timeout", Durations.FORMAT + ", not " + quoted(execution.timeout())));
            if (timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
                throw BadDocument.value("execution.timeout", "use more than 0 and at most 5m, not "
                        + quoted(execution.timeout()));
            }
        }
        RetryPolicy retry = retry(execution);
        if (execution.synchronous() && !retry.isDefault()) {
            throw BadDocument.value("execution.retry", "only queued webhooks (synchronous false) are retried");
        }
        return new ExecutionSpec(execution.synchronous(), transaction, timeout, retry, ordering(execution, at));
    }

    private static Optional<Ordering> ordering(Execution execution, SourcePosition at) {
        if (execution.orderedBy() == null) {
            if (execution.onFailure() != null) {
                throw BadDocument.value("execution.onFailure", "applies to a webhook with execution.orderedBy");
            }
            return Optional.empty();
        }
        if (execution.synchronous()) {
            throw BadDocument.value("execution.orderedBy", "only queued webhooks (synchronous false) keep an order");
        }
        if (execution.orderedBy().isBlank()) {
            throw BadDocument.value("execution.orderedBy", "give a template for the key, such as '${entity.id}'");
        }
        Ordering.OnFailure onFailure = execution.onFailure() == null ? Ordering.OnFailure.SKIP
                : Ordering.OnFailure.fromWord(execution.onFailure()).orElseThrow(() -> BadDocument.value(
                "execution.onFailure", "use 'skip' or 'block', not " + quoted(execution.onFailure())));
        return Optional.of(new Ordering(inline("orderedBy", execution.orderedBy(), at),
                onFailure));
    }

    private static RetryPolicy retry(Execution execution) {
        if (execution.attempts() != null) {
            if (execution.retry() != null) {
                throw BadDocument.value("execution.retry", "give either waits or attempts, not both");
            }
            if (execution.attempts() < 1 || execution.attempts() > RetryPolicy.MAX_ATTEMPTS) {
                throw BadDocument.value("execution.retry.attempts", "use 1 to " + RetryPolicy.MAX_ATTEMPTS
                        + " (attempts in all, the first included), not " + execution.attempts());
            }
            return RetryPolicy.attempts(execution.attempts());
        }
        if (execution.retry() == null) {
            return RetryPolicy.DEFAULT;
        }
        if (execution.retry().size() > RetryPolicy.MAX_RETRIES) {
            throw BadDocument.value("execution.retry", "at most " + RetryPolicy.MAX_RETRIES + " waits");
        }
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < execution.retry().size(); i++) {
            String text = execution.retry().get(i);
            String field = "execution.retry[" + i + "]";
            Duration wait = text == null ? null : Durations.parse(text).orElse(null);
            if (wait == null) {
                throw BadDocument.value(field, Durations.FORMAT + ", not " + quoted(text));
            }
            if (wait.compareTo(RetryPolicy.MAX_WAIT) > 0) {
                throw BadDocument.value(field, "a wait is 0 to 24h, not " + quoted(text));
            }
            waits.add(wait);
        }
        return RetryPolicy.waits(waits);
    }

    /** A loaded definition as a document. */
    static WebhookDocument document(WebhookDefinition w) {
        RequestSpec request = w.request();
        String body = null;
        String bodyTemplate = null;
        if (request.body().isPresent()) {
            Template t = request.body().get();
            if (t.inline()) {
                body = t.source();
            } else {
                bodyTemplate = t.name().startsWith(TEMPLATES) ? t.name().substring(TEMPLATES.length()) : t.name();
            }
        }
        return new WebhookDocument(w.code(), w.label().byLanguage(), w.description(), w.owner().orElse(null),
                w.active(), w.events().stream().map(EventPattern::toString).toList(), w.tenant().orElse(null),
                conditions(w.filter()), request.method(), request.url().source(),
                request.headers().stream().map(h -> new HeaderLine(h.name(), h.value().source())).toList(), body,
                bodyTemplate, null, request.signingSecrets(), execution(w.execution()));
    }

    private static List<Condition> conditions(List<Criterion> criteria) {
        return criteria.stream().map(DocumentModel::condition).toList();
    }

    private static Condition condition(Criterion criterion) {
        return switch (criterion) {
            case Criterion.Compare c -> new FieldCondition(c.path(), c.operator().symbol(), c.value());
            case Criterion.Contains c -> new FieldCondition(c.path(), "contains", c.value());
            case Criterion.In in -> new FieldCondition(in.path(), "in", in.values());
            case Criterion.Matches m -> new FieldCondition(m.path(), "matches", m.regex());
            case Criterion.Present p -> new FieldCondition(p.path(), "present", null);
            case Criterion.Missing m -> new FieldCondition(m.path(), "missing", null);
            case Criterion.Changed c -> new ChangedCondition(c.field(), c.hasFrom(), c.from(), c.hasTo(), c.to());
            case Criterion.AnyOf a -> new AnyOfCondition(conditions(a.criteria()));
            case Criterion.Not n -> new NotCondition(conditions(n.criteria()));
            case Criterion.Where w -> new WhereCondition(w.position().file(), w.position().line(),
                    w.position().column());
        };
    }

    private static Execution execution(ExecutionSpec e) {
        List<String> retry = e.retry().waits().map(waits -> waits.stream().map(w -> Durations.written(w).orElseThrow()).toList())
                .orElse(null);
        Integer attempts = e.retry() instanceof RetryPolicy.Attempts a ? a.max() : null;
        return new Execution(e.synchronous(), e.transaction().word(), Durations.written(e.timeout()).orElseThrow(), retry,
                attempts, e.ordering().map(o -> o.key().source()).orElse(null), e.ordering()
                .filter(o -> o.onFailure() != Ordering.OnFailure.SKIP).map(o -> o.onFailure().word()).orElse(null));
    }

    private static String quoted(String text) {
        return text == null ? "nothing" : "'" + text + "'";
    }
}
