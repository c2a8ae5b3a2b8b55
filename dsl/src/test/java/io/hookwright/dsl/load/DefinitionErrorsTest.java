package io.hookwright.dsl.load;

import io.hookwright.dsl.model.DefinitionError;
import io.hookwright.dsl.model.WebhookDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.hookwright.dsl.load.Definitions.assertError;
import static io.hookwright.dsl.load.Definitions.format;
import static io.hookwright.dsl.load.Definitions.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every mistake is reported with its file, line and column and a message that says how to fix it; every mistake of
 * a file, and of every file, is reported, and a file with a mistake gives no webhook.
 */
class DefinitionErrorsTest {
    @TempDir
    Path dir;
    Definitions definitions;

    @BeforeEach
    void folder() {
        definitions = new Definitions(dir);
    }

    private LoadResult load(String text) {
        return definitions.file("hook.groovy", text).load();
    }

    /** Loads a file that must give exactly one error, and checks it. */
    private DefinitionError only(String text, int line, int column, String... fragments) {
        LoadResult result = load(text);
        DefinitionError error = single(result);
        assertError(result, "hook.groovy", line, column, fragments);
        assertTrue(result.ruleSet().webhooks().isEmpty(), "a file with an error gives no webhook");
        return error;
    }

    @Nested
    class Codes {
        @Test
        void duplicateCodesAcrossFilesNameTheFirst() {
            definitions.file("a.groovy", "webhook('sync_project') { on 'Project:Created'; request { post 'https://a' } }\n");
            definitions.file("b.groovy", """
                    // the same code again

                    webhook('sync_project') {
                        on 'Project:Updated'
                        request { post 'https://b' }
                    }
                    """);
            LoadResult result = definitions.load();
            single(result);
            assertError(result, "b.groovy", 3, 1, "duplicate webhook code 'sync_project'", "already declared at a.groovy:1:1",
                    "codes must be unique");
            // the first declaration stays; the caller sees the set is not valid
            assertFalse(result.valid());
            assertEquals(List.of("https://a"),
                    result.ruleSet().webhooks().stream().map(w -> w.request().url().source()).toList());
        }

        @Test
        void duplicateCodesInOneFile() {
            LoadResult result = load("""
                    webhook('twice') { on 'Task:Created'; request { post 'https://a' } }
                    webhook('twice') { on 'Task:Created'; request { post 'https://b' } }
                    """);
            single(result);
            assertError(result, "hook.groovy", 2, 1, "duplicate webhook code 'twice'", "already declared at hook.groovy:1:1");
        }

        @Test
        void badCodeIsPointedAtAndGetsASuggestion() {
            only("""
                    webhook('Create SharePoint-Space') {
                        on 'Project:Created'
                        request { post 'https://x' }
                    }
                    """, 1, 10, "webhook code 'Create SharePoint-Space' may hold only lowercase letters, digits and _",
                    "'create_sharepoint_space'");
        }

        @Test
        void emptyCode() {
            only("webhook('') { on 'Project:Created'; request { post 'https://x' } }", 1, 10,
                    "webhook code '' may hold only lowercase letters, digits and _");
        }

        @Test
        void codeMustBeText() {
            only("webhook(42) { on 'Project:Created'; request { post 'https://x' } }", 1, 9,
                    "webhook needs a code in quotes");
        }

        @Test
        void webhookWithoutBody() {
            only("webhook('lonely')\n", 1, 1, "webhook('lonely') needs a body");
        }
    }

    @Nested
    class Words {
        @Test
        void unknownWordSuggestsTheNearest() {
            only("""
                    webhook('hook') {
                        lable 'Create SharePoint space'
                        on 'Project:Created'
                        request { post 'https://x' }
                    }
                    """, 2, 5, "unknown DSL word 'lable' in webhook { }", "did you mean 'label'?",
                    "allowed here: label, description, owner");
        }

        @Test
        void unknownWordInEachBlock() {
            LoadResult result = load("""
                    webhok('hook') {
                    }
                    webhook('hook') {
                        on 'Project:Created'
                        filter { feild('Budget') > 1 }
                        request {
                            post 'https://x'
                            hedaer 'A', 'b'
                        }
                        execution { tiemout '5s' }
                    }
                    """);
            assertError(result, "hook.groovy", 1, 1, "unknown DSL word 'webhok' in the file", "did you mean 'webhook'?");
            assertError(result, "hook.groovy", 5, 14, "unknown DSL word 'feild' in filter { }", "did you mean 'field'?");
            assertError(result, "hook.groovy", 8, 9, "unknown DSL word 'hedaer' in request { }", "did you mean 'header'?");
            assertError(result, "hook.groovy", 10, 17, "unknown DSL word 'tiemout' in execution { }", "did you mean 'timeout'?");
        }

