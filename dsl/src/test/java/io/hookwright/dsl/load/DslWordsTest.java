package io.hookwright.dsl.load;

import io.hookwright.dsl.model.Criterion;
import io.hookwright.dsl.model.Criterion.Operator;
import io.hookwright.dsl.model.EventPattern;
import io.hookwright.dsl.model.EventPredicate;
import io.hookwright.dsl.model.ExecutionSpec;
import io.hookwright.dsl.model.Ordering;
import io.hookwright.dsl.model.Header;
import io.hookwright.dsl.model.RequestSpec;
import io.hookwright.dsl.model.RetryPolicy;
import io.hookwright.dsl.model.SourcePosition;
import io.hookwright.dsl.model.Template;
import io.hookwright.dsl.model.TransactionMode;
import io.hookwright.dsl.model.WebhookDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static io.hookwright.dsl.load.Definitions.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each DSL word of the design gives the model it describes. */
class DslWordsTest {
    @TempDir
    Path dir;
    Definitions definitions;

    @BeforeEach
    void folder() {
        definitions = new Definitions(dir);
    }

    /** One webhook with {@code body} inside its block, the minimum around it supplied. */
    private WebhookDefinition webhook(String body) {
        String on = java.util.regex.Pattern.compile("(?m)^\\s*on[ (]").matcher(body).find() ? ""
                : "    on 'Project:Created'\n";
        String request = body.contains("request {") ? "" : "    request { post 'https://example.com/hook' }\n";
        return definitions.file("hook.groovy", "webhook('hook') {\n" + on + body + "\n" + request + "}\n").only();
    }

    private List<Criterion> filter(String criteria) {
        return webhook("    filter {\n" + criteria + "\n    }").filter();
    }

    private Criterion criterion(String criterion) {
        List<Criterion> all = filter("        " + criterion);
        assertEquals(1, all.size(), () -> "criteria: " + all);
        return all.get(0);
    }

    @Test
    void theDocumentedExampleLoads() {
        definitions.template("sharepoint_site.ftl", "{\"title\": \"${entity.attributes.Name}\"}");
        WebhookDefinition w = definitions.file("sharepoint.groovy", """
                webhook('sharepoint_space') {                 // code: unique, [a-z0-9_]+
                    label 'Create SharePoint space'
                    description 'New Digital projects get a SharePoint site'
                    owner 'anna.doe@company.com'
                    active true
                    on 'Project:Created'
                    tenant 'acme'
                    filter {
                        field('Portfolio').contains 'Digital'
                        field('Budget') > 10_000
                        field('Stage').in 'Approved', 'Active'
                        field('Name').matches '^AI'
                        field('Manager').present()
                        changed 'Status'
                        changed('Status').from('On track').to('Done')
                        field('parent.id') == '6261612a8f1e99002e5c8cce'
                        anyOf { field('Priority') == 'High'; field('Risk') != 'Low' }
                        not { field('Archived') == true }
                        where { e -> e.attributes.Budget > e.before.Budget }
                    }
                    request {
                        post 'https://sp.example.com/_api/sites'
                        header 'Authorization', 'Bearer ${secrets.SP_TOKEN}'
                        header 'Content-Type', 'application/json'
                        body template('sharepoint_site.ftl')
                        signingSecret 'SP_SIGNING'
                    }
                    execution {
                        synchronous false
                        transaction 'inside'
                        timeout '5s'
                    }
                }
                """).only();
        assertEquals("sharepoint_space", w.code());
        assertEquals("Create SharePoint space", w.label().text());
        assertEquals("New Digital projects get a SharePoint site", w.description());
        assertEquals(Optional.of("anna.doe@company.com"), w.owner());
        assertTrue(w.active());
        assertEquals(List.of(new EventPattern("Project", "Created")), w.events());
        assertEquals(Optional.of("acme"), w.tenant());
        assertEquals(11, w.filter().size());
        assertEquals("POST", w.request().method());
        assertEquals(new ExecutionSpec(false, TransactionMode.INSIDE, Duration.ofSeconds(5), RetryPolicy.DEFAULT), w.execution());
        assertEquals(new SourcePosition("sharepoint.groovy", 1, 1), w.origin());
    }

