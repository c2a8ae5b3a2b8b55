package io.hookwright.dsl.write;

import io.hookwright.dsl.model.Criterion;
import io.hookwright.dsl.model.ExecutionSpec;
import io.hookwright.dsl.model.Header;
import io.hookwright.dsl.model.Label;
import io.hookwright.dsl.model.RequestSpec;
import io.hookwright.dsl.model.RetryPolicy;
import io.hookwright.dsl.model.SourcePosition;
import io.hookwright.dsl.model.Template;
import io.hookwright.dsl.model.TransactionMode;
import io.hookwright.dsl.model.WebhookDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the printer writes for each thing a definition can say, and that it loads back as the same model. */
class PrintedEdgeCasesTest {
    private static final String BASE = """
            webhook('hook') {
                on 'Project:Created'
                request {
                    post 'https://x.example.com/hook'
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aFileWrittenAsThePrinterWritesIsPrintedBackByteForByte() throws IOException, URISyntaxException {
        Path canonical = Path.of(getClass().getResource("canonical/hook.groovy").toURI()).getParent();
        String text = Files.readString(canonical.resolve("hook.groovy"));
        List<WebhookDefinition> webhooks = RoundTrip.valid(RoundTrip.LOADER.load(canonical)).ruleSet().webhooks();
        assertTrue(webhooks.size() >= 8, "the file's webhooks");
        List<String> prints = new ArrayList<>();
        for (WebhookDefinition webhook : webhooks) {
            prints.add(RoundTrip.assertRoundTrip(dir, canonical, webhook));
        }
        assertEquals(text.substring(text.indexOf("\nwebhook(") + 1), String.join("\n", prints));
    }

    @Test
    void theCanonicalFileKeepsFreeMarkerAndEscapesAsWritten() throws IOException, URISyntaxException {
        Path canonical = Path.of(getClass().getResource("canonical/hook.groovy").toURI()).getParent();
        Map<String, WebhookDefinition> byCode = new LinkedHashMap<>();
        RoundTrip.LOADER.load(canonical).ruleSet().webhooks().forEach(w -> byCode.put(w.code(), w));
        WebhookDefinition quotes = byCode.get("quotes_and_backslashes");
        assertEquals("It's \"quoted\", C:\\temp\\ and a tab\there", quotes.label().text());
        assertEquals("https://x.example.com/${entity.key}/it's?q=${secrets.Q}", quotes.request().url().source());
        assertEquals("$plain and \\${not.a.var} and é", quotes.request().headers().get(2).value().source());
        String body = byCode.get("multi_line_body").request().body().orElseThrow().source();
        assertTrue(body.contains("\"three quotes\": \"'''\""), body);
        assertTrue(body.contains("\"escaped\": \"\\n stays two characters\""), body);
        assertTrue(body.endsWith("}\n}'"), body);
        assertEquals(Map.of("fr", "Seulement en français"), byCode.get("multi_line_body").label().byLanguage());
    }

    @Test
    void whatSaysNothingIsLeftOut(@TempDir Path folder) {
        WebhookDefinition webhook = RoundTrip.loadOne(folder, """
                webhook('quiet') {
                    label 'quiet'
                    description ''
                    active true
                    on 'Project:Created'
                    filter { }
                    request { post 'https://x.example.com/q' }
                    execution {
                        synchronous false
                        transaction 'after-commit'
                        timeout '10s'
                    }
                }
                """);
        assertEquals("""
                webhook('quiet') {
                    on 'Project:Created'
                    request {
                        post 'https://x.example.com/q'
                    }
                }
                """, RoundTrip.assertRoundTrip(dir, null, webhook));
    }

    @Test
    void anOrderIsPrintedWithItsFailureModeOnlyWhenItBlocks(@TempDir Path folder) {
        WebhookDefinition blocking = RoundTrip.loadOne(folder, """
                webhook('ordered') {
                    on 'Task:Updated'
                    request { post 'https://x.example.com/o' }
                    execution { orderedBy '${parent.id}/${entity.id}', onFailure: 'block' }
                }
                """);
        assertEquals("""
                webhook('ordered') {
                    on 'Task:Updated'
                    request {
                        post 'https://x.example.com/o'
                    }
                    execution {
                        synchronous false
                        transaction 'after-commit'
                        orderedBy '${parent.id}/${entity.id}', onFailure: 'block'
                    }
                }
                """, RoundTrip.assertRoundTrip(dir, null, blocking));
        WebhookDefinition skipping = RoundTrip.loadOne(folder, """
                webhook('ordered') {
                    on 'Task:Updated'
                    request { post 'https://x.example.com/o' }
                    execution { orderedBy '${entity.id}', onFailure: 'skip' }
                }
                """);
        assertTrue(RoundTrip.assertRoundTrip(dir, null, skipping).contains("        orderedBy '${entity.id}'\n"));
    }

    @Test
    void aShorthandIsPrintedInItsPlainForm(@TempDir Path folder) {
        WebhookDefinition webhook = RoundTrip.loadOne(folder, """
                webhook('shorthand') {
                    on 'Project:Updated'
                    filter { changed 'Budget'; 10_000 < field('Budget') }
                    request { post 'https://x.example.com/s' }
                    execution { retry 'none' }
                }
                """);
        assertEquals("""
                webhook('shorthand') {
                    on 'Project:Updated'
                    filter {
                        changed 'Budget'
                        field('Budget') > 10000
                    }
                    request {
                        post 'https://x.example.com/s'
                    }
                    execution {
                        synchronous false
                        transaction 'after-commit'
                        retry false
                    }
                }
                """, RoundTrip.assertRoundTrip(dir, null, webhook));
    }

    @Test
    void aLabelInOneLanguageOtherThanTheDefaultKeepsItsLanguage(@TempDir Path folder) {
        WebhookDefinition webhook = RoundTrip.loadOne(folder, BASE.replace("on 'Project:Created'",
                "label fr: 'Créer l\\'espace'\n    on 'Project:Created'"));
        String groovy = RoundTrip.assertRoundTrip(dir, null, webhook);
        assertTrue(groovy.contains("\n    label fr: 'Créer l\\'espace'\n"), groovy);
    }

    @Test
    void controlCharactersAndBrokenSurrogatesAreEscaped(@TempDir Path folder) {
        WebhookDefinition base = RoundTrip.loadOne(folder, BASE);
        String odd = "cr\r lf\n nul\u0000 bell\u0007 sep\u2028 half\ud800 other-half\udc00 pair\ud83d\ude00 \\u0041 end\\";
        WebhookDefinition webhook = with(base, odd, odd, body(base, odd));
        String groovy = RoundTrip.assertRoundTrip(dir, null, webhook);
        assertTrue(groovy.contains("description 'cr\\r lf\\n nul\\u0000 bell\\u0007 sep\\u2028 half\\ud800 other-half\\udc00 "
                + "pair\ud83d\ude00 \\\\u0041 end\\\\'"), groovy);
        assertTrue(groovy.codePoints().noneMatch(c -> c == '\r' || c == 0 || c >= 0xD800 && c <= 0xDFFF), groovy);
    }

    @Test
    void aBodyOverSeveralLinesIsTripleQuotedWhateverQuotesItHolds(@TempDir Path folder) {
        WebhookDefinition base = RoundTrip.loadOne(folder, BASE);
        List<String> bodies = List.of("\nstarts with a line break", "'''\n'''", "''\n''''", "a\\\nb\\", "x\n'",
                "\r\n windows line \r\n", "'\n", "tab\there\n${json(entity.key)} and $x and ${'$'}");
        for (String text : bodies) {
            WebhookDefinition webhook = with(base, "", base.description(), body(base, text));
            String groovy = RoundTrip.assertRoundTrip(dir, null, webhook);
            assertTrue(groovy.contains("body '''"), groovy);
        }
    }

    @Test
    void numbersKeepTheirClassAndScale(@TempDir Path folder) {
        WebhookDefinition base = RoundTrip.loadOne(folder, BASE);
        List<Object> values = List.of(0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 3L, -3L, Long.MAX_VALUE, Long.MIN_VALUE,
                BigInteger.TWO, BigInteger.valueOf(Long.MIN_VALUE), BigInteger.TEN.pow(30).negate(),
                new BigDecimal("5"), new BigDecimal("-5"), new BigDecimal("1.500"), new BigDecimal("1E+3"),
                new BigDecimal("-0.000000001"), new BigDecimal("0E-10"), 0.1d, -1e300d, Double.MIN_VALUE, 1.25f, -0.0f,
                Double.NaN, Double.NEGATIVE_INFINITY);
        List<Criterion> filter = new ArrayList<>();
        for (Object value : values) {
            filter.add(new Criterion.Compare("n", Criterion.Operator.EQ, value, base.origin()));
        }
        filter.add(new Criterion.In("n", values, base.origin()));
        String groovy = RoundTrip.assertRoundTrip(dir, null, withFilter(base, filter));
        assertTrue(groovy.contains("field('n') == 5E0\n"), groovy);
        assertTrue(groovy.contains("field('n') == 3L\n"), groovy);
        assertTrue(groovy.contains("field('n') == 2G\n"), groovy);
        assertTrue(groovy.contains("field('n') == 1.500\n"), groovy);
        assertTrue(groovy.contains("field('n').in 0, -1, 2147483647,"), groovy);
    }

    @Test
    void aWhereClosureAnywhereInTheFilterIsNotPrintable(@TempDir Path folder) {
        WebhookDefinition webhook = RoundTrip.loadOne(folder, """
                webhook('closure') {
                    on 'Project:Updated'
                    filter {
                        field('Budget') > 1
                        anyOf {
                            field('x').present()
                            not {
                                where { e -> e.attributes.Budget > 2 }
                            }
                        }
                    }
                    request { post 'https://x.example.com/w' }
                }
                """);
        PrintResult.NotPrintable refused = assertInstanceOf(PrintResult.NotPrintable.class, WebhookPrinter.print(webhook));
        assertEquals(PrintResult.Reason.WHERE_CLOSURE, refused.reason());
        assertEquals(8, refused.where().line());
        assertEquals("uses a where closure (line 8), which only its file can express", refused.message());
    }

    @Test
    void aValueNoDefinitionCanWriteIsNotPrintable(@TempDir Path folder) {
        WebhookDefinition base = RoundTrip.loadOne(folder, BASE);
        SourcePosition at = new SourcePosition("hook.groovy", 4, 9);
        PrintResult list = WebhookPrinter.print(withFilter(base, List.of(
                new Criterion.Compare("x", Criterion.Operator.EQ, List.of("a"), at))));
        PrintResult.NotPrintable refused = assertInstanceOf(PrintResult.NotPrintable.class, list);
        assertEquals(PrintResult.Reason.UNWRITABLE_VALUE, refused.reason());
        assertEquals(at, refused.where());
        assertInstanceOf(PrintResult.NotPrintable.class, WebhookPrinter.print(withFilter(base, List.of(
                new Criterion.Contains("x", Float.NaN, at)))));
        WebhookDefinition fine = new WebhookDefinition(base.code(), base.label(), base.description(), base.owner(),
                base.active(), base.events(), base.tenant(), base.filter(), base.request(), new ExecutionSpec(false,
                TransactionMode.AFTER_COMMIT, Duration.ofNanos(1_500_000), RetryPolicy.DEFAULT), base.origin());
        PrintResult.NotPrintable duration = assertInstanceOf(PrintResult.NotPrintable.class, WebhookPrinter.print(fine));
        assertTrue(duration.message().contains("duration"), duration.message());
    }

    @Test
    void aBodyTemplateIsNamedAsWritten(@TempDir Path folder) {
        WebhookDefinition webhook = RoundTrip.loadOne(folder, BASE.replace("post 'https://x.example.com/hook'",
                "post 'https://x.example.com/hook'\n        body template('deep/er/it\\'s.ftl')"),
                "deep/er/it's.ftl", "{\"k\": \"${entity.key}\"}");
        Path templates = RoundTrip.newFolder(dir);
        RoundTrip.write(templates.resolve("templates/deep/er/it's.ftl"), "{\"k\": \"${entity.key}\"}");
        String groovy = RoundTrip.assertRoundTrip(dir, templates, webhook);
        assertTrue(groovy.contains("        body template('deep/er/it\\'s.ftl')\n"), groovy);
    }

    private static WebhookDefinition with(WebhookDefinition w, String label, String description, RequestSpec request) {
        return new WebhookDefinition(w.code(), label.isEmpty() ? w.label() : Label.of(label), description, w.owner(),
                w.active(), w.events(), w.tenant(), w.filter(), request, w.execution(), w.origin());
    }

    private static WebhookDefinition withFilter(WebhookDefinition w, List<Criterion> filter) {
        return new WebhookDefinition(w.code(), w.label(), w.description(), w.owner(), w.active(), w.events(),
                w.tenant(), filter, w.request(), w.execution(), w.origin());
    }

    /** The request with this inline body, and the same text as a header value and in the URL's query. */
    private static RequestSpec body(WebhookDefinition w, String text) {
        RequestSpec r = w.request();
        SourcePosition at = w.origin();
        return new RequestSpec(r.method(), new Template(r.url().name(), r.url().source() + "?q=" + text, at, true),
                List.of(new Header("X-Text", new Template("header X-Text of " + w.code(), text, at, true))),
                Optional.of(new Template("body of " + w.code(), text, at, true)), r.signingSecrets());
    }
}
