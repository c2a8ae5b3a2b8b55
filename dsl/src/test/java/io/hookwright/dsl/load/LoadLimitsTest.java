package io.hookwright.dsl.load;

import io.hookwright.dsl.model.DefinitionError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A file that does not finish loading within its limit is reported, and its loading thread really ends. */
@Tag("slow")
class LoadLimitsTest {
    private static final Duration FILE_LIMIT = Duration.ofSeconds(1);
    /** Generous, for a loaded machine. */
    private static final Duration SLACK = Duration.ofSeconds(5);
    private static final DefinitionLoader LOADER = new DefinitionLoader(Duration.ofMillis(500), FILE_LIMIT);

    @TempDir
    static Path dir;
    private static int folders;

    @BeforeAll
    static void warmUp() {
        new Definitions(dir.resolve("warm")).file("w.groovy", "webhook('w') { on 'A:B'; request { get 'https://x' } }")
                .load(LOADER);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "while (true) { }",
            "def n = 0\nwhile (true) { n++ }",
            "def b = ('a' * 40 + '!') ==~ /((a+)+)\\2b/",
            "def found = ['a' * 40 + '!'].grep(~/((a+)+)\\2b/)",
            "switch ('a' * 40 + '!') { case ~/((a+)+)\\2b/: break }",
            "def found = ('a' * 40 + '!') in ~/((a+)+)\\2b/",
            "def s = ''\nwhile (true) { s = s + 'x' }",
            "def l = []\nwhile (true) { l = l + ['x' * 1000] }",
            "for (int i = 0; i < 2_000_000_000; i++) { def x = [i] }",
    })
    void aFileThatRunsPastItsLimitIsReportedAndItsThreadEnds(String code) {
        long started = System.nanoTime();
        LoadResult result = new Definitions(dir.resolve("f" + folders++)).file("hook.groovy", code + """

                webhook('hook') {
                    on 'Project:Created'
                    request { post 'https://example.com' }
                }
                """).load(LOADER);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        DefinitionError error = Definitions.single(result);
        assertTrue(error.message().contains("did not finish loading within 1 s")
                || error.message().contains("loading allocated more than 256 MiB"), error::format);
        assertTrue(result.ruleSet().webhooks().isEmpty());
        assertTrue(took.compareTo(FILE_LIMIT.plus(DefinitionLoader.STOP_GRACE).plus(SLACK)) < 0, "took " + took);
        SandboxThreads.assertNoneBusy(SLACK);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "def x = 7 ** 60_000_000",
            "def x = 7G\nwhile (true) { x = x * x }",
            "def s = 'x' * 1e9",
            "def l = [1] * 1e9",
            "def s = (1..1e9).join(',')",
            "def n = 0\n(1..1_000_000_000).each { n++ }",
            "def x = 1e999999999 + 1",
    })
    void aSingleHugeComputationIsRefusedBeforeItStartsWithItsLine(String code) {
        LoadResult result = new Definitions(dir.resolve("f" + folders++)).file("hook.groovy", "\n\n" + code + """

                webhook('hook') {
                    on 'Project:Created'
                    request { post 'https://example.com' }
                }
                """).load(LOADER);
        DefinitionError error = Definitions.single(result);
        assertTrue(error.line() >= 3 && error.line() <= 4, error::format);
        assertTrue(error.message().contains("too large") || error.message().contains("more than"), error::format);
        SandboxThreads.assertNoneBusy(SLACK);
    }
}