    @Nested
    class Describing {
        @Test
        void codeAndOrigin() {
            WebhookDefinition w = webhook("");
            assertEquals("hook", w.code());
            assertEquals(new SourcePosition("hook.groovy", 1, 1), w.origin());
        }

        @Test
        void singleLabel() {
            WebhookDefinition w = webhook("    label 'Create SharePoint space'");
            assertEquals(Map.of("", "Create SharePoint space"), w.label().byLanguage());
            assertEquals("Create SharePoint space", w.label().text());
            assertEquals("Create SharePoint space", w.label().text("fr"));
        }

        @Test
        void labelPerLanguageKeepsOrderAndFallsBackToTheFirst() {
            WebhookDefinition w = webhook("    label en: 'Create SharePoint space', fr: 'Créer un espace SharePoint'");
            assertEquals(List.of("en", "fr"), List.copyOf(w.label().byLanguage().keySet()));
            assertEquals("Create SharePoint space", w.label().text());
            assertEquals("Créer un espace SharePoint", w.label().text("fr"));
            assertEquals("Create SharePoint space", w.label().text("de"));
        }

        @Test
        void labelDefaultsToTheCode() {
            assertEquals("hook", webhook("").label().text());
        }

        @Test
        void descriptionAndOwner() {
            WebhookDefinition w = webhook("    description 'Tells the PMO'\n    owner 'pmo@company.com'");
            assertEquals("Tells the PMO", w.description());
            assertEquals(Optional.of("pmo@company.com"), w.owner());
        }

        @Test
        void descriptionOwnerAndTenantAreOptional() {
            WebhookDefinition w = webhook("");
            assertEquals("", w.description());
            assertEquals(Optional.empty(), w.owner());
            assertEquals(Optional.empty(), w.tenant());
        }

        @Test
        void activeDefaultsToTrue() {
            assertTrue(webhook("").active());
            assertTrue(webhook("    active true").active());
            assertFalse(webhook("    active false").active());
        }

        @Test
        void tenant() {
            assertEquals(Optional.of("acme"), webhook("    tenant 'acme'").tenant());
        }

        @Test
        void severalWebhooksInOneFileAndAcrossFilesKeepFileOrder() {
            definitions.file("b.groovy", """
                    webhook('b_one') { on 'Task:Created'; request { post 'https://x/1' } }
                    webhook('b_two') { on 'Task:Created'; request { post 'https://x/2' } }
                    """);
            definitions.file("a.groovy", "webhook('a_one') { on 'Task:Created'; request { post 'https://x/3' } }\n");
            LoadResult result = definitions.loadValid();
            assertEquals(List.of("a_one", "b_one", "b_two"),
                    result.ruleSet().webhooks().stream().map(WebhookDefinition::code).toList());
            assertEquals(2, result.files());
            assertEquals(new SourcePosition("b.groovy", 2, 1), result.ruleSet().find("b_two").orElseThrow().origin());
        }

        @Test
        void filesOtherThanGroovyAreIgnored() {
            definitions.file("notes.txt", "not a definition");
            definitions.file("hook.groovy", "webhook('hook') { on 'Task:Created'; request { post 'https://x' } }");
            assertEquals(1, definitions.loadValid().files());
        }

        @Test
        void localVariablesAndLoopsMayBuildDefinitions() {
            definitions.file("loop.groovy", """
                    def base = 'https://example.com/'
                    [[code: 'task_created', event: 'Task:Created'], [code: 'task_deleted', event: 'Task:Deleted']].each { h ->
                        webhook(h.code) {
                            on h.event
                            request { post base + h.code }
                        }
                    }
                    """);
            List<WebhookDefinition> all = definitions.loadValid().ruleSet().webhooks();
            assertEquals(List.of("task_created", "task_deleted"), all.stream().map(WebhookDefinition::code).toList());
            assertEquals("https://example.com/task_deleted", all.get(1).request().url().source());
            assertEquals(List.of(new EventPattern("Task", "Deleted")), all.get(1).events());
        }
    }

    @Nested
    class Events {
        @Test
        void oneEvent() {
            assertEquals(List.of(new EventPattern("Project", "Created")), webhook("    on 'Project:Created'").events());
        }

