package io.hookwright.dsl.write;

import io.hookwright.dsl.model.Label;
import io.hookwright.dsl.model.WebhookDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Editing one webhook's block in a hand-written file: the parser finds the block, so braces in strings and
 * comments do not mislead it, and every byte outside the block stays as it was.
 */
class WebhookBlocksTest {
    private static final String FIRST = """
            webhook('first') {
                label 'First { not a block'   // a comment with }
                on 'Project:Created'
                request {
                    post 'https://a.example.com/{id}'
                    body '''{"nested": {"x": "}"}}'''
                }
            }""";
    private static final String MIDDLE = """
            webhook('middle') {
                on 'Task:*'
                filter {
                    // a comment with webhook('x') {
                    field('Name').matches '[{]x[}]'   /* } */
                }
                request { post 'https://b.example.com/' }
            }""";
    private static final String LAST = """
            webhook("last") {
                on '*:Deleted'
                request { post 'https://c.example.com/"}"' }
            }""";
    private static final String FILE = """
            // Team webhooks. A comment with { braces } and webhook('ghost') {
            /* A block comment:
            webhook('ghost') {
                on 'Project:Created'
            }
            */

            %s

            // about the middle one: webhook('x') {
            %s

            %s // the end
            """.formatted(FIRST, MIDDLE, LAST);

    @TempDir
    Path dir;

    @Test
    void theBlockIsFoundExactlyAsWritten() {
        Lookup.Found found = assertInstanceOf(Lookup.Found.class, WebhookBlocks.find(FILE, "middle"));
        assertEquals(MIDDLE, found.source());
        assertEquals(FILE.indexOf(MIDDLE), found.start());
        assertEquals(18, found.line());
        assertEquals(LAST, assertInstanceOf(Lookup.Found.class, WebhookBlocks.find(FILE, "last")).source());
    }

    @Test
    void replacingTheMiddleWebhookChangesOnlyItsBlock() {
        Lookup.Found found = assertInstanceOf(Lookup.Found.class, WebhookBlocks.find(FILE, "middle"));
        Map<String, WebhookDefinition> before = load(FILE);
        WebhookDefinition changed = relabelled(before.get("middle"), "Middle, renamed");
        String block = RoundTrip.printed(changed);
        String edited = edited(WebhookBlocks.replace(FILE, "middle", block));

        assertEquals(FILE.substring(0, found.start()), edited.substring(0, found.start()), "bytes before the block");
        assertTrue(edited.endsWith(FILE.substring(found.end())), "bytes after the block");
        assertEquals(FILE.substring(0, found.start()) + block.strip() + FILE.substring(found.end()), edited);
        Map<String, WebhookDefinition> after = load(edited);
        assertEquals(same(changed), same(after.get("middle")));
        assertEquals(same(before.get("first")), same(after.get("first")));
        assertEquals(same(before.get("last")), same(after.get("last")));
    }

    @Test
    void removingTheFirstWebhookTakesItsLinesAndTheBlankLineAfterIt() {
        String edited = edited(WebhookBlocks.remove(FILE, "first"));
        assertEquals(FILE.replace(FIRST + "\n\n", ""), edited);
        assertEquals(List.of("middle", "last"), List.copyOf(load(edited).keySet()));
    }

    @Test
    void removingTheMiddleWebhookLeavesTheCommentAboveIt() {
        String edited = edited(WebhookBlocks.remove(FILE, "middle"));
        assertEquals(FILE.replace(MIDDLE + "\n", ""), edited);
        assertTrue(edited.contains("// about the middle one: webhook('x') {\n\nwebhook(\"last\")"), edited);
        assertEquals(List.of("first", "last"), List.copyOf(load(edited).keySet()));
    }

    @Test
    void removingTheLastWebhookTakesTheCommentOnItsLastLineAndTheBlankLineBefore() {
        String edited = edited(WebhookBlocks.remove(FILE, "last"));
        assertEquals(FILE.replace("\n" + LAST + " // the end\n", ""), edited);
        assertTrue(edited.endsWith(MIDDLE + "\n"), edited);
        assertEquals(List.of("first", "middle"), List.copyOf(load(edited).keySet()));
    }