        @Test
        void unknownWordWithNothingNearListsTheWords() {
            DefinitionError e = only("""
                    webhook('hook') {
                        on 'Project:Created'
                        request { post 'https://x' }
                        retries 5
                    }
                    """, 4, 5, "unknown DSL word 'retries' in webhook { }: allowed here: label, description, owner, "
                    + "active, on, tenant, filter, request, execution");
            assertFalse(e.message().contains("did you mean"), e.message());
        }

        @Test
        void wordInTheWrongBlockSaysWhereItBelongs() {
            LoadResult result = load("""
                    webhook('hook') {
                        on 'Project:Created'
                        field('Budget') > 10
                        request {
                            post 'https://x'
                            timeout '5s'
                        }
                        execution { header 'A', 'b' }
                    }
                    """);
            assertError(result, "hook.groovy", 3, 5, "'field' is not allowed in webhook { }; it belongs in filter { }");
            assertError(result, "hook.groovy", 6, 9, "'timeout' is not allowed in request { }; it belongs in execution { }");
            assertError(result, "hook.groovy", 8, 17, "'header' is not allowed in execution { }; it belongs in request { }");
            assertEquals(3, result.errors().size(), () -> format(result.errors()));
        }

        @Test
        void requestWordsInTheWebhookBlock() {
            LoadResult result = load("""
                    webhook('hook') {
                        on 'Project:Created'
                        post 'https://x'
                    }
                    """);
            assertError(result, "hook.groovy", 3, 5, "'post' is not allowed in webhook { }; it belongs in request { }");
            assertError(result, "hook.groovy", 1, 1, "webhook 'hook' has no URL");
        }

        @Test
        void aWordAssignedLikeAVariable() {
            only("""
                    webhook('hook') {
                        label = 'x'
                        on 'Project:Created'
                        request { post 'https://x' }
                    }
                    """, 2, 5, "'label' is a DSL word: write it with its value after it, e.g. label 'x' (without =)");
        }

        @Test
        void unknownNameInCode() {
            only("""
                    def url = base + '/hook'
                    webhook('hook') {
                        on 'Project:Created'
                        request { post url }
                    }
                    """, 1, 11, "unknown name 'base': declare it with def, or quote it if it is text");
        }
    }

    @Nested
    class Events {
        @Test
        void missingEvent() {
            only("webhook('hook') {\n    request { post 'https://x' }\n}\n", 1, 1,
                    "webhook 'hook' listens to no event: add on 'Project:Created'");
        }

        @Test
        void malformedEventIsPointedAtAndNotAlsoReportedAsNoEvent() {
            only("""
                    webhook('hook') {
                        on 'Project'
                        request { post 'https://x' }
                    }
                    """, 2, 9, "'Project' is not an event type: write Entity:Action, e.g. 'Project:Created', "
                    + "'Task:*' or '*:Deleted'");
        }

        @Test
        void eachBadEventAmongGoodOnes() {
            LoadResult result = load("""
                    webhook('hook') {
                        on 'Project:Created', 'Task:', ':Deleted', 'Task:Up dated', 'A:B:C'
                        request { post 'https://x' }
                    }
                    """);
            assertEquals(4, result.errors().size(), () -> format(result.errors()));
            assertError(result, "hook.groovy", 2, 28, "'Task:' is not an event type");
            assertError(result, "hook.groovy", 2, 37, "':Deleted' is not an event type");
            assertError(result, "hook.groovy", 2, 49, "'Task:Up dated' is not an event type");
            assertError(result, "hook.groovy", 2, 66, "'A:B:C' is not an event type");
        }

        @Test
        void eventMustBeText() {
            only("webhook('hook') {\n    on 42\n    request { post 'https://x' }\n}\n", 2, 8,
                    "on takes event types in quotes, e.g. on 'Project:Created', not 42");
        }
    }

    @Nested
    class Requests {
        @Test
        void missingRequest() {
            only("webhook('hook') {\n    on 'Project:Created'\n}\n", 1, 1,
                    "webhook 'hook' has no URL: add request { post 'https://…' }");
        }