        @Test
        void severalEventsInOneWordAndAcrossWords() {
            WebhookDefinition w = webhook("    on 'Project:Created', 'Project:Updated'\n    on 'Idea:Deleted'");
            assertEquals(List.of(new EventPattern("Project", "Created"), new EventPattern("Project", "Updated"),
                    new EventPattern("Idea", "Deleted")), w.events());
        }

        @Test
        void aListOfEventsAndDuplicatesOnce() {
            WebhookDefinition w = webhook("    on(['Task:Created', 'Task:Created', 'KeyDate:Updated'])");
            assertEquals(List.of(new EventPattern("Task", "Created"), new EventPattern("KeyDate", "Updated")), w.events());
        }

        @Test
        void wildcards() {
            WebhookDefinition w = webhook("    on 'Task:*', '*:Deleted', '*:*'");
            assertEquals(List.of(new EventPattern("Task", "*"), new EventPattern("*", "Deleted"),
                    new EventPattern("*", "*")), w.events());
            assertTrue(w.events().get(0).matches("Task", "Updated"));
            assertFalse(w.events().get(0).matches("Project", "Updated"));
            assertTrue(w.events().get(1).matches("Portfolio", "Deleted"));
            assertFalse(w.events().get(1).matches("Portfolio", "Created"));
        }
    }

    @Nested
    class Filter {
        @ParameterizedTest(name = "field(''Budget'') {0} 10000")
        @CsvSource({">, GT", ">=, GE", "<, LT", "<=, LE", "==, EQ", "!=, NE"})
        void comparisons(String symbol, Operator operator) {
            Criterion c = criterion("field('Budget') " + symbol + " 10_000");
            assertEquals(new Criterion.Compare("Budget", operator, 10_000, new SourcePosition("hook.groovy", 4, 9)), c);
            assertEquals(symbol, operator.symbol());
        }

        @ParameterizedTest(name = "10000 {0} field(''Budget'') is field(''Budget'') {1}")
        @CsvSource({"<, GT", "<=, GE", ">, LT", ">=, LE", "==, EQ", "!=, NE"})
        void aFieldOnTheRightIsTurnedAround(String written, Operator meant) {
            Criterion c = criterion("10_000 " + written + " field('Budget')");
            // the criterion is placed at field(…): "        10_000 " + operator + " " comes before it
            assertEquals(new Criterion.Compare("Budget", meant, 10_000,
                    new SourcePosition("hook.groovy", 4, 17 + written.length())), c);
        }

        @Test
        void comparedValuesKeepTheirKind() {
            List<Criterion> all = filter("""
                            field('Name') == 'Apollo'
                            field('Ratio') > 0.5
                            field('Big') < 12345678901
                            field('Archived') == false
                            field('Manager') == null
                            field('Label') == "plain double quotes"
                    """);
            assertEquals(List.of("Apollo", new java.math.BigDecimal("0.5"), 12345678901L, false, "plain double quotes"),
                    Arrays.asList(value(all.get(0)), value(all.get(1)), value(all.get(2)), value(all.get(3)),
                            value(all.get(5))));
            assertEquals(null, value(all.get(4)));
        }

        private Object value(Criterion c) {
            return ((Criterion.Compare) c).value();
        }

        @Test
        void pathsIntoTheEventAndNestedAttributes() {
            List<Criterion> all = filter("""
                            field('parent.id') == '6261612a8f1e99002e5c8cce'
                            field('entity.key') == 'DEMO'
                            field('initiator.login') == 'anna.doe@company.com'
                            field('event.type') == 'Project:Created'
                            field('tenant') == 'acme'
                            field('Owner.Name') == 'Anna'
                    """);
            assertEquals(List.of("parent.id", "entity.key", "initiator.login", "event.type", "tenant", "Owner.Name"),
                    all.stream().map(c -> ((Criterion.Compare) c).path()).toList());
        }

        @Test
        void contains() {
            assertEquals(new Criterion.Contains("Portfolio", "Digital", new SourcePosition("hook.groovy", 4, 9)),
                    criterion("field('Portfolio').contains 'Digital'"));
        }

