package io.hookwright.dsl.load;

import io.hookwright.dsl.model.DefinitionError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static io.hookwright.dsl.load.Definitions.format;
import static io.hookwright.dsl.load.Definitions.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files that would make Groovy's compiler run out of stack or memory (deep brackets, long chains, huge files) are
 * refused before it runs, with the place the limit is crossed; whatever still goes wrong in the compiler is an
 * error of that file, and the other files are checked as usual.
 */
class CompileLimitsTest {
    /** Generous for a loaded two-core machine: the point is "an answer, not a hang or a crash". */
    private static final Duration ANSWER = Duration.ofSeconds(60);
    private static final int NEST = DefinitionLimits.MAX_NESTING;
    private static final int PARTS = DefinitionLimits.MAX_EXPRESSION_PARTS;

    @TempDir
    Path dir;

    private static final String GOOD = """
            webhook('good') {
                on 'Project:Updated'
                request { post 'https://example.com/${entity.id}' }
            }
            """;

    private LoadResult load(String text) {
        Definitions definitions = new Definitions(dir).file("bad.groovy", text).file("good.groovy", GOOD);
        return assertTimeoutPreemptively(ANSWER, () -> definitions.load());
    }

    /** The one error of bad.groovy, and good.groovy still loaded. */
    private DefinitionError refused(String text) {
        LoadResult result = load(text);
        DefinitionError error = single(result);
        assertEquals("bad.groovy", error.file());
        assertFalse(error.message().contains("Exception"), error.message());
        assertEquals("good", result.ruleSet().webhooks().get(0).code(), "the other file is still loaded");
        assertEquals(1, result.ruleSet().webhooks().size());
        return error;
    }

    static Stream<Arguments> deepNesting() {
        int n = 1_500;
        return Stream.of(
                Arguments.of("lists", "def x = " + "[".repeat(n) + "]".repeat(n) + "\n"),
                Arguments.of("parentheses", "def x = " + "(".repeat(n) + "1" + ")".repeat(n) + "\n"),
                Arguments.of("closures", "def x = " + "{ ".repeat(n) + "}".repeat(n) + "\n"),
                Arguments.of("an unclosed run", "def x = " + "[".repeat(n) + "\n"),
                Arguments.of("mixed", "def x = " + "[({".repeat(n / 3) + "})]".repeat(n / 3) + "\n"),
                Arguments.of("interpolations", "def x = " + "\"${".repeat(n / 2) + "1" + "}\"".repeat(n / 2) + "\n"),
                Arguments.of("slashy interpolations", "def x = " + "/${".repeat(n / 2) + "1" + "}/".repeat(n / 2)
                        + "\n"),
                Arguments.of("blocks", webhookNestedIn(n)));
    }