        @Test
        void requestWithoutUrl() {
            only("""
                    webhook('hook') {
                        on 'Project:Created'
                        request {
                            header 'Content-Type', 'application/json'
                        }
                    }
                    """, 3, 5, "request { } of webhook 'hook' has no URL: add get, post, put, patch or delete 'https://…'");
        }

        @Test
        void emptyUrl() {
            only("webhook('hook') {\n    on 'Project:Created'\n    request { post '' }\n}\n", 3, 15,
                    "the URL is empty: write post 'https://…'");
        }

        @Test
        void twoUrls() {
            only("""
                    webhook('hook') {
                        on 'Project:Created'
                        request {
                            post 'https://a'
                            put 'https://b'
                        }
                    }
                    """, 5, 9, "the request already has POST https://a; a webhook sends one request");
        }

        @Test
        void twoRequestBlocksAndTwoBodies() {
            LoadResult result = load("""
                    webhook('hook') {
                        on 'Project:Created'
                        request {
                            post 'https://a'
                            body '{}'
                            body '[]'
                        }
                        request { post 'https://b' }
                    }
                    """);
            assertError(result, "hook.groovy", 6, 9, "the request already has a body; keep one");
            assertError(result, "hook.groovy", 8, 5, "webhook 'hook' has two request blocks; keep one");
            assertEquals(2, result.errors().size(), () -> format(result.errors()));
        }

        @Test
        void badHeaderName() {
            only("""
                    webhook('hook') {
                        on 'Project:Created'
                        request {
                            post 'https://a'
                            header 'Content Type', 'application/json'
                        }
                    }
                    """, 5, 17, "'Content Type' is not a valid header name");
        }

        @Test
        void badSigningSecrets() {
            LoadResult result = load("""
                    webhook('hook') {
                        on 'Project:Created'
                        request {
                            post 'https://a'
                            signingSecret 'SP-SIGNING'
                        }
                    }
                    webhook('hook_two') {
                        on 'Project:Created'
                        request {
                            post 'https://a'
                            signingSecret 'A', 'B', 'C'
                        }
                    }
                    """);
            assertError(result, "hook.groovy", 5, 24, "'SP-SIGNING' is not a secret name: use letters, digits and _");
            assertError(result, "hook.groovy", 12, 9, "signingSecret takes one secret name, or two while rotating");
        }

        @Test
        void missingTemplateFile() {
            only("""
                    webhook('hook') {
                        on 'Project:Created'
                        request {
                            post 'https://a'
                            body template('sharepoint_site.ftl')
                        }
                    }
                    """, 5, 24, "template 'sharepoint_site.ftl' not found: create templates/sharepoint_site.ftl "
                    + "next to the definitions");
        }

        @Test
        void templateOutsideTheTemplatesFolder() {
            definitions.file("secret.ftl", "outside");
            only("""
                    webhook('hook') {
                        on 'Project:Created'
                        request {
                            post 'https://a'
                            body template('../secret.ftl')
                        }
                    }
                    """, 5, 24, "template needs a file name under templates/");
        }

        @Test
        void bodyMustBeATemplate() {
            only("""
                    webhook('hook') {
                        on 'Project:Created'
                        request {
                            post 'https://a'
                            body 42
                        }
                    }
                    """, 5, 14, "body takes a template in single quotes or template('file.ftl'), not 42");
        }
    }

    @Nested
    class DoubleQuotedTemplates {
        @Test
        void urlInDoubleQuotes() {
            DefinitionError e = only("""
                    webhook('hook') {
                        on 'Project:Created'
                        request { post "https://sp.example.com/sites/${entity.id}" }
                    }
                    """, 3, 20, "use single quotes for templates", "before any event exists",
                    "write 'https://sp.example.com/sites/${entity.id}' instead");
            assertFalse(e.message().contains("unknown name"), e.message());
        }

        @Test
        void headerValueInDoubleQuotes() {
            only("""
                    webhook('hook') {
                        on 'Project:Created'
                        request {
                            post 'https://a'
                            header 'Authorization', "Bearer ${secrets.SP_TOKEN}"
                        }
                    }
                    """, 5, 33, "use single quotes for templates", "write 'Bearer ${secrets.SP_TOKEN}' instead");
        }

        @Test
        void bodyInDoubleQuotes() {
            only("""
                    webhook('hook') {
                        on 'Project:Created'
                        request {
                            post 'https://a'
                            body \"""{"id": "${entity.id}"}\"""
                        }
                    }
                    """, 5, 14, "use single quotes for templates");
        }