        @Test
        void inWithSeveralValuesOrAList() {
            assertEquals(new Criterion.In("Stage", List.of("Approved", "Active"), new SourcePosition("hook.groovy", 4, 9)),
                    criterion("field('Stage').in 'Approved', 'Active'"));
            assertEquals(List.of(1, 2, 3), ((Criterion.In) criterion("field('Phase').in([1, 2, 3])")).values());
        }

        @Test
        void matches() {
            assertEquals(new Criterion.Matches("Name", "^AI", new SourcePosition("hook.groovy", 4, 9)),
                    criterion("field('Name').matches '^AI'"));
        }

        @Test
        void presentAndMissing() {
            List<Criterion> all = filter("        field('Manager').present()\n        field('EndDate').missing()");
            assertEquals(List.of(new Criterion.Present("Manager", new SourcePosition("hook.groovy", 4, 9)),
                    new Criterion.Missing("EndDate", new SourcePosition("hook.groovy", 5, 9))), all);
        }

        @Test
        void changed() {
            assertEquals(new Criterion.Changed("Status", false, null, false, null, new SourcePosition("hook.groovy", 4, 9)),
                    criterion("changed 'Status'"));
        }

        @Test
        void changedFromTo() {
            assertEquals(new Criterion.Changed("Status", true, "On track", true, "Done",
                            new SourcePosition("hook.groovy", 4, 9)),
                    criterion("changed('Status').from('On track').to('Done')"));
        }

        @Test
        void changedFromOnlyOrToOnly() {
            List<Criterion> all = filter("        changed('Status').to('Done')\n        changed('Stage').from(null)");
            assertEquals(new Criterion.Changed("Status", false, null, true, "Done", new SourcePosition("hook.groovy", 4, 9)),
                    all.get(0));
            assertEquals(new Criterion.Changed("Stage", true, null, false, null, new SourcePosition("hook.groovy", 5, 9)),
                    all.get(1));
        }

        @Test
        void anyOfAndNotNestCriteria() {
            List<Criterion> all = filter("""
                            anyOf {
                                field('Priority') == 'High'
                                not { field('Risk') == 'Low' }
                            }
                    """);
            Criterion.AnyOf anyOf = assertInstanceOf(Criterion.AnyOf.class, all.get(0));
            assertEquals(new SourcePosition("hook.groovy", 4, 9), anyOf.position());
            assertEquals(new Criterion.Compare("Priority", Operator.EQ, "High", new SourcePosition("hook.groovy", 5, 13)),
                    anyOf.criteria().get(0));
            Criterion.Not not = assertInstanceOf(Criterion.Not.class, anyOf.criteria().get(1));
            assertEquals(new SourcePosition("hook.groovy", 6, 13), not.position());
            assertEquals(List.of(new Criterion.Compare("Risk", Operator.EQ, "Low", new SourcePosition("hook.groovy", 6, 19))),
                    not.criteria());
        }

        @Test
        void criteriaKeepTheOrderWritten() {
            List<Criterion> all = filter("""
                            changed 'Status'
                            field('A') == 1
                            anyOf { field('B') == 2 }
                            field('C').present()
                            where { e -> true }
                            not { field('D') == 3 }
                    """);
            assertEquals(List.of(Criterion.Changed.class, Criterion.Compare.class, Criterion.AnyOf.class,
                    Criterion.Present.class, Criterion.Where.class, Criterion.Not.class),
                    all.stream().map(Object::getClass).toList());
        }

        @Test
        void severalFilterBlocksAddUp() {
            WebhookDefinition w = webhook("    filter { field('A') == 1 }\n    filter { field('B') == 2 }");
            assertEquals(2, w.filter().size());
        }

        @Test
        void whereEvaluatesAgainstTheEvent() {
            Criterion.Where where = assertInstanceOf(Criterion.Where.class,
                    criterion("where { e -> e.attributes.Budget > e.before.Budget }"));
            assertEquals(new SourcePosition("hook.groovy", 4, 9), where.position());
            EventPredicate test = where.predicate();
            assertTrue(test.test(event(Map.of("Budget", 20_000), Map.of("Budget", 10_000))));
            assertFalse(test.test(event(Map.of("Budget", 5_000), Map.of("Budget", 10_000))));
        }

