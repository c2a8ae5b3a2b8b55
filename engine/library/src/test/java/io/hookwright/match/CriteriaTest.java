package io.hookwright.match;

import io.hookwright.dsl.model.WebhookDefinition;
import io.hookwright.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every filter criterion: when it holds, when it does not, and how each answer is explained. */
class CriteriaTest {
    @TempDir
    Path folder;

    private static final Map<String, Object> DEMO = Map.of(
            "Name", "AI assistant", "Budget", 5000, "Stage", "Approved", "Status", "Done",
            "Portfolio", List.of(ordered("Id", "pf-1", "Name", "Digital")), "Tags", List.of("#ai", "#pilot"),
            "Manager", List.of(Map.of("FullName", "John Doe")), "Sponsor", Map.of("FullName", "Brian Adams"),
            "Description", "");
    private static final Map<String, Object> BEFORE = Map.of("Status", "On track", "Budget", 5000);

    /** A map that keeps its order, so messages showing it as JSON are the same on every run. */
    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private Verdict judge(String filter) {
        return judge(filter, Rules.updated(BEFORE, DEMO));
    }

    private Verdict judge(String filter, Event event) {
        WebhookDefinition webhook = Rules.filter(folder, filter);
        return new Matcher(List.of(webhook)).judge(webhook, new EventView(event));
    }

    private void holds(String filter, String explanation) {
        Verdict verdict = judge(filter);
        assertTrue(verdict.matched(), () -> filter + " should hold: " + verdict.reasons());
        assertEquals(List.of(explanation), verdict.reasons());
    }

    private void fails(String filter, String explanation) {
        Verdict verdict = judge(filter);
        assertFalse(verdict.matched(), () -> filter + " should not hold");
        assertEquals(List.of(explanation), verdict.reasons());
    }

    @Test
    void greaterThan() {
        fails("field('Budget') > 10_000", "Budget 5000 is not > 10000");
        holds("field('Budget') > 4999", "Budget 5000 is > 4999");
    }

    @Test
    void greaterOrEqual() {
        holds("field('Budget') >= 5000", "Budget 5000 is >= 5000");
        fails("field('Budget') >= 5000.5", "Budget 5000 is not >= 5000.5");
    }

    @Test
    void lessThan() {
        holds("field('Budget') < 10_000", "Budget 5000 is < 10000");
        fails("field('Budget') < 5000", "Budget 5000 is not < 5000");
    }

    @Test
    void lessOrEqual() {
        holds("field('Budget') <= 5000", "Budget 5000 is <= 5000");
        fails("field('Budget') <= 4000", "Budget 5000 is not <= 4000");
    }

    @Test
    void fieldOnTheRightIsTurnedAround() {
        fails("10_000 < field('Budget')", "Budget 5000 is not > 10000");
    }

    @Test
    void equalsAndNotEquals() {
        holds("field('Stage') == 'Approved'", "Stage 'Approved' is == 'Approved'");
        fails("field('Stage') == 'Active'", "Stage 'Approved' is not == 'Active'");
        holds("field('Stage') != 'Active'", "Stage 'Approved' is != 'Active'");
        fails("field('Budget') != 5000.00", "Budget 5000 is not != 5000");
        holds("field('Closed') == null", "Closed (missing) is == null");
    }

    @Test
    void textIsOrderedAsText() {
        holds("field('Stage') > 'Active'", "Stage 'Approved' is > 'Active'");
        fails("field('Manager') > 3", "Manager [{\"FullName\":\"John Doe\"}] cannot be compared with 3");
        fails("field('Closed') > 3", "Closed is missing, so it is not > 3");
    }

    @Test
    void containsText() {
        holds("field('Name').contains 'AI'", "Name 'AI assistant' contains 'AI'");
        fails("field('Name').contains 'ML'", "Name 'AI assistant' does not contain 'ML'");
    }

    @Test
    void containsListElementsAndObjectsByNameOrId() {
        holds("field('Tags').contains '#ai'", "Tags [\"#ai\",\"#pilot\"] contains '#ai'");
        holds("field('Portfolio').contains 'Digital'", "Portfolio [{\"Id\":\"pf-1\",\"Name\":\"Digital\"}] contains 'Digital'");
        holds("field('Portfolio').contains 'pf-1'", "Portfolio [{\"Id\":\"pf-1\",\"Name\":\"Digital\"}] contains 'pf-1'");
        fails("field('Portfolio').contains 'Legacy'", "Portfolio [{\"Id\":\"pf-1\",\"Name\":\"Digital\"}] does not contain 'Legacy'");
        fails("field('Program').contains 'X'", "Program is missing, so it does not contain 'X'");
    }