        @Test
        void plainDoubleQuotesWithoutPlaceholdersAreFine() {
            WebhookDefinition w = definitions.file("hook.groovy", """
                    webhook("hook") {
                        on "Project:Created"
                        request { post "https://a"; header "Content-Type", "application/json" }
                    }
                    """).only();
            assertEquals("https://a", w.request().url().source());
        }

        @Test
        void aDoubleQuotedTemplateThatNeedsNothingFromTheEventStillLetsTheFileRunToFindMore() {
            LoadResult result = load("""
                    webhook('hook') {
                        on 'Project'
                        request { post "https://example.com/${1 + 1}" }
                    }
                    """);
            assertEquals(2, result.errors().size(), () -> format(result.errors()));
            assertError(result, "hook.groovy", 2, 9, "'Project' is not an event type");
            assertError(result, "hook.groovy", 3, 20, "use single quotes for templates");
        }
    }

    @Nested
    class Filters {
        @Test
        void fieldNotCompared() {
            only("""
                    webhook('hook') {
                        on 'Project:Created'
                        filter { field('Budget') }
                        request { post 'https://a' }
                    }
                    """, 3, 14, "field('Budget') is not compared with anything", "field('Budget') == 'x'");
        }

        @Test
        void notACriterion() {
            only("""
                    webhook('hook') {
                        on 'Project:Created'
                        filter {
                            1 > 2
                        }
                        request { post 'https://a' }
                    }
                    """, 4, 9, "'(1 > 2)' is not a criterion: write field('X') > 1");
        }

        @Test
        void bangInsteadOfNot() {
            only("""
                    webhook('hook') {
                        on 'Project:Created'
                        filter {
                            !field('Archived').present()
                        }
                        request { post 'https://a' }
                    }
                    """, 4, 9, "is not a criterion", "to negate criteria write not { … }");
        }

        @Test
        void emptyAnyOfAndNot() {
            LoadResult result = load("""
                    webhook('hook') {
                        on 'Project:Created'
                        filter {
                            anyOf { }
                            not { }
                        }
                        request { post 'https://a' }
                    }
                    """);
            assertError(result, "hook.groovy", 4, 9, "anyOf { } is empty");
            assertError(result, "hook.groovy", 5, 9, "not { } is empty");
        }

        @Test
        void badRegularExpression() {
            only("""
                    webhook('hook') {
                        on 'Project:Created'
                        filter { field('Name').matches '[AI' }
                        request { post 'https://a' }
                    }
                    """, 3, 37, "'[AI' is not a valid regular expression");
        }

        @Test
        void compareWithAList() {
            only("""
                    webhook('hook') {
                        on 'Project:Created'
                        filter { field('Stage') == ['A', 'B'] }
                        request { post 'https://a' }
                    }
                    """, 3, 14, "compare field('Stage') with a text, number, boolean or null, not a list");
        }

        @Test
        void emptyIn() {
            only("""
                    webhook('hook') {
                        on 'Project:Created'
                        filter { field('Stage').in([]) }
                        request { post 'https://a' }
                    }
                    """, 3, 29, "in needs at least one value: field('Stage').in 'a', 'b'");
        }

        @Test
        void whereWithTwoParameters() {
            only("""
                    webhook('hook') {
                        on 'Project:Created'
                        filter { where { a, b -> true } }
                        request { post 'https://a' }
                    }
                    """, 3, 14, "where takes a closure of one parameter, the event: where { e -> … }");
        }

        @Test
        void dslWordsInsideWhere() {
            only("""
                    webhook('hook') {
                        on 'Project:Created'
                        filter { where { e -> field('Budget') > 1 } }
                        request { post 'https://a' }
                    }
                    """, 3, 27, "'field' is not allowed in where { }; it belongs in filter { }");
        }
    }

    @Nested
    class Execution {
        @Test
        void unknownTransactionModeSuggestsTheNearest() {
            only("""
                    webhook('hook') {
                        on 'Project:Created'
                        request { post 'https://a' }
                        execution { transaction 'aftercommit' }
                    }
                    """, 4, 30, "unknown transaction mode 'aftercommit': did you mean 'after-commit'? "
                    + "use 'inside' or 'after-commit'");
        }