        @Test
        void whereReadsEveryPartOfTheEventView() {
            List<Criterion> all = filter("""
                            where { it.type == 'Project:Updated' && it.tenant == 'acme' }
                            where { e -> e.entity.key == 'DEMO' && e.initiator.login.endsWith('@company.com') }
                            where { e -> e.changes.any { c -> c.field == 'Status' && c.current == 'Done' } }
                            where { e -> e.changes*.field.contains('Status') }
                            where { e -> e.event.id == 'evt-1' && e.parent?.id == null }
                            where { e -> (e.attributes.Budget ?: 0) > (e.before?.Budget ?: 0) }
                            where { e -> e.attributes['Status'] ==~ /D.*e/ && e.attributes.Status =~ /on/ }
                            where { e -> e.attributes.Tags.sort().first() == 'alpha' && e.attributes.Tags[0] == 'beta' }
                            where { e -> e.attributes.Name.toLowerCase().startsWith('ai') && Math.max(1, 2) == 2 }
                            where { e -> def n = 0; for (t in e.attributes.Tags) { n++ }; n == 2 && Integer.MAX_VALUE > n }
                    """);
            Map<String, Object> event = event(Map.of("Budget", 20, "Status", "Done", "Name", "AI Pilot",
                    "Tags", List.of("beta", "alpha")), Map.of("Budget", 10, "Status", "Open"));
            for (Criterion c : all) {
                Criterion.Where where = (Criterion.Where) c;
                assertTrue(where.predicate().test(event), () -> "where at " + where.position());
            }
            assertEquals(List.of("beta", "alpha"), ((Map<?, ?>) event.get("attributes")).get("Tags"),
                    "sort() in a where closure must not reorder the event's list");
        }

        @Test
        void whereWithoutAnAnswerIsFalseAndTruthFollowsGroovy() {
            List<Criterion> all = filter("""
                            where { e -> e.attributes.Missing }
                            where { e -> e.attributes.Tags }
                            where { e -> e.attributes.Name }
                    """);
            Map<String, Object> event = event(Map.of("Tags", List.of(), "Name", "x"), null);
            assertFalse(((Criterion.Where) all.get(0)).predicate().test(event));
            assertFalse(((Criterion.Where) all.get(1)).predicate().test(event));
            assertTrue(((Criterion.Where) all.get(2)).predicate().test(event));
        }
    }

    @Nested
    class Request {
        private RequestSpec request(String block) {
            return webhook("    request {\n" + block + "\n    }").request();
        }

        @ParameterizedTest
        @CsvSource({"get, GET", "post, POST", "put, PUT", "patch, PATCH", "delete, DELETE"})
        void methods(String word, String method) {
            RequestSpec r = request("        " + word + " 'https://example.com/items/${entity.id}'");
            assertEquals(method, r.method());
            assertEquals(new Template("URL of hook", "https://example.com/items/${entity.id}",
                    new SourcePosition("hook.groovy", 4, 11 + word.length()), true), r.url());
        }

        @Test
        void headersInOrderWithTemplatedValues() {
            RequestSpec r = request("""
                            post 'https://example.com'
                            header 'Authorization', 'Bearer ${secrets.SP_TOKEN}'
                            header 'Content-Type', 'application/json'
                    """);
            assertEquals(List.of(
                    new Header("Authorization", new Template("header Authorization of hook", "Bearer ${secrets.SP_TOKEN}",
                            new SourcePosition("hook.groovy", 5, 34), true)),
                    new Header("Content-Type", new Template("header Content-Type of hook", "application/json",
                            new SourcePosition("hook.groovy", 6, 33), true))), r.headers());
            assertEquals(Optional.of("application/json"), r.contentType());
        }

        @Test
        void inlineBodyInTripleQuotes() {
            RequestSpec r = request("""
                            post 'https://example.com'
                            body '''{"id": "${entity.id}",
                              "name": ${json(entity.attributes.Name)}}'''
                    """);
            Template body = r.body().orElseThrow();
            assertEquals("{\"id\": \"${entity.id}\",\n          \"name\": ${json(entity.attributes.Name)}}", body.source());
            assertTrue(body.inline());
            assertEquals(new SourcePosition("hook.groovy", 5, 17), body.origin());
            assertEquals(new SourcePosition("hook.groovy", 6, 5), body.locate(2, 5));
            assertEquals(new SourcePosition("hook.groovy", 5, 17), body.locate(1, 1));
            assertEquals(new SourcePosition("hook.groovy", 5, 20), body.locate(1, 4));
        }

