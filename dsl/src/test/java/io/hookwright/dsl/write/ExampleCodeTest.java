package io.hookwright.dsl.write;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The code made for a webhook created without one. */
class ExampleCodeTest {
    @Test
    void aLabelGivesItsWords() {
        assertEquals("create_sharepoint_space", ExampleCode.of("Create SharePoint space", "https://x", Set.of()));
        assertEquals("cloturer_le_projet_dans_l_erp", ExampleCode.of("Clôturer le projet dans l'ERP", null, Set.of()));
        assertEquals("strasse_42", ExampleCode.of("  Straße #42 !", null, Set.of()));
    }

    @Test
    void withoutAUsableLabelTheUrlGivesTheCode() {
        assertEquals("erp_example_hooks", ExampleCode.of(null, "https://erp.example.com/hooks", Set.of()));
        assertEquals("erp_example_api_projects_status", ExampleCode.of("  ", "https://www.erp.example.com:8443/api/"
                + "projects/${entity.key}/status?token=${secrets.T}#top", Set.of()));
        assertEquals("localhost_sync_inside", ExampleCode.of("漢字", "http://localhost:8099/sync-inside", Set.of()));
        assertEquals("10_0_0_7_in", ExampleCode.of(null, "http://user@10.0.0.7/in", Set.of()));
        assertEquals("webhook", ExampleCode.of(null, "${secrets.URL}", Set.of()));
        assertEquals("webhook", ExampleCode.of(null, null, Set.of()));
    }

    @Test
    void aTakenCodeGetsANumber() {
        Set<String> taken = new HashSet<>(Set.of("budget_mail", "budget_mail_2"));
        assertEquals("budget_mail_3", ExampleCode.of("Budget mail", null, taken));
        taken.add("budget_mail_3");
        assertEquals("budget_mail_4", ExampleCode.of("Budget mail", null, taken));
        assertEquals("webhook_2", ExampleCode.of(null, null, Set.of("webhook")));
    }

    @Test
    void aLongLabelIsCutBetweenWords() {
        String code = ExampleCode.of("Tell the project management office when a project turns red", null, Set.of());
        assertEquals("tell_the_project_management_office_when", code);
        String numbered = ExampleCode.of("Tell the project management office when a project turns red", null,
                Set.of(code));
        assertEquals("tell_the_project_management_office_2", numbered);
        String word = ExampleCode.of("x".repeat(60), null, Set.of());
        assertEquals("x".repeat(ExampleCode.MAX_LENGTH), word);
        for (String made : Set.of(code, numbered, word)) {
            assertTrue(made.matches("[a-z0-9_]+") && made.length() <= ExampleCode.MAX_LENGTH, made);
        }
    }
}