        @Test
        void unknownTransactionModeFarFromAny() {
            DefinitionError e = only("""
                    webhook('hook') {
                        on 'Project:Created'
                        request { post 'https://a' }
                        execution { transaction 'never' }
                    }
                    """, 4, 30, "unknown transaction mode 'never': use 'inside' or 'after-commit'");
            assertFalse(e.message().contains("did you mean"));
        }

        @Test
        void badDurations() {
            LoadResult result = load("""
                    webhook('hook') {
                        on 'Project:Created'
                        request { post 'https://a' }
                        execution { timeout 'five seconds' }
                    }
                    webhook('hook_2') {
                        on 'Project:Created'
                        request { post 'https://a' }
                        execution { timeout '0s' }
                    }
                    webhook('hook_3') {
                        on 'Project:Created'
                        request { post 'https://a' }
                        execution { timeout '6m' }
                    }
                    webhook('hook_4') {
                        on 'Project:Created'
                        request { post 'https://a' }
                        execution { timeout 5 }
                    }
                    """);
            assertEquals(4, result.errors().size(), () -> format(result.errors()));
            assertError(result, "hook.groovy", 4, 26, "bad duration 'five seconds': write a whole number and a unit: "
                    + "'500ms', '5s', '2m' or '1h'");
            assertError(result, "hook.groovy", 9, 26, "timeout '0s' is out of range: use more than 0 and at most 5m");
            assertError(result, "hook.groovy", 14, 26, "timeout '6m' is out of range");
            assertError(result, "hook.groovy", 19, 25, "bad duration 5: write a whole number and a unit");
        }

        @Test
        void synchronousAndActiveTakeBooleans() {
            LoadResult result = load("""
                    webhook('hook') {
                        active 'yes'
                        on 'Project:Created'
                        request { post 'https://a' }
                        execution { synchronous 'no' }
                    }
                    """);
            assertEquals(2, result.errors().size(), () -> format(result.errors()));
            assertError(result, "hook.groovy", 2, 13, "active takes true or false, not 'yes'");
            assertError(result, "hook.groovy", 5, 30, "synchronous takes true or false, not 'no'");
        }

        /** One webhook whose execution block is {@code block}, written on line 4 from column 17. */
        private String retryIn(String block) {
            return """
                    webhook('hook') {
                        on 'Project:Created'
                        request { post 'https://a' }
                        execution { %s }
                    }
                    """.formatted(block);
        }

        @Test
        void retryWaitThatIsNoDuration() {
            only(retryIn("retry '5s', 'soon'"), 4, 30,
                    "bad duration 'soon': write a whole number and a unit: '500ms', '5s', '2m' or '1h'");
        }

        @Test
        void retryWaitLongerThanADay() {
            only(retryIn("retry '5s', '25h'"), 4, 30, "retry wait '25h' is out of range: use 0 to 24h");
        }

        @Test
        void everyBadRetryWaitIsReported() {
            LoadResult result = load(retryIn("retry 'x', '5s', '1441m'"));
            assertEquals(2, result.errors().size(), () -> format(result.errors()));
            assertError(result, "hook.groovy", 4, 24, "bad duration 'x'");
            assertError(result, "hook.groovy", 4, 35, "retry wait '1441m' is out of range");
        }

        @Test
        void moreThanTwentyRetryWaits() {
            // each "'1s', " is 6 characters: the 21st wait's text starts at 24 + 20 * 6
            only(retryIn("retry " + String.join(", ", java.util.Collections.nCopies(21, "'1s'"))), 4, 144,
                    "retry takes at most 20 waits (21 attempts in all)");
        }

        @Test
        void retryValuesThatAreNeitherWaitsNorFalse() {
            only(retryIn("retry 5"), 4, 23, "retry takes waits such as '5s', '5m', false, or attempts: N, not 5");
            only(retryIn("retry true"), 4, 23, "retry takes waits such as '5s', '5m', false, or attempts: N, not true");
            only(retryIn("retry '5s', 10"), 4, 29, "retry takes waits such as '5s', '5m', false, or attempts: N, not 10");
        }

        @Test
        void retryWithoutAValue() {
            only(retryIn("retry()"), 4, 17, "retry needs a value: write waits such as '5s', '5m', false, or attempts: N");
            only(retryIn("retry"), 4, 17, "'retry' is a DSL word: write it with its value after it");
            only(retryIn("retry([])"), 4, 23, "retry needs a value");
        }

