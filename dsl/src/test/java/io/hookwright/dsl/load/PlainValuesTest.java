package io.hookwright.dsl.load;

import io.hookwright.dsl.model.Criterion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.hookwright.dsl.load.Definitions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a definition hands the engine is plain data, frozen at load time: the engine matches events with these
 * values on its own threads, with no time limit, so a value whose methods run definition code is refused where it
 * is written.
 */
class PlainValuesTest {
    @TempDir
    Path dir;

    private LoadResult load(String text) {
        return new Definitions(dir).file("hook.groovy", text).load();
    }

    private static String hook(String top, String filter) {
        return top + """
                webhook('hook') {
                    on 'Project:Created'
                    filter {
                        %s
                    }
                    request { post 'https://a' }
                }
                """.formatted(filter);
    }

    @Test
    void aMapOrClosureWrittenInPlaceCannotBeCastToANumber() {
        LoadResult result = load(hook("", "field('Budget') > ([toString: { -> while (true) { } }] as Number)"));
        assertError(result, "hook.groovy", 4, 27, "a map cannot be turned into Number in a definition");
        LoadResult closure = load(hook("", "field('Budget') > ({ -> 1 } as Number)"));
        assertError(closure, "hook.groovy", 4, 27, "a closure cannot be turned into Number in a definition");
    }

    @Test
    void aMapOrClosureInAVariableCannotBeCastEither() {
        LoadResult result = load(hook("def m = [intValue: { -> while (true) { } }]\n", "field('Budget') > (m as Number)"));
        assertError(result, "hook.groovy", 5, 1, "a map cannot be turned into Number in a definition");
        LoadResult list = load(hook("def m = [size: { -> 1 }]\n", "field('Budget').in(m as List)"));
        assertError(list, "hook.groovy", 5, 1, "a map cannot be turned into List in a definition");
    }

    @Test
    void aClosureAsACriterionValueIsRefusedAtItsWord() {
        LoadResult result = load(hook("def c = { -> 'Done' }\n", "changed('Status').from(c)"));
        assertError(result, "hook.groovy", 5, 32, "changed('Status').from takes a text, number, boolean or null, "
                + "not a block { }");
        LoadResult in = load(hook("def c = { -> 'Done' }\n", "field('Status').in(c, 'Open')"));
        assertError(in, "hook.groovy", 5, 25, "field('Status').in takes texts, numbers, booleans or null, not a block { }");
    }

    @Test
    void aLazyTextIsRefused() {
        LoadResult result = load("""
                webhook('hook') {
                    description "${-> 'x'}"
                    on 'Project:Created'
                    request { post 'https://a' }
                }
                """);
        assertError(result, "hook.groovy", 2, 1, "a lazy \"${-> …}\" cannot be used in a definition");
    }

    @Test
    void aLabelInALanguageMustBeText() {
        LoadResult result = load("""
                webhook('hook') {
                    label en: { -> 'x' }
                    on 'Project:Created'
                    request { post 'https://a' }
                }
                """);
        assertError(result, "hook.groovy", 2, 15, "label en: takes text in quotes, not a block { }");
    }

    @Test
    void aRangeTooLongToCopyIsRefused() {
        LoadResult result = load(hook("", "field('Budget').in(1..1_000_000_000)"));
        assertError(result, "hook.groovy", 4, 25, "a list of 1000000000 values (at most 100000)");
    }

    @Test
    void aCriterionRegexIsCheckedAtItsArgument() {
        LoadResult tooLong = load(hook("", "field('Name').matches('a' * 2000)"));
        assertError(tooLong, "hook.groovy", 4, 31, "a regular expression of 2000 characters is longer than the 1000 allowed");
        LoadResult invalid = load(hook("", "field('Name').matches '(AI'"));
        assertError(invalid, "hook.groovy", 4, 32, "'(AI' is not a valid regular expression: Unclosed group");
    }

    @Test
    void criterionValuesAreCopiesThatCannotBeChanged() {
        List<Criterion> filter = new Definitions(dir).file("hook.groovy", hook("def stages = ['Approved', 'Active']\n",
                "field('Stage').in(stages)")).only().filter();
        Criterion.In in = (Criterion.In) filter.get(0);
        assertEquals(List.of("Approved", "Active"), in.values());
        assertThrows(UnsupportedOperationException.class, () -> in.values().add("x"));
        assertTrue(in.values().stream().allMatch(v -> v instanceof String));
    }
}