    @Test
    void aFileOfOneWebhookBecomesEmpty() {
        assertEquals("", edited(WebhookBlocks.remove(LAST + "\n", "last")));
        assertEquals("", edited(WebhookBlocks.remove(LAST, "last")));
    }

    @Test
    void aCrlfFileKeepsItsLineEndings() {
        String crlf = FILE.replace("\n", "\r\n");
        Lookup.Found found = assertInstanceOf(Lookup.Found.class, WebhookBlocks.find(crlf, "middle"));
        assertEquals(MIDDLE.replace("\n", "\r\n"), found.source());
        WebhookDefinition changed = relabelled(load(crlf).get("middle"), "Middle over CRLF");
        String edited = edited(WebhookBlocks.replace(crlf, "middle", RoundTrip.printed(changed)));

        assertEquals(crlf.substring(0, found.start()), edited.substring(0, found.start()));
        assertTrue(edited.endsWith(crlf.substring(found.end())));
        assertFalse(edited.replace("\r\n", "").contains("\n"), "every line ends with CRLF");
        assertEquals(same(changed), same(load(edited).get("middle")));

        String removed = edited(WebhookBlocks.remove(crlf, "middle"));
        assertEquals(crlf.replace(MIDDLE.replace("\n", "\r\n") + "\r\n", ""), removed);
        assertEquals(crlf.replace("\r\n" + LAST.replace("\n", "\r\n") + " // the end\r\n", ""),
                edited(WebhookBlocks.remove(crlf, "last")));
    }

    @Test
    void aMultiLineBodyInACrlfFileReadsBackWithoutCarriageReturns() {
        String crlf = FILE.replace("\n", "\r\n");
        WebhookDefinition first = load(crlf).get("first");
        WebhookDefinition multiLine = RoundTrip.loadOne(dir, """
                webhook('first') {
                    on 'Project:Created'
                    request {
                        post 'https://a.example.com/'
                        body '''{
                  "a": 1
                }'''
                    }
                }
                """);
        String edited = edited(WebhookBlocks.replace(crlf, first.code(), RoundTrip.printed(multiLine)));
        assertEquals("{\n  \"a\": 1\n}", load(edited).get("first").request().body().orElseThrow().source());
    }

    @Test
    void appendingAddsTheBlockAfterABlankLine() {
        WebhookDefinition added = RoundTrip.loadOne(dir, LAST.replace("\"last\"", "'added'"));
        String block = RoundTrip.printed(added);
        String edited = edited(WebhookBlocks.append(FILE, block));
        assertEquals(FILE + "\n" + block, edited);
        assertEquals(List.of("first", "middle", "last", "added"), List.copyOf(load(edited).keySet()));

        assertEquals(LAST + "\n\n" + block, edited(WebhookBlocks.append(LAST, block)), "a file without a final line break");
        assertEquals(block, edited(WebhookBlocks.append("", block)));
        assertEquals(LAST + "\n\n" + block, edited(WebhookBlocks.append(LAST + "\n\n", block)), "a blank line already there");
        String crlf = LAST.replace("\n", "\r\n") + "\r\n";
        assertEquals(crlf + "\r\n" + block.replace("\n", "\r\n"), edited(WebhookBlocks.append(crlf, block)));
    }

    @Test
    void appendingACodeTheFileHasIsRefused() {
        String block = RoundTrip.printed(load(FILE).get("middle"));
        DuplicateCode duplicate = assertInstanceOf(DuplicateCode.class, WebhookBlocks.append(FILE, block));
        assertEquals(new DuplicateCode("middle", List.of(18)), duplicate);
        assertEquals("the file already has webhook('middle'), at line 18", duplicate.message());
    }

    @Test
    void aCodeWrittenTwiceIsNotGuessedAt() {
        String twice = LAST + "\n\n" + LAST + "\n";
        assertEquals(new DuplicateCode("last", List.of(1, 6)), WebhookBlocks.remove(twice, "last"));
    }

