package io.hookwright.dsl.load;

import io.hookwright.dsl.model.EventPredicate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operators and methods the sandbox bounds still do what Groovy does with ordinary values: the limits are far
 * above what a definition needs.
 */
class BoundedOperationsTest {
    @TempDir
    static Path dir;
    private static int folders;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "2 ** 10 == 1024",
            "(2G ** 100).toString().size() == 31",
            "(7 ** 2) * 3 == 147",
            "10 / 4 == 2.5",
            "7 % 3 == 1",
            "1.5 * 2 == 3.0",
            "e.attributes.Budget + 1 == 101",
            "e.attributes.Budget - 1 == 99",
            "e.attributes.Budget.plus(1) == 101",
            "1e100 * 1e100 == 1e200",
            "'ab' * 3 == 'ababab'",
            "[1] * 3 == [1, 1, 1]",
            "[1, 2] + [3] == [1, 2, 3]",
            "[1, 2, 3] - [2] == [1, 3]",
            "'a' + 1 == 'a1'",
            "'abc' - 'b' == 'ac'",
            "'a1b' - ~/\\d/ == 'ab'",
            "e.attributes.Budget in 0..1_000_000_000",
            "!(5 in [1, 2])",
            "5 !in [1, 2]",
            "'c' in 'a'..'e'",
            "'Done' in ['Open', 'Done']",
            "'abc' in ~/a.c/",
            "(1..5).collect { it * 2 } == [2, 4, 6, 8, 10]",
            "(1..<4).join(',') == '1,2,3'",
            "(1..3).size() == 3",
            "(0.5..2.5).contains(1.5)",
            "'abc' =~ /b/",
            "'abc' ==~ /a.c/",
            "'abc'.matches(/a.c/)",
            "'a1b22'.findAll(/\\d+/) == ['1', '22']",
            "'a1b22'.findAll(/(\\d)(\\d)?/) { all, first, second -> first } == ['1', '2']",
            "'abc'.find(/b/) == 'b'",
            "'a-b-c'.split('-').size() == 3",
            "['ab', 'cd'].grep(~/a./) == ['ab']",
            "\"${e.attributes.Budget} items\" == '100 items'",
            "\"${e.attributes.Budget}\".size() == 3",
            "(3 as String) == '3'",
            "('42' as Integer) == 42",
            "([a: 1] as Map).a == 1",
            "[a: 1].toString() == '[a:1]'",
            "[1, [2, 'x']].toString() == '[1, [2, x]]'",
            "[:].toString() == '[:]'",
            "~5 == -6",
            "[3, 1, 2].sort() == [1, 2, 3]",
            "[1, 1, 2].unique() == [1, 2]",
            "['a', 'b'].join() == 'ab'",
            "'aXbX'.replace('X', '-') == 'a-b-'",
            "'12.5'.toBigDecimal() == 12.5",
            "'12'.isNumber()",
    })
    void answersAsGroovyWould(String expression) {
        assertTrue(where("{ e -> " + expression + " }").test(event()), expression);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{ e -> switch (e.attributes.Status) { case ~/D.*/: return true; default: return false } }",
            "{ e -> switch (e.attributes.Budget) { case 0..10: return false; case 11..1000: return true; default: return false } }",
            "{ e -> def n = 0; for (int i = 0; i < 3; i++) { n += i }; n == 3 }",
            "{ e -> def x = 1; x++; ++x; x--; x == 2 }",
            "{ e -> def x = 1; def y = x++; y == 1 && x == 2 }",
            "{ e -> def s = 'a'; s += 'b'; s *= 2; s == 'abab' }",
            "{ e -> def x = 2; x **= 3; x -= 1; x == 7 }",
            "{ e -> def n = 0; for (i in 1..1000) { n += i }; n == 500500 }",
            "{ e -> def l = []; for (i in 1..1000) { l = l + [i] }; l.size() == 1000 }",
    })
    void statementsAnswerAsGroovyWould(String closure) {
        assertTrue(where(closure).test(event()), closure);
    }

    private static EventPredicate where(String closure) {
        LoadResult result = new Definitions(dir.resolve("f" + folders++)).file("hook.groovy", """
                webhook('hook') {
                    on 'Project:Updated'
                    filter { where %s }
                    request { post 'https://example.com' }
                }
                """.formatted(closure)).load();
        assertTrue(result.valid(), () -> Definitions.format(result.errors()));
        return Definitions.wheres(result.ruleSet().webhooks().get(0)).get(0);
    }

    private static Map<String, Object> event() {
        return Definitions.event(Map.of("Budget", 100, "Status", "Done"), Map.of("Budget", 50));
    }
}