        @Test
        void retryFalseOrNoneAmongWaits() {
            only(retryIn("retry false, '5s'"), 4, 23, "retry false stands alone: write retry false (or retry 'none') "
                    + "for one attempt only, or list the waits");
            only(retryIn("retry '5s', 'none'"), 4, 30, "retry 'none' stands alone");
        }

        @Test
        void retryAttemptsOutOfRange() {
            only(retryIn("retry attempts: 0"), 4, 33, "retry attempts: 0 is out of range: use 1 to 20 "
                    + "(attempts in all, the first included)");
            only(retryIn("retry attempts: 21"), 4, 33, "retry attempts: 21 is out of range: use 1 to 20");
            only(retryIn("retry attempts: -1"), 4, 33, "retry attempts: -1 is out of range");
        }

        @Test
        void retryAttemptsThatIsNoWholeNumber() {
            only(retryIn("retry attempts: '3'"), 4, 34, "retry attempts: takes a whole number from 1 to 20, not '3'");
            only(retryIn("retry attempts: 2.5"), 4, 33, "retry attempts: takes a whole number from 1 to 20, not 2.5");
        }

        @Test
        void retryWithAnUnknownOption() {
            DefinitionError e = only(retryIn("retry attempt: 3"), 4, 23, "retry has no option 'attempt': "
                    + "did you mean 'attempts'? retry takes waits such as '5s', '5m', false, or attempts: N");
            e = only(retryIn("retry attempts: 3, jitter: 0.1"), 4, 36, "retry has no option 'jitter': retry takes waits");
            assertFalse(e.message().contains("did you mean"), e.message());
        }

        @Test
        void retryWithAttemptsAndWaitsTogether() {
            only(retryIn("retry '5s', attempts: 3"), 4, 24, "retry takes either attempts: N or waits such as '5s', '5m', "
                    + "not both");
        }

        @Test
        void retryOnASynchronousWebhookWhicheverComesFirst() {
            String message = "retry applies to async webhooks (synchronous false): a synchronous webhook is sent once";
            only(retryIn("synchronous true; retry '5s'"), 4, 35, message);
            only(retryIn("retry '5s'; synchronous true"), 4, 17, message);
            only(retryIn("retry false; synchronous true"), 4, 17, message);
            only("""
                    webhook('hook') {
                        on 'Project:Created'
                        request { post 'https://a' }
                        execution {
                            retry attempts: 3
                            transaction 'inside'
                            synchronous true
                        }
                    }
                    """, 5, 9, message);
        }

        @Test
        void orderedByOnASynchronousWebhookWhicheverComesFirst() {
            String message = "orderedBy applies to async webhooks (synchronous false)";
            only(retryIn("synchronous true; orderedBy '${entity.id}'"), 4, 35, message);
            only(retryIn("orderedBy '${entity.id}'; synchronous true"), 4, 17, message);
        }

        @Test
        void orderedByTakesASingleQuotedTemplateAndKnownOptions() {
            only(retryIn("orderedBy ''"), 4, 28, "orderedBy takes a template in single quotes giving the key");
            only(retryIn("orderedBy 42"), 4, 27, "orderedBy takes a template in single quotes giving the key");
            only(retryIn("orderedBy '${entity.id}', onFailure: 'stop'"), 4, 55, "orderedBy onFailure: takes 'skip'",
                    "'block'", "not 'stop'");
            only(retryIn("orderedBy '${entity.id}', onFailur: 'block'"), 4, 43, "orderedBy has no option 'onFailur': "
                    + "did you mean 'onFailure'?");
        }

        @Test
        void misspeltRetry() {
            only(retryIn("retyr '5s'"), 4, 17, "unknown DSL word 'retyr' in execution { }: did you mean 'retry'?");
        }

        @Test
        void retryOutsideTheExecutionBlock() {
            only("""
                    webhook('hook') {
                        on 'Project:Created'
                        request { post 'https://a' }
                        retry '5s'
                    }
                    """, 4, 5, "'retry' is not allowed in webhook { }; it belongs in execution { }");
        }
    }

    @Nested
    class Syntax {
        @Test
        void unclosedBlockNamesTheBraceThatLostItsPartner() {
            only("""
                    webhook('hook') {
                        on 'Project:Created'
                        request { post 'https://a'
                    }
                    """, 3, 13, "this '{' is never closed: add the missing '}'");
        }