    private static String webhookNestedIn(int depth) {
        return "webhook('deep') {\n    on 'Project:Updated'\n    filter {\n" + "anyOf {\n".repeat(depth)
                + "field('Status') == 'Done'\n" + "}\n".repeat(depth) + "    }\n"
                + "    request { post 'https://example.com/' }\n}\n";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deepNesting")
    void deepNestingIsRefusedWhereItCrossesTheLimit(String name, String text) {
        DefinitionError error = refused(text);
        assertTrue(error.message().contains("nested more than " + NEST + " deep"), error.format());
        assertTrue(error.line() >= 1 && error.column() > 1, error.format());
    }

    @Test
    void theErrorIsAtTheBracketThatCrossesTheLimit() {
        DefinitionError error = refused("def x = 1\ndef y = " + "[".repeat(NEST + 5) + "]".repeat(NEST + 5) + "\n");
        assertEquals(2, error.line());
        assertEquals("def y = ".length() + NEST + 1, error.column(), error.format());
    }

    @Test
    void nestedWebhookBlocksAreRefusedOnTheLineOfTheBlockBeyondTheLimit() {
        DefinitionError error = refused(webhookNestedIn(200));
        // webhook { and filter { are two; the anyOf at line 4 + k opens block k + 3
        assertEquals(4 + NEST - 2, error.line(), error.format());
        assertEquals(7, error.column(), error.format());
    }

    static Stream<Arguments> longExpressions() {
        int n = 20_000;
        return Stream.of(
                Arguments.of("sums", "def x = 1" + " + 1".repeat(n) + "\n"),
                Arguments.of("sums without spaces", "def x = 1" + "+1".repeat(n) + "\n"),
                Arguments.of("conditions", "def a = true\ndef x = a" + " && a".repeat(n) + "\n"),
                Arguments.of("alternatives", "def a = true\ndef x = a" + " || !a".repeat(n) + "\n"),
                Arguments.of("concatenations", "def x = 'a'" + " + 'a'".repeat(n) + "\n"),
                Arguments.of("method chains", "def x = 'a'" + ".trim()".repeat(n) + "\n"),
                Arguments.of("safe navigation", "def x = 'a'" + "?.trim()".repeat(n) + "\n"),
                Arguments.of("prefix operators", "def x = " + "!".repeat(n / 2) + " true" + "\n"),
                Arguments.of("negations", "def x = " + "- ".repeat(n / 2) + "1" + "\n"),
                Arguments.of("casts", "def x = 1" + " as int".repeat(n / 2) + "\n"),
                Arguments.of("command chains", "def x = 1\nx" + " x".repeat(n) + "\n"),
                Arguments.of("a chain over many lines", "def x = 1" + " +\n1".repeat(n) + "\n"),
                Arguments.of("leading dots over many lines", "def x = 'a'" + "\n    .trim()".repeat(n) + "\n"),
                Arguments.of("parenthesised parts", "def x = (1)" + " + (1)".repeat(n) + "\n"),
                Arguments.of("parts nested right", "def x = " + "1 + (1 + (".repeat(NEST / 2 - 1) + "1"
                        + " + 1".repeat(PARTS) + "))".repeat(NEST / 2 - 1) + "\n"),
                Arguments.of("a where closure", "webhook('w') {\n on 'Project:Updated'\n filter {\n where { e -> "
                        + "e.attributes.Budget > 1" + " && e.attributes.Budget > 1".repeat(n / 8) + " }\n }\n"
                        + " request { post 'https://example.com/' }\n}\n"),
                Arguments.of("a GString path", "def x = [:]\ndef y = \"$x" + ".a".repeat(n) + "\"\n"),
                Arguments.of("inside an interpolation", "def x = \"${1" + " + 1".repeat(n) + "}\"\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("longExpressions")
    void longExpressionsAreRefused(String name, String text) {
        DefinitionError error = refused(text);
        assertTrue(error.message().contains("this expression is too long"), error.format());
        assertTrue(error.column() > 1 || error.line() > 1, error.format());
    }

    @Test
    void theErrorIsAtThePartThatCrossesTheLimit() {
        DefinitionError error = refused("def x = 1" + "+1".repeat(PARTS) + "\n");
        assertEquals(1, error.line());
        // parts: def, x, =, 1 (at column 9), then + and 1 in turn, one column each
        int column = "def x = ".length() + 1 + (PARTS + 1 - 4);
        assertEquals(column, error.column(), error.format());
    }

    @Test
    void theOriginalCrashesGiveErrorsNotExceptions() {
        // the inputs that used to end validate with a NullPointerException
        refused("[".repeat(1_500) + "]".repeat(1_500));
        refused("1" + "+1".repeat(19_500));
    }

    @Test
    void aCompilerThatStillRunsOutOfStackGivesAnErrorOfTheFile() {
        // within the limits, but on a stack far smaller than the loader's own
        String text = "def x = " + "[".repeat(NEST - 4) + "1" + " + 1".repeat(PARTS / 2 - NEST) + "]".repeat(NEST - 4)
                + "\n";
        SandboxCompiler.Outcome outcome = assertTimeoutPreemptively(ANSWER,
                () -> new SandboxCompiler(160 * 1024).compile("tight.groovy", text));
        assertEquals(null, outcome.scriptClass());
        DefinitionError error = outcome.errors().get(0);
        assertEquals(1, outcome.errors().size(), () -> format(outcome.errors()));
        assertEquals("tight.groovy:1:1", error.file() + ":" + error.line() + ":" + error.column());
        assertTrue(error.message().contains("ran out of stack") || error.message().contains("could not read"),
                error.message());
        assertTrue(new SandboxCompiler().compile("roomy.groovy", text).errors().isEmpty(),
                "the same file compiles on the loader's stack");
    }

    @Test
    void nestingAndChainsWithinTheLimitsStillCompile() {
        String nested = "def x = " + "[".repeat(NEST - 2) + "1" + "]".repeat(NEST - 2) + "\n";
        String chain = "def v = 1" + " + 1".repeat(PARTS / 2 - 4) + "\n";
        String methods = "def w = 'a'" + ".trim()".repeat(PARTS / 4 - 4) + "\n";
        String many = "def z = 1\n" + "z = z + 1\n".repeat(2_000);
        LoadResult result = assertTimeoutPreemptively(ANSWER, () -> new Definitions(dir).file("ok.groovy",
                nested + chain + methods + many + GOOD).load());
        assertTrue(result.valid(), () -> format(result.errors()));
        assertEquals(1, result.ruleSet().webhooks().size());
    }

    @Test
    void bracketsAndOperatorsInStringsCommentsAndRegexesAreNotCounted() {
        String deep = "[(".repeat(400);
        String ops = "+".repeat(3 * PARTS);
        String text = "// " + deep + ops + "\n"
                + "/* " + deep + "\n" + ops + " */\n"
                + "def a = '" + deep + ops + "'\n"
                + "def b = \"" + deep + ops + "\"\n"
                + "def c = '''" + deep + "\n" + ops + "'''\n"
                + "def d = \"\"\"" + deep + "\n" + ops + "\"\"\"\n"
                + "def e = /\\(\\[" + deep.replace("[", "\\[").replace("(", "\\(") + ops.replace("+", "\\+") + "/\n"
                + "def f = $/" + deep + ops + "/$\n"
                + "def g = \"${'" + deep + ops + "'}\"\n"
                + "def h = 'it\\'s " + deep + "'\n"
                + "def i = 10 / 2 / 5\n"
                + GOOD;
        LoadResult result = assertTimeoutPreemptively(ANSWER, () -> new Definitions(dir).file("ok.groovy", text).load());
        assertTrue(result.valid(), () -> format(result.errors()));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"/[(]/", "$/[(]/$", "'a' ==~ /\\/(/", "\"${'('}\"",
            "[/x(/, /[/]", "10 / 2 / (1)"})
    void bracketsInRegexesDoNotMisleadTheHelpForAnUnclosedBlock(String value) {
        LoadResult result = load("def r = " + value + "\nwebhook('x') {\n    on 'Project:Created'\n"
                + "    request { post 'https://example.com/'\n}\n");
        DefinitionError error = single(result);
        assertEquals(4, error.line(), error.format());
        assertEquals(13, error.column(), error.format());
        assertTrue(error.message().contains("this '{' is never closed"), error.format());
    }

    @Test
    void anUnclosedStringOrCommentIsAParseErrorNotALimit() {
        for (String text : new String[]{"def a = '[[[[\n" + GOOD, "def a = \"((((\n" + GOOD,
                "def a = '''" + "[".repeat(100) + "\n" + GOOD, "/* " + "(".repeat(100) + "\n" + GOOD,
                "def a = $/" + "{".repeat(100) + "\n" + GOOD, "def a = \"${" + "\n" + GOOD}) {
            LoadResult result = load(text);
            assertFalse(result.valid(), text);
            assertTrue(result.errors().stream().noneMatch(e -> e.message().contains("nested more than")
                    || e.message().contains("too long")), () -> format(result.errors()));
            assertTrue(result.errors().stream().allMatch(e -> e.file().equals("bad.groovy")),
                    () -> format(result.errors()));
        }
    }

    @Test
    void aFileOverTheSizeLimitIsRefusedWithoutBeingRead() {
        String big = "// " + "x".repeat(500 * 1024) + "\n" + GOOD.replace("good", "big");
        DefinitionError error = refused(big);
        assertEquals(1, error.line());
        assertTrue(error.message().contains("at most 256 KiB"), error.format());
    }

    @Test
    void aFileOfManySmallStatementsUnderTheSizeLimitIsRefusedAtOnce() {
        String line = "x = 1\n";
        String text = "def x = 0\n" + line.repeat((DefinitionLimits.MAX_FILE_BYTES - 100) / line.length());
        long started = System.nanoTime();
        DefinitionError error = refused(text);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "took " + took);
        assertTrue(error.message().contains("the file holds more than 20,000 operators, names and values"),
                error.format());
        // x = 1 is three parts a line, after the three of the first line
        assertEquals(2 + (DefinitionLimits.MAX_FILE_PARTS - 3) / 3, error.line(), error.format());
    }

    @Test
    void justUnderTheFilePartsLimitAFileStillCompiles() {
        String line = "x = 1\n";
        String text = "def x = 0\n" + line.repeat(DefinitionLimits.MAX_FILE_PARTS / 3 - 40) + GOOD;
        LoadResult result = assertTimeoutPreemptively(ANSWER, () -> new Definitions(dir).file("ok.groovy", text).load());
        assertTrue(result.valid(), () -> format(result.errors()));
    }

    @Test
    void manySmallWebhooksUnderTheSizeLimitLoad() {
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < 200; k++) {
            text.append("webhook('hook_").append(k).append("') {\n    on 'Project:Updated'\n    filter { field('Budget')"
                    + " > ").append(k).append(" }\n    request { post 'https://example.com/").append(k).append("' }\n}\n");
        }
        LoadResult result = assertTimeoutPreemptively(ANSWER, () -> new Definitions(dir).file("many.groovy",
                text.toString()).load());
        assertTrue(result.valid(), () -> format(result.errors()));
    }
}