    @Test
    void anUnknownCodeSaysWhichCodesTheFileHas() {
        UnknownCode unknown = assertInstanceOf(UnknownCode.class, WebhookBlocks.replace(FILE, "ghost", LAST));
        assertEquals(List.of("first", "middle", "last"), unknown.codes());
        assertEquals("no webhook('ghost') { … } block in this file; it has first, middle, last", unknown.message());
        assertInstanceOf(UnknownCode.class, WebhookBlocks.remove(FILE, "x"));
        assertInstanceOf(UnknownCode.class, WebhookBlocks.find(FILE, "Middle"));
    }

    @Test
    void onlyBlocksAtTheTopLevelWithALiteralCodeAreEditable() {
        String text = """
                if (true) {
                    webhook('inner') { on 'Project:Created'; request { post 'https://a.example.com/' } }
                }
                ['one', 'two'].each { c ->
                    webhook("made_$c") { on 'Project:Created'; request { post 'https://a.example.com/' } }
                }
                """;
        assertEquals(new UnknownCode("inner", List.of()), WebhookBlocks.find(text, "inner"));
        assertEquals(new UnknownCode("made_one", List.of()), WebhookBlocks.find(text, "made_one"));
    }

    @Test
    void aFileThatDoesNotParseSaysWhere() {
        String broken = FILE.replace("on 'Task:*'", "on 'Task:*' )");
        Unparsable problem = assertInstanceOf(Unparsable.class, WebhookBlocks.remove(broken, "middle"));
        assertEquals(19, problem.line());
        assertEquals(17, problem.column());
        assertEquals("hook.groovy:19:17: " + problem.message(), problem.in("hook.groovy").format());
        String open = "webhook('a') {\n    on 'Project:Created'\n    request { post 'https://a' \n}\n";
        assertEquals(new Unparsable(3, 13, "this '{' is never closed: add the missing '}'"), WebhookBlocks.find(open, "a"));
        assertInstanceOf(Unparsable.class, WebhookBlocks.append(open, LAST));
        assertInstanceOf(Unparsable.class, WebhookBlocks.replace(open, "a", LAST));
    }

    @Test
    void columnsCountCodePointsAndTabsAsTheParserDoes() {
        String one = "webhook('one') {\ton '*:Deleted'; label '\uD83D\uDE00\uD83D\uDE00'; request { post 'https://x.example.com/' } }";
        String text = one + "   \n\n" + LAST + "\n";
        assertEquals(one, assertInstanceOf(Lookup.Found.class, WebhookBlocks.find(text, "one")).source());
        assertEquals(LAST + "\n", edited(WebhookBlocks.remove(text, "one")));
    }

    @Test
    void aBlockSharingItsLineWithOtherCodeLeavesThatCode() {
        String text = "def x = 1; " + LAST + "; def y = 2\n";
        assertEquals("def x = 1; ; def y = 2\n", edited(WebhookBlocks.remove(text, "last")));
    }

    @Test
    void aNewBlockMustBeOneWebhookBlock() {
        assertThrows(IllegalArgumentException.class, () -> WebhookBlocks.replace(FILE, "middle", "println 'x'"));
        assertThrows(IllegalArgumentException.class, () -> WebhookBlocks.append(FILE, LAST + "\n" + LAST));
        assertThrows(IllegalArgumentException.class, () -> WebhookBlocks.append(FILE, "webhook('a') {"));
    }

    private static String edited(Edit edit) {
        return assertInstanceOf(Edit.Edited.class, edit, () -> String.valueOf(edit)).text();
    }

    private Map<String, WebhookDefinition> load(String text) {
        return RoundTrip.load(dir, text).ruleSet().webhooks().stream()
                .collect(Collectors.toMap(WebhookDefinition::code, Function.identity(), (a, b) -> a,
                        java.util.LinkedHashMap::new));
    }

    private static WebhookDefinition same(WebhookDefinition webhook) {
        return RoundTrip.withoutPositions(webhook);
    }

    private static WebhookDefinition relabelled(WebhookDefinition w, String label) {
        return new WebhookDefinition(w.code(), Label.of(label), w.description(), w.owner(), w.active(), w.events(),
                w.tenant(), w.filter(), w.request(), w.execution(), w.origin());
    }
}