    @Test
    void in() {
        holds("field('Stage').in 'Approved', 'Active'", "Stage 'Approved' is in 'Approved', 'Active'");
        fails("field('Stage').in 'Draft', 'Active'", "Stage 'Approved' is not in 'Draft', 'Active'");
        holds("field('Budget').in 1000, 5000", "Budget 5000 is in 1000, 5000");
    }

    @Test
    void matches() {
        holds("field('Name').matches '^AI'", "Name 'AI assistant' matches /^AI/");
        fails("field('Name').matches 'bot$'", "Name 'AI assistant' does not match /bot$/");
    }

    @Test
    void presentAndMissing() {
        holds("field('Manager').present()", "Manager is present");
        fails("field('Description').present()", "Description is missing");
        holds("field('Description').missing()", "Description is missing");
        holds("field('Closed').missing()", "Closed is missing");
        fails("field('Stage').missing()", "Stage is present ('Approved')");
    }

    @Test
    void nestedPathsAndEventPaths() {
        holds("field('Sponsor.FullName') == 'Brian Adams'", "Sponsor.FullName 'Brian Adams' is == 'Brian Adams'");
        holds("field('Manager.0.FullName') == 'John Doe'", "Manager.0.FullName 'John Doe' is == 'John Doe'");
        holds("field('parent.id') == 'pf-1'", "parent.id 'pf-1' is == 'pf-1'");
        holds("field('entity.key') == 'DEMO'", "entity.key 'DEMO' is == 'DEMO'");
        holds("field('initiator.login') == 'anna.doe@company.com'", "initiator.login 'anna.doe@company.com' is == 'anna.doe@company.com'");
        holds("field('event.type') == 'Project:Updated'", "event.type 'Project:Updated' is == 'Project:Updated'");
        holds("field('tenant') == 'acme'", "tenant 'acme' is == 'acme'");
    }

    @Test
    void changed() {
        holds("changed 'Status'", "Status changed from 'On track' to 'Done'");
        fails("changed 'Budget'", "Budget did not change");
        holds("changed('Status').from('On track').to('Done')", "Status changed from 'On track' to 'Done'");
        fails("changed('Status').from('At risk')", "Status changed from 'On track' to 'Done', not from 'At risk'");
        fails("changed('Status').to('Closed')", "Status changed from 'On track' to 'Done', not to 'Closed'");
    }

    @Test
    void changedNeedsBefore() {
        Map<String, Object> attributes = new HashMap<>(DEMO);
        Verdict verdict = judge("changed 'Status'", Rules.updated(null, attributes));
        assertFalse(verdict.matched());
        assertEquals(List.of("Status did not change: the event carries no before"), verdict.reasons());
    }

    @Test
    void anyOf() {
        holds("anyOf { field('Budget') > 10_000; field('Stage') == 'Approved' }", "any of: Stage 'Approved' is == 'Approved'");
        fails("anyOf { field('Budget') > 10_000; field('Stage') == 'Draft' }",
                "none of: Budget 5000 is not > 10000; Stage 'Approved' is not == 'Draft'");
    }

    @Test
    void not() {
        holds("not { field('Stage') == 'Draft' }", "not { } holds: Stage 'Approved' is not == 'Draft'");
        fails("not { field('Stage') == 'Approved'; field('Budget') > 1 }",
                "not { } fails: Stage 'Approved' is == 'Approved'; Budget 5000 is > 1");
    }

    @Test
    void where() {
        holds("where { e -> e.attributes.Budget < 6000 && e.before.Status == 'On track' }", "where { } at rules.groovy:4:1 holds");
        fails("where { e -> e.changes.size() > 1 }", "where { } at rules.groovy:4:1 is false");
    }

    @Test
    void whereThatFailsExplainsWhy() {
        Verdict verdict = judge("where { e -> e.attributes.Nothing.size() > 1 }");
        assertFalse(verdict.matched());
        assertTrue(verdict.reasons().get(0).startsWith("where { } at rules.groovy:4:1 failed: NullPointerException"),
                verdict.reasons().toString());
    }

    @Test
    void whereThatFailsInsideNotIsUndecidedAndDoesNotFire() {
        Verdict verdict = judge("not { where { e -> e.attributes.Nothing.size() > 1 } }");
        assertFalse(verdict.matched(), "a closure that failed said neither yes nor no: " + verdict.reasons());
        assertTrue(verdict.reasons().get(0).startsWith("not { } is undecided: where { } at rules.groovy:4:7 failed: "
                + "NullPointerException"), verdict.reasons().toString());
    }

    @Test
    void allCriteriaMustHoldAndEveryFailureIsListed() {
        Verdict verdict = judge("""
                field('Budget') > 10_000
                field('Stage') == 'Approved'
                changed 'Budget'
                """);
        assertFalse(verdict.matched());
        assertEquals(List.of("Budget 5000 is not > 10000", "Budget did not change"), verdict.reasons());
    }
}
