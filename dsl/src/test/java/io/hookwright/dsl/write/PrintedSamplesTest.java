package io.hookwright.dsl.write;

import io.hookwright.dsl.model.Criterion;
import io.hookwright.dsl.model.WebhookDefinition;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every sample webhook printed: loading the print gives the same model, and printing that gives the same text. A
 * sample with a where closure is refused, saying where the closure is.
 */
class PrintedSamplesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"samples/webhooks", "samples/embedded/webhooks"})
    void everySampleWebhookPrintsAsTheSameModel(String folder) {
        Path samples = repositoryRoot().resolve(folder);
        List<WebhookDefinition> originals = RoundTrip.valid(RoundTrip.LOADER.load(samples)).ruleSet().webhooks();
        assertFalse(originals.isEmpty(), "webhooks in " + folder);
        List<String> prints = new ArrayList<>();
        List<WebhookDefinition> printable = new ArrayList<>();
        for (WebhookDefinition webhook : originals) {
            PrintResult result = WebhookPrinter.print(webhook);
            if (usesWhere(webhook)) {
                PrintResult.NotPrintable refused = assertInstanceOf(PrintResult.NotPrintable.class, result, webhook.code());
                assertEquals(PrintResult.Reason.WHERE_CLOSURE, refused.reason());
                assertTrue(refused.message().matches("uses a where closure \\(line \\d+\\), which only its file can "
                        + "express"), refused.message());
                assertTrue(sourceLine(samples, refused).contains("where {"), () -> "line " + refused.where() + " is "
                        + "the where closure");
            } else {
                prints.add(assertInstanceOf(PrintResult.Printed.class, result, webhook.code()).groovy());
                printable.add(webhook);
            }
        }
        // All of a folder's prints in one file, as a person would keep them, next to the same templates.
        Path printed = RoundTrip.newFolder(dir);
        RoundTrip.copyTemplates(samples, printed);
        RoundTrip.write(printed.resolve("printed.groovy"), String.join("\n", prints));
        Map<String, WebhookDefinition> reloaded = RoundTrip.valid(RoundTrip.LOADER.load(printed)).ruleSet().webhooks()
                .stream().collect(Collectors.toMap(WebhookDefinition::code, Function.identity()));
        assertEquals(printable.size(), reloaded.size(), "webhooks loaded from the prints");
        for (int i = 0; i < printable.size(); i++) {
            WebhookDefinition original = printable.get(i);
            WebhookDefinition again = reloaded.get(original.code());
            assertEquals(RoundTrip.withoutPositions(original), RoundTrip.withoutPositions(again), original.code());
            assertEquals(prints.get(i), RoundTrip.printed(again), original.code() + ": the print is stable");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"samples/webhooks"})
    void theSamplesHoldWhereClausesThePrinterRefuses(String folder) {
        List<WebhookDefinition> originals = RoundTrip.LOADER.load(repositoryRoot().resolve(folder)).ruleSet().webhooks();
        assertTrue(originals.stream().anyMatch(PrintedSamplesTest::usesWhere), "a sample with a where closure");
    }

    private static boolean usesWhere(WebhookDefinition webhook) {
        return usesWhere(webhook.filter());
    }

    private static boolean usesWhere(List<Criterion> criteria) {
        return criteria.stream().anyMatch(c -> c instanceof Criterion.Where
                || c instanceof Criterion.AnyOf a && usesWhere(a.criteria())
                || c instanceof Criterion.Not n && usesWhere(n.criteria()));
    }

    private static String sourceLine(Path folder, PrintResult.NotPrintable refused) {
        try {
            return Files.readAllLines(folder.resolve(refused.where().file())).get(refused.where().line() - 1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The repository's root, whether the tests run from the dsl module (Maven) or from the root (an IDE). */
    static Path repositoryRoot() {
        for (Path candidate : List.of(Path.of(".."), Path.of(""))) {
            Path absolute = candidate.toAbsolutePath().normalize();
            if (Files.isDirectory(absolute.resolve("samples/webhooks")) && Files.isDirectory(absolute.resolve("dsl"))) {
                return absolute;
            }
        }
        throw new IllegalStateException("cannot find samples/webhooks from " + System.getProperty("user.dir"));
    }
}