        @Test
        void unclosedBlockAtTheEndOfTheFile() {
            only("""
                    webhook('hook') {
                        on 'Project:Created'
                        request { post 'https://a' }
                    """, 1, 17, "this '{' is never closed: add the missing '}'");
        }

        @Test
        void oneBraceTooMany() {
            only("""
                    webhook('hook') {
                        on 'Project:Created'
                        request { post 'https://a' }
                    }
                    }
                    """, 5, 1, "this '}' closes nothing: remove it, or look for a missing '{' before it");
        }

        @Test
        void unclosedParenthesis() {
            only("""
                    webhook('hook' {
                        on 'Project:Created'
                        request { post 'https://a' }
                    }
                    """, 1, 8, "this '(' is never closed: add the missing ')'");
        }

        @Test
        void unterminatedString() {
            only("""
                    webhook('hook') {
                        label 'Create SharePoint space
                        on 'Project:Created'
                        request { post 'https://a' }
                    }
                    """, 2, 11, "this text is not closed: end it with ' on the same line, or use \'\'\'…\'\'\' "
                    + "for text over several lines");
        }

        @Test
        void otherSyntaxErrorsKeepTheParsersPlace() {
            only("""
                    webhook('hook') {
                        on 'Project:Created'
                        request { post 'https://a' ; ; . }
                    }
                    """, 3, 36, "unexpected '. }': look for a missing comma, bracket or quote just before");
        }

        @Test
        void missingCommaBetweenArguments() {
            only("""
                    webhook('hook') {
                        on 'Project:Created'
                        request {
                            post 'https://a'
                            header 'Content-Type' 'application/json'
                        }
                    }
                    """, 5, 9, "'header' does not take these arguments: write header 'Content-Type', 'application/json'");
        }

        @Test
        void knownWordsWithTheWrongArgumentsShowHowTheyAreWritten() {
            LoadResult result = load("""
                    webhook('hook') {
                        label 'One', 'Two'
                        filter 'Budget > 10'
                        on 'Project:Created'
                        request { post 'https://a' }
                    }
                    """);
            assertError(result, "hook.groovy", 2, 5, "'label' does not take these arguments: write label 'Text', "
                    + "or label en: '…', fr: '…'");
            assertError(result, "hook.groovy", 3, 5, "'filter' does not take these arguments: write filter { … }");
            assertEquals(2, result.errors().size(), () -> format(result.errors()));
        }

        @Test
        void misspeltValueMethodsGetASuggestion() {
            LoadResult result = load("""
                    webhook('hook') {
                        on 'Project:Created'
                        filter {
                            field('Portfolio').contians 'Digital'
                            changed('Status').form('Open')
                        }
                        request { post 'https://a' }
                    }
                    """);
            assertError(result, "hook.groovy", 4, 28, "'contians(…)' cannot be called in a definition; did you mean 'contains'?");
            assertError(result, "hook.groovy", 5, 27, "'form(…)' cannot be called in a definition; did you mean 'from'?");
        }

        @Test
        void classesMethodsImportsAndPackagesAreRefused() {
            LoadResult result = load("""
                    package hooks
                    import java.time.Duration
                    class Helper { }
                    def url() { 'https://a' }
                    webhook('hook') { on 'Project:Created'; request { post 'https://a' } }
                    """);
            assertError(result, "hook.groovy", 1, 1, "a definition file has no package declaration");
            assertError(result, "hook.groovy", 2, 1, "imports are not allowed in a definition file");
            assertError(result, "hook.groovy", 3, 1, "a definition file cannot declare classes ('Helper')");
            assertError(result, "hook.groovy", 4, 1, "a definition file cannot declare methods ('url'); use a closure "
                    + "in a local variable instead");
        }
    }

    @Nested
    class Reporting {
        @Test
        void oneFileWithManyMistakesReportsThemAll() {
            LoadResult result = load("""
                    webhook('Bad-Code') {
                        lable 'Create SharePoint space'
                        on 'Project'
                        filter {
                            field('Budget')
                            field('Name').matches '(AI'
                        }
                        request {
                            post "https://sp.example.com/${1}"
                            body template('missing.ftl')
                        }
                        execution {
                            transaction 'insde'
                            timeout 'soon'
                        }
                    }
                    """);
            assertError(result, "hook.groovy", 1, 10, "webhook code 'Bad-Code'");
            assertError(result, "hook.groovy", 2, 5, "did you mean 'label'?");
            assertError(result, "hook.groovy", 3, 9, "'Project' is not an event type");
            assertError(result, "hook.groovy", 5, 9, "field('Budget') is not compared with anything");
            assertError(result, "hook.groovy", 6, 32, "'(AI' is not a valid regular expression");
            assertError(result, "hook.groovy", 9, 14, "use single quotes for templates");
            assertError(result, "hook.groovy", 10, 24, "template 'missing.ftl' not found");
            assertError(result, "hook.groovy", 13, 22, "unknown transaction mode 'insde': did you mean 'inside'?");
            assertError(result, "hook.groovy", 14, 18, "bad duration 'soon'");
            assertEquals(9, result.errors().size(), () -> "no other error expected:\n" + format(result.errors()));
            assertSorted(result.errors());
        }