        @Test
        void bodyFromATemplateFile() {
            definitions.template("site.ftl", "{\"title\": \"${entity.attributes.Name}\"}\n");
            definitions.template("nested/deep.ftl", "deep");
            RequestSpec r = request("        post 'https://example.com'\n        body template('site.ftl')");
            assertEquals(new Template("templates/site.ftl", "{\"title\": \"${entity.attributes.Name}\"}\n",
                    new SourcePosition("templates/site.ftl", 1, 1), false), r.body().orElseThrow());
            assertEquals(new SourcePosition("templates/site.ftl", 3, 7), r.body().orElseThrow().locate(3, 7));
            RequestSpec nested = request("        post 'https://example.com'\n        body template('nested/deep.ftl')");
            assertEquals("templates/nested/deep.ftl", nested.body().orElseThrow().name());
        }

        @Test
        void noBodyNoHeadersNoSecretByDefault() {
            RequestSpec r = request("        get 'https://example.com'");
            assertEquals(Optional.empty(), r.body());
            assertEquals(List.of(), r.headers());
            assertEquals(List.of(), r.signingSecrets());
            assertEquals(Optional.empty(), r.contentType());
        }

        @Test
        void oneSigningSecretOrTwoWhileRotating() {
            assertEquals(List.of("SP_SIGNING"),
                    request("        post 'https://x'\n        signingSecret 'SP_SIGNING'").signingSecrets());
            assertEquals(List.of("SP_SIGNING_NEW", "SP_SIGNING"),
                    request("        post 'https://x'\n        signingSecret 'SP_SIGNING_NEW', 'SP_SIGNING'").signingSecrets());
        }
    }

    @Nested
    class Execution {
        private ExecutionSpec execution(String block) {
            return webhook("    execution {\n" + block + "\n    }").execution();
        }

        @Test
        void defaultsAreAsyncAfterCommitTenSeconds() {
            assertEquals(new ExecutionSpec(false, TransactionMode.AFTER_COMMIT, Duration.ofSeconds(10),
                    RetryPolicy.DEFAULT), webhook("").execution());
            assertEquals("async-after-commit", webhook("").execution().mode());
            assertEquals(ExecutionSpec.defaults(), execution("        synchronous false"));
        }

        @Test
        void orderedByGivesTheKeyTemplateAndWhatAFailureDoes() {
            ExecutionSpec skip = execution("        orderedBy '${entity.id}'");
            assertEquals("${entity.id}", skip.ordering().orElseThrow().key().source());
            assertEquals(Ordering.OnFailure.SKIP, skip.ordering().orElseThrow().onFailure());
            ExecutionSpec block = execution("        orderedBy '${parent.id}', onFailure: 'block'");
            assertEquals("${parent.id}", block.ordering().orElseThrow().key().source());
            assertEquals(Ordering.OnFailure.BLOCK, block.ordering().orElseThrow().onFailure());
            assertTrue(webhook("").execution().ordering().isEmpty(), "no order unless asked");
        }

        @Test
        void synchronousInside() {
            ExecutionSpec e = execution("        synchronous true\n        transaction 'inside'");
            assertTrue(e.synchronous());
            assertEquals(TransactionMode.INSIDE, e.transaction());
            assertEquals("sync-inside", e.mode());
        }

        @Test
        void afterCommit() {
            assertEquals(TransactionMode.AFTER_COMMIT, execution("        transaction 'after-commit'").transaction());
        }

        @ParameterizedTest
        @CsvSource({"500ms, PT0.5S", "5s, PT5S", "2m, PT2M", "'5 s', PT5S", "5m, PT5M"})
        void timeouts(String written, Duration expected) {
            assertEquals(expected, execution("        timeout '" + written + "'").timeout());
        }

        /** The engine's default schedule in the form RetryPolicy.delays takes: ZERO first. */
        private static final List<Duration> ENGINE_DEFAULT = List.of(Duration.ZERO, Duration.ofSeconds(5),
                Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2));

