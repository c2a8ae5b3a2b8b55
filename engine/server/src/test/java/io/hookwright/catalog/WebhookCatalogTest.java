package io.hookwright.catalog;

import io.hookwright.execution.EngineFixture;
import io.hookwright.execution.LoadedDefinitions;
import io.hookwright.state.JooqWebhookStateStore;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Listing webhooks with their health: filter by event, status and text; sort by url, owner, created, status. */
class WebhookCatalogTest {
    @TempDir
    Path dir;

    private static String webhook(String code, String on, String url, String owner) {
        return """
                webhook('%s') {
                    label 'Label %s'
                    owner '%s'
                    on '%s'
                    request { post '%s' }
                }
                """.formatted(code, code, owner, on, url);
    }

    @Test
    void filtersAndSortsWithHealth() throws Exception {
        EngineFixture fixture = new EngineFixture(dir, 1, webhook("erp_sync", "Project:*", "https://erp.example.com/p", "zoe@acme")
                + webhook("sp_site", "Project:Created", "https://sp.example.com/sites", "anna@acme")
                + webhook("task_mail", "Task:Updated", "https://mail.example.com/", "bob@acme"));
        LoadedDefinitions loaded = fixture.compile("rev-1");
        var states = new JooqWebhookStateStore(fixture.database);
        states.deactivate("sp_site", Instant.parse("2026-11-23T10:00:00Z"), "the target answered 410 Gone");
        states.deactivate("removed_one", Instant.parse("2026-11-23T09:00:00Z"), "by an operator");
        WebhookCatalog catalog = new WebhookCatalog(() -> loaded, states, dir.resolve("webhooks"));

        assertEquals(List.of("erp_sync", "sp_site"), codes(catalog.list(
                new WebhookQuery("Project:Created", null, null, WebhookQuery.Sort.CODE))), "Project:* listens too");
        assertEquals(List.of("removed_one", "sp_site"), codes(catalog.list(
                new WebhookQuery(null, "deactivated", null, WebhookQuery.Sort.CODE))));
        assertEquals(List.of("task_mail"), codes(catalog.list(new WebhookQuery(null, null, "MAIL.example", null))),
                "text is found in the URL, ignoring case");
        assertEquals(List.of("removed_one", "sp_site", "task_mail", "erp_sync"),
                codes(catalog.list(new WebhookQuery(null, null, null, WebhookQuery.Sort.OWNER))),
                "no owner, anna, bob, zoe");
        assertEquals(List.of("removed_one", "erp_sync", "task_mail", "sp_site"),
                codes(catalog.list(new WebhookQuery(null, null, null, WebhookQuery.Sort.URL))),
                "no URL, erp., mail., sp.");
        WebhookView gone = catalog.get("sp_site").orElseThrow();
        assertEquals("deactivated", gone.status());
        assertEquals("the target answered 410 Gone", gone.deactivationReason());
        assertFalse(catalog.get("removed_one").orElseThrow().defined());
        assertEquals(List.of("removed_one", "sp_site", "erp_sync", "task_mail"),
                codes(catalog.list(new WebhookQuery(null, null, null, WebhookQuery.Sort.STATUS))),
                "deactivated first, then by code");
        fixture.close();
    }

    @Test
    void createdIsTheFirstCommitOfTheFileAndSortsOldestFirst() throws Exception {
        EngineFixture fixture = new EngineFixture(dir, 1, webhook("old_one", "Project:Created", "https://a.example.com/", "a@x"));
        try (Git git = Git.init().setDirectory(dir.toFile()).call()) {
            PersonIdent anna = new PersonIdent("Anna", "anna@x", Instant.parse("2026-01-01T10:00:00Z"), java.time.ZoneOffset.UTC);
            git.add().addFilepattern("webhooks").call();
            git.commit().setMessage("first").setAuthor(anna).setCommitter(anna).call();
            fixture.write("later.groovy", webhook("new_one", "Project:Created", "https://b.example.com/", "b@x"));
            PersonIdent bob = new PersonIdent("Bob", "bob@x", Instant.parse("2026-06-01T10:00:00Z"), java.time.ZoneOffset.UTC);
            git.add().addFilepattern("webhooks").call();
            git.commit().setMessage("second").setAuthor(bob).setCommitter(bob).call();
        }
        LoadedDefinitions loaded = fixture.compile("rev-2");
        WebhookCatalog catalog = new WebhookCatalog(() -> loaded, new JooqWebhookStateStore(fixture.database),
                dir.resolve("webhooks"));
        List<WebhookView> byCreated = catalog.list(new WebhookQuery(null, null, null, WebhookQuery.Sort.CREATED));
        assertEquals(List.of("old_one", "new_one"), codes(byCreated));
        assertEquals(Instant.parse("2026-01-01T10:00:00Z"), byCreated.get(0).created());
        fixture.close();
    }

    private static List<String> codes(List<WebhookView> views) {
        return views.stream().map(WebhookView::code).toList();
    }
}