        @Test
        void sandboxMistakesAreAllReportedTogether() {
            LoadResult result = load("""
                    def s = 'ls'
                    s.execute()
                    webhook('hook') {
                        on 'Project:Created'
                        filter { where { e -> System.getenv('HOME') != null } }
                        request { post 'https://a' }
                    }
                    new File('/tmp/x')
                    """);
            assertError(result, "hook.groovy", 2, 3, "'execute(…)' cannot be called in a definition");
            assertError(result, "hook.groovy", 5, 27, "the class java.lang.System cannot be used in a definition");
            assertError(result, "hook.groovy", 5, 34, "'getenv(…)' cannot be called in a definition");
            assertError(result, "hook.groovy", 8, 1, "a definition cannot create objects ('new File')");
            assertEquals(4, result.errors().size(), () -> format(result.errors()));
            assertSorted(result.errors());
        }

        @Test
        void errorsInSeveralFilesAreAllReportedAndGoodFilesStillLoad() {
            definitions.file("a_syntax.groovy", "webhook('a') {\n    on 'Project:Created'\n");
            definitions.file("b_sandbox.groovy", "webhook('b') { on 'Project:Created'; request { post 'https://b' } }\n"
                    + "'ls'.execute()\n");
            definitions.file("c_runtime.groovy", "webhook('c') {\n    on 'Project'\n    request { post 'https://c' }\n}\n");
            definitions.file("d_good.groovy", "webhook('d') { on 'Project:Created'; request { post 'https://d' } }\n");
            LoadResult result = definitions.load();
            assertEquals(4, result.files());
            assertEquals(List.of("a_syntax.groovy", "b_sandbox.groovy", "c_runtime.groovy"),
                    result.errors().stream().map(DefinitionError::file).distinct().toList());
            assertError(result, "b_sandbox.groovy", 2, 6, "'execute(…)' cannot be called");
            assertError(result, "c_runtime.groovy", 2, 9, "'Project' is not an event type");
            assertFalse(result.valid());
            assertEquals(List.of("d"), result.ruleSet().webhooks().stream().map(WebhookDefinition::code).toList());
        }

        @Test
        void aFailureWhileLoadingNamesTheLine() {
            only("""
                    def settings = [:]
                    webhook('hook') {
                        on 'Project:Created'
                        request { post settings.base.url }
                    }
                    """, 4, 1, "loading stopped: Cannot get property 'url' on null object");
        }

        @Test
        void errorsFormatLikeACompiler() {
            DefinitionError e = only("webhook('hook') {\n    on 'Project'\n    request { post 'https://a' }\n}\n", 2, 9);
            assertEquals("hook.groovy:2:9: 'Project' is not an event type: write Entity:Action, e.g. 'Project:Created', "
                    + "'Task:*' or '*:Deleted'", e.format());
        }

        @Test
        void aMissingFolderIsAnError() {
            LoadResult result = new DefinitionLoader().load(dir.resolve("nowhere"));
            assertFalse(result.valid());
            assertTrue(single(result).message().contains("no definitions folder here"));
        }

        @Test
        void anEmptyFolderIsValidAndEmpty() {
            LoadResult result = definitions.load();
            assertTrue(result.valid());
            assertEquals(0, result.files());
            assertTrue(result.ruleSet().webhooks().isEmpty());
        }

        private void assertSorted(List<DefinitionError> errors) {
            for (int i = 1; i < errors.size(); i++) {
                DefinitionError a = errors.get(i - 1);
                DefinitionError b = errors.get(i);
                assertTrue(a.line() < b.line() || a.line() == b.line() && a.column() <= b.column(),
                        () -> "errors are listed top to bottom:\n" + format(errors));
            }
        }
    }
}