        private RetryPolicy retry(String written) {
            return execution("        " + written).retry();
        }

        @Test
        void withoutRetryTheEngineScheduleApplies() {
            RetryPolicy r = webhook("").execution().retry();
            assertEquals(RetryPolicy.DEFAULT, r);
            assertTrue(r.isDefault());
            assertFalse(r.isNone());
            assertEquals(Optional.empty(), r.waits());
            assertEquals(OptionalInt.empty(), r.attempts());
            assertEquals(ENGINE_DEFAULT, r.delays(ENGINE_DEFAULT));
            assertEquals(RetryPolicy.DEFAULT, execution("        timeout '5s'").retry());
        }

        @Test
        void retryWaitsAreTheWaitsBeforeEachRetry() {
            RetryPolicy r = retry("retry '5s', '5m', '30m'");
            List<Duration> waits = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30));
            assertEquals(RetryPolicy.waits(waits), r);
            assertEquals(new RetryPolicy.Waits(waits), r);
            assertEquals(Optional.of(waits), r.waits());
            assertEquals(OptionalInt.of(4), r.attempts(), "the first attempt goes at once, then one after each wait");
            assertEquals(List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30)),
                    r.delays(ENGINE_DEFAULT));
            assertFalse(r.isDefault());
            assertFalse(r.isNone());
        }

        @Test
        void retryWaitsFromZeroToADayAsTimeoutsAreWritten() {
            assertEquals(RetryPolicy.waits(List.of(Duration.ZERO, Duration.ofMillis(500), Duration.ofSeconds(5),
                    Duration.ofHours(24))), retry("retry '0s', '500ms', '5 s', '24h'"));
            assertEquals(RetryPolicy.waits(List.of(Duration.ofMinutes(1440))), retry("retry '1440m'"));
        }

        @Test
        void retryWaitsAsAList() {
            assertEquals(RetryPolicy.waits(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2))),
                    retry("retry(['1s', '2s'])"));
        }

        @Test
        void retryTakesUpToTwentyWaits() {
            String twenty = String.join(", ", java.util.Collections.nCopies(20, "'1m'"));
            RetryPolicy r = retry("retry " + twenty);
            assertEquals(Optional.of(java.util.Collections.nCopies(20, Duration.ofMinutes(1))), r.waits());
            assertEquals(OptionalInt.of(21), r.attempts());
        }

        @ParameterizedTest
        @ValueSource(strings = {"retry false", "retry 'none'", "retry('none')", "retry(false)"})
        void retryFalseOrNoneSendsOnce(String written) {
            RetryPolicy r = retry(written);
            assertEquals(RetryPolicy.none(), r);
            assertTrue(r.isNone());
            assertFalse(r.isDefault());
            assertEquals(Optional.of(List.of()), r.waits());
            assertEquals(OptionalInt.of(1), r.attempts());
            assertEquals(List.of(Duration.ZERO), r.delays(ENGINE_DEFAULT));
        }

        @Test
        void retryAttemptsCutsTheEngineSchedule() {
            RetryPolicy r = retry("retry attempts: 3");
            assertEquals(RetryPolicy.attempts(3), r);
            assertEquals(new RetryPolicy.Attempts(3), r);
            assertEquals(OptionalInt.of(3), r.attempts());
            assertEquals(Optional.empty(), r.waits());
            assertEquals(ENGINE_DEFAULT.subList(0, 3), r.delays(ENGINE_DEFAULT));
            assertEquals(List.of(Duration.ZERO), retry("retry attempts: 1").delays(ENGINE_DEFAULT));
            assertEquals(ENGINE_DEFAULT, retry("retry(attempts: 20)").delays(ENGINE_DEFAULT),
                    "more attempts than the engine's schedule has: the whole schedule");
        }

        @Test
        void retryWithTheOtherWordsOfAnAsyncWebhookInAnyOrder() {
            ExecutionSpec e = execution("""
                            retry '5s', '5m'
                            synchronous false
                            transaction 'inside'
                            timeout '2s'
                    """);
            assertEquals(new ExecutionSpec(false, TransactionMode.INSIDE, Duration.ofSeconds(2),
                    RetryPolicy.waits(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5)))), e);
            assertEquals("async-inside", e.mode());
        }
    }
}
