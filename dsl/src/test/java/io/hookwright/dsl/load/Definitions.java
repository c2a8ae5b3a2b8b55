package io.hookwright.dsl.load;

import io.hookwright.dsl.model.Criterion;
import io.hookwright.dsl.model.DefinitionError;
import io.hookwright.dsl.model.EventPredicate;
import io.hookwright.dsl.model.WebhookDefinition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** A definitions folder written by a test, and helpers to look into what loading it gave. */
final class Definitions {
    /**
     * Limits far above what these tests need, so that a busy machine cannot fail a test about something else;
     * the tests of the limits build their own loader.
     */
    static final DefinitionLoader LOADER = new DefinitionLoader(Duration.ofSeconds(10), Duration.ofSeconds(30));

    private final Path folder;

    Definitions(Path folder) {
        this.folder = folder;
    }

    Definitions file(String name, String text) {
        try {
            Path path = folder.resolve(name);
            Files.createDirectories(path.getParent());
            Files.writeString(path, text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Definitions template(String name, String text) {
        return file("templates/" + name, text);
    }

    LoadResult load() {
        return LOADER.load(folder);
    }

    LoadResult load(DefinitionLoader loader) {
        return loader.load(folder);
    }

    /** Loads and requires no errors. */
    LoadResult loadValid() {
        LoadResult result = load();
        assertTrue(result.valid(), () -> "expected no errors, got:\n" + format(result.errors()));
        return result;
    }

    /** Loads one webhook without errors and returns it. */
    WebhookDefinition only() {
        LoadResult result = loadValid();
        assertEquals(1, result.ruleSet().webhooks().size(), "webhooks loaded");
        return result.ruleSet().webhooks().get(0);
    }

    Path folder() {
        return folder;
    }

    static String format(List<DefinitionError> errors) {
        return errors.stream().map(DefinitionError::format).collect(Collectors.joining("\n"));
    }

    /** The one error the load gave. */
    static DefinitionError single(LoadResult result) {
        assertEquals(1, result.errors().size(), () -> "expected exactly one error, got:\n" + format(result.errors()));
        return result.errors().get(0);
    }

    /** The error at a line and column, failing with every error listed when there is none there. */
    static DefinitionError errorAt(LoadResult result, String file, int line, int column) {
        return result.errors().stream()
                .filter(e -> e.file().equals(file) && e.line() == line && e.column() == column)
                .findFirst()
                .orElseGet(() -> fail("no error at " + file + ":" + line + ":" + column + "; errors:\n"
                        + format(result.errors())));
    }

    /** Asserts an error at exactly this place whose message holds every fragment. */
    static DefinitionError assertError(LoadResult result, String file, int line, int column, String... fragments) {
        DefinitionError error = errorAt(result, file, line, column);
        for (String fragment : fragments) {
            assertTrue(error.message().contains(fragment), () -> "the error at " + file + ":" + line + ":" + column
                    + " should mention \"" + fragment + "\": " + error.message() + "\nall errors:\n"
                    + format(result.errors()));
        }
        return error;
    }

    /** Every where closure of a webhook, nested ones included, in the order written. */
    static List<EventPredicate> wheres(WebhookDefinition webhook) {
        List<EventPredicate> found = new ArrayList<>();
        collectWheres(webhook.filter(), found);
        return found;
    }

    private static void collectWheres(List<Criterion> criteria, List<EventPredicate> found) {
        for (Criterion criterion : criteria) {
            switch (criterion) {
                case Criterion.Where w -> found.add(w.predicate());
                case Criterion.AnyOf a -> collectWheres(a.criteria(), found);
                case Criterion.Not n -> collectWheres(n.criteria(), found);
                default -> {
                }
            }
        }
    }

    /** A where closure's view of a Project:Updated event, in plain (mutable) maps and lists. */
    static Map<String, Object> event(Map<String, Object> attributes, Map<String, Object> before) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("type", "Project:Updated");
        view.put("tenant", "acme");
        view.put("attributes", new HashMap<>(attributes));
        view.put("before", before == null ? null : new HashMap<>(before));
        List<Map<String, Object>> changes = new ArrayList<>();
        if (before != null) {
            attributes.forEach((field, value) -> {
                if (!java.util.Objects.equals(before.get(field), value)) {
                    Map<String, Object> change = new LinkedHashMap<>();
                    change.put("field", field);
                    change.put("previous", before.get(field));
                    change.put("current", value);
                    changes.add(change);
                }
            });
        }
        view.put("changes", changes);
        view.put("entity", new LinkedHashMap<>(Map.of("type", "Project", "id", "p-1", "key", "DEMO")));
        view.put("parent", null);
        view.put("initiator", new LinkedHashMap<>(Map.of("userId", "u-1", "name", "Anna Doe",
                "login", "anna.doe@company.com")));
        view.put("event", new LinkedHashMap<>(Map.of("id", "evt-1", "type", "Project:Updated", "tenant", "acme")));
        return view;
    }
}
