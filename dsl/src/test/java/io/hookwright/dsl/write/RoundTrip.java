package io.hookwright.dsl.write;

import io.hookwright.dsl.load.DefinitionLoader;
import io.hookwright.dsl.load.LoadResult;
import io.hookwright.dsl.model.Criterion;
import io.hookwright.dsl.model.DefinitionError;
import io.hookwright.dsl.model.ExecutionSpec;
import io.hookwright.dsl.model.Header;
import io.hookwright.dsl.model.Ordering;
import io.hookwright.dsl.model.RequestSpec;
import io.hookwright.dsl.model.SourcePosition;
import io.hookwright.dsl.model.Template;
import io.hookwright.dsl.model.WebhookDefinition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loads definitions written by a test, prints them, and loads what was printed, comparing models without places. */
final class RoundTrip {
    /** Limits far above what these tests need, so a busy machine cannot fail them. */
    static final DefinitionLoader LOADER = new DefinitionLoader(Duration.ofSeconds(10), Duration.ofSeconds(30));
    private static final SourcePosition NOWHERE = SourcePosition.of("-");

    private RoundTrip() {
    }

    /** Writes {@code hook.groovy} (and templates, as name, text pairs) in a new folder under {@code dir} and loads it. */
    static LoadResult load(Path dir, String text, String... templates) {
        Path folder = newFolder(dir);
        write(folder.resolve("hook.groovy"), text);
        for (int i = 0; i + 1 < templates.length; i += 2) {
            write(folder.resolve("templates").resolve(templates[i]), templates[i + 1]);
        }
        return valid(LOADER.load(folder));
    }

    static WebhookDefinition loadOne(Path dir, String text, String... templates) {
        List<WebhookDefinition> webhooks = load(dir, text, templates).ruleSet().webhooks();
        assertEquals(1, webhooks.size(), "webhooks loaded");
        return webhooks.get(0);
    }

    static LoadResult valid(LoadResult result) {
        assertTrue(result.valid(), () -> "expected no errors, got:\n"
                + result.errors().stream().map(DefinitionError::format).collect(Collectors.joining("\n")));
        return result;
    }

    static String printed(WebhookDefinition webhook) {
        PrintResult result = WebhookPrinter.print(webhook);
        return assertInstanceOf(PrintResult.Printed.class, result, () -> webhook.code() + ": " + result).groovy();
    }

    /**
     * Prints the webhook, loads the print in a folder holding the same templates as {@code templatesOf} (if any),
     * asserts the same model and the same print again, and gives the print.
     */
    static String assertRoundTrip(Path dir, Path templatesOf, WebhookDefinition webhook) {
        String groovy = printed(webhook);
        Path folder = newFolder(dir);
        copyTemplates(templatesOf, folder);
        write(folder.resolve("printed.groovy"), groovy);
        List<WebhookDefinition> loaded = valid(LOADER.load(folder)).ruleSet().webhooks();
        assertEquals(1, loaded.size(), "webhooks loaded from the print");
        assertEquals(withoutPositions(webhook), withoutPositions(loaded.get(0)), () -> "the print loads as another "
                + "model:\n" + groovy);
        assertEquals(groovy, printed(loaded.get(0)), "printing what was printed gives the same text");
        return groovy;
    }

    static void copyTemplates(Path from, Path to) {
        if (from == null || !Files.isDirectory(from.resolve("templates"))) {
            return;
        }
        try (Stream<Path> files = Files.walk(from.resolve("templates"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path newFolder(Path dir) {
        try {
            return Files.createTempDirectory(dir, "defs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The model with every place (of the webhook, its criteria and its templates) left out. */
    static WebhookDefinition withoutPositions(WebhookDefinition w) {
        return new WebhookDefinition(w.code(), w.label(), w.description(), w.owner(), w.active(), w.events(),
                w.tenant(), criteria(w.filter()), request(w.request()), execution(w.execution()), NOWHERE);
    }

    private static ExecutionSpec execution(ExecutionSpec e) {
        return new ExecutionSpec(e.synchronous(), e.transaction(), e.timeout(), e.retry(), e.ordering()
                .map(o -> new Ordering(template(o.key()), o.onFailure())));
    }

    private static List<Criterion> criteria(List<Criterion> criteria) {
        return criteria.stream().map(RoundTrip::criterion).toList();
    }

    private static Criterion criterion(Criterion c) {
        return switch (c) {
            case Criterion.Compare x -> new Criterion.Compare(x.path(), x.operator(), x.value(), NOWHERE);
            case Criterion.Contains x -> new Criterion.Contains(x.path(), x.value(), NOWHERE);
            case Criterion.In x -> new Criterion.In(x.path(), x.values(), NOWHERE);
            case Criterion.Matches x -> new Criterion.Matches(x.path(), x.regex(), NOWHERE);
            case Criterion.Present x -> new Criterion.Present(x.path(), NOWHERE);
            case Criterion.Missing x -> new Criterion.Missing(x.path(), NOWHERE);
            case Criterion.Changed x -> new Criterion.Changed(x.field(), x.hasFrom(), x.from(), x.hasTo(), x.to(), NOWHERE);
            case Criterion.AnyOf x -> new Criterion.AnyOf(criteria(x.criteria()), NOWHERE);
            case Criterion.Not x -> new Criterion.Not(criteria(x.criteria()), NOWHERE);
            case Criterion.Where x -> new Criterion.Where(x.predicate(), NOWHERE);
        };
    }

    private static RequestSpec request(RequestSpec r) {
        return new RequestSpec(r.method(), template(r.url()),
                r.headers().stream().map(h -> new Header(h.name(), template(h.value()))).toList(),
                r.body().map(RoundTrip::template), r.signingSecrets());
    }

    private static Template template(Template t) {
        return new Template(t.name(), t.source(), NOWHERE, t.inline());
    }
}
