package io.hookwright.server.page;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A webhook's history is the git log of its definition file, newest first. */
class WebhookHistoryPageTest extends PageTestBase {
    private static final Instant ADDED = Instant.parse("2026-10-01T09:30:00Z");
    private static final Instant REVIEWED = Instant.parse("2026-11-02T14:05:00Z");

    /**
     * The definitions folder as a git work tree: hooks.groovy added by Anna, changed by Ben, then a commit that
     * touches another file only.
     */
    private List<RevCommit> committedDefinitions() throws Exception {
        Path folder = dir.resolve("webhooks");
        Path hooks = folder.resolve("hooks.groovy");
        try (Git git = Git.init().setDirectory(folder.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern("hooks.groovy").call();
            RevCommit added = commit(git, "Add the ERP, CRM and chat webhooks", "Anna Doe", ADDED);
            Files.writeString(hooks, Files.readString(hooks) + "\n// retries reviewed with the ERP team\n");
            git.add().addFilepattern("hooks.groovy").call();
            RevCommit reviewed = commit(git, "Review retries\n\nThe ERP team asked for <fewer> retries.", "Ben Roe",
                    REVIEWED);
            Files.writeString(folder.resolve("NOTES.md"), "notes\n");
            git.add().addFilepattern("NOTES.md").call();
            commit(git, "Notes only", "Cleo Poe", REVIEWED.plusSeconds(60));
            return List.of(reviewed, added);
        }
    }

    private static RevCommit commit(Git git, String message, String author, Instant when) throws Exception {
        PersonIdent who = new PersonIdent(author, author.toLowerCase().replace(' ', '.') + "@acme.example", when,
                ZoneOffset.UTC);
        return git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    }

    @Test
    void theHistoryListsTheCommitsThatChangedTheWebhooksFileNewestFirst() throws Exception {
        start();
        List<RevCommit> commits = committedDefinitions();
        signIn();
        browser.click("#webhook-erp_sync .links a[href$='/history']");

        assertEquals("/ui/webhooks/erp_sync/history", browser.at());
        assertEquals(commits.stream().map(c -> c.getId().name().substring(0, 12)).toList(),
                browser.texts("tr.commit td.commit-id"));
        assertEquals(List.of("Ben Roe <ben.roe@acme.example>", "Anna Doe <anna.doe@acme.example>"),
                browser.texts("tr.commit td.author"));
        assertEquals(List.of("2026-11-02 14:05:00 UTC", "2026-10-01 09:30:00 UTC"), browser.texts("tr.commit td.date"));
        assertEquals(List.of("Review retries\n\nThe ERP team asked for <fewer> retries.",
                "Add the ERP, CRM and chat webhooks"), browser.texts("tr.commit td.message"));
    }

    @Test
    void theWebhooksPageSaysWhenTheFileWasFirstCommitted() throws Exception {
        start();
        committedDefinitions();
        signIn();

        assertEquals("2026-10-01 09:30:00 UTC", browser.find("#webhook-erp_sync td.created").getText());
    }

    @Test
    void aFolderOutsideGitHasNoHistoryAndThePageSaysSo() {
        startSignedIn();
        browser.open("/ui/webhooks/erp_sync/history");

        assertEquals(List.of(), browser.texts("tr.commit"));
        assertEquals("No history: the definitions folder is not in a git work tree, or this file was never committed.",
                browser.find("#no-history").getText());
    }

    @Test
    void anUnknownWebhookIsAPageSayingSo() {
        startSignedIn();
        browser.open("/ui/webhooks/nope/history");

        assertEquals("Not found", browser.find("h1").getText());
        assertEquals("no webhook nope", browser.find("#problem").getText());
    }
}
