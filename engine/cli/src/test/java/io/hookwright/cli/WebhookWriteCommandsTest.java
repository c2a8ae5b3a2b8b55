package io.hookwright.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hookwright webhooks create|edit|delete}: the authoring serve's REST API does, on a definitions folder that
 * is a real git work tree, for scripts: each change a commit, errors at file:line:col, JSON answers with --json.
 */
class WebhookWriteCommandsTest {
    static final String HOOKS = """
            // The ERP's webhooks, by hand. Keep this comment.
            webhook('alpha') {
                on 'Project:Updated'
                request {
                    post 'https://erp.example.com/alpha'
                }
            }

            webhook('beta') {   // the one the tests edit
                on 'Project:Updated'
                request {
                    post 'https://erp.example.com/beta'
                }
            }
            """;

    @TempDir
    Path root;
    private Path folder;
    private Git git;

    @BeforeEach
    void repository() throws Exception {
        folder = Cli.write(root.resolve("webhooks/hooks.groovy"), HOOKS).getParent();
        git = Git.init().setDirectory(folder.toFile()).setInitialBranch("main").call();
        StoredConfig config = git.getRepository().getConfig();
        config.setString("user", null, "name", "Cleo Config");
        config.setString("user", null, "email", "cleo@company.com");
        config.save();
        git.add().addFilepattern(".").call();
        PersonIdent anna = new PersonIdent("Anna Doe", "anna.doe@company.com");
        git.commit().setAuthor(anna).setCommitter(anna).setMessage("Hand-written webhooks").call();
    }

    @AfterEach
    void close() {
        git.close();
    }

    private RevCommit head() throws Exception {
        return git.log().setMaxCount(1).call().iterator().next();
    }

    private int commits() throws Exception {
        return (int) java.util.stream.StreamSupport.stream(git.log().call().spliterator(), false).count();
    }

    private String file(String name) throws Exception {
        return Files.readString(folder.resolve(name));
    }

    @Test
    void createFromOptionsCommitsTheWebhookAndPrintsTheCommit() throws Exception {
        Cli.Run run = Cli.run("webhooks", "create", "--definitions", folder, "--label", "ERP budget",
                "--event", "Project:Updated", "--url", "https://erp.example.com/budget",
                "--header", "Authorization: Bearer ${secrets.ERP_TOKEN}", "--author", "Anna Doe <anna.doe@company.com>")
                .exits(0);

        RevCommit commit = head();
        String revision = commit.getId().abbreviate(12).name();
        assertTrue(run.out().startsWith("Created webhook erp_budget in " + folder.resolve("erp_budget.groovy")
                + ": commit " + revision), run.out());
        assertEquals("Anna Doe", commit.getAuthorIdent().getName());
        assertEquals("anna.doe@company.com", commit.getAuthorIdent().getEmailAddress());
        assertEquals("Create webhook erp_budget (ERP budget)", commit.getFullMessage());
        assertTrue(git.status().call().isClean(), "all of it committed");
        assertTrue(file("erp_budget.groovy").contains("header 'Authorization', 'Bearer ${secrets.ERP_TOKEN}'"),
                file("erp_budget.groovy"));
        Cli.run("validate", folder).exits(0);
    }

    @Test
    void createFromAJsonDocumentAnswersJsonAndTakesTheAuthorFromGitConfig() throws Exception {
        Path doc = Cli.write(root.resolve("crm.json"), """
                {"code": "crm", "eventTypes": ["Task:*"], "url": "https://crm.example.com/hooks",
                 "execution": {"synchronous": false, "retry": ["5s", "5m"]}}""");

        JsonNode answer = Cli.run("webhooks", "create", "--definitions", folder, "--json", doc,
                "--message", "CRM hears of tasks").exits(0).json();

        assertEquals("crm", answer.get("code").textValue());
        assertEquals("crm.groovy", answer.get("file").textValue());
        assertEquals(head().getId().abbreviate(12).name(), answer.get("revision").textValue());
        assertEquals("CRM hears of tasks", head().getFullMessage());
        assertEquals("Cleo Config", head().getAuthorIdent().getName());
        assertEquals("cleo@company.com", head().getAuthorIdent().getEmailAddress());
    }

    @Test
    void editChangesOnlyTheWebhooksOwnBlock() throws Exception {
        Cli.Run run = Cli.run("webhooks", "edit", "beta", "--definitions", folder, "--url",
                "https://erp.example.com/beta-v2", "--add-event", "Task:Created").exits(0);

        assertTrue(run.out().startsWith("Updated webhook beta in " + folder.resolve("hooks.groovy") + ": commit "),
                run.out());
        assertEquals("Update webhook beta: eventTypes, url", head().getFullMessage());
        String after = file("hooks.groovy");
        String untouched = HOOKS.substring(0, HOOKS.indexOf("webhook('beta')"));
        assertTrue(after.startsWith(untouched), "the comment and alpha stay byte for byte: " + after);
        assertTrue(after.contains("on 'Project:Updated', 'Task:Created'") && after.contains("/beta-v2'"), after);

        Cli.run("webhooks", "edit", "beta", "--definitions", folder, "--remove-event", "Task:Created").exits(0);
        assertTrue(file("hooks.groovy").contains("    on 'Project:Updated'\n"), file("hooks.groovy"));
        assertEquals(3, commits());
    }

    @Test
    void anInvalidChangeIsRefusedAtFileLineColumnAndNothingIsCommitted() throws Exception {
        String before = file("hooks.groovy");

        Cli.Run run = Cli.run("webhooks", "edit", "beta", "--definitions", folder, "--body", "{\"a\": ${entity.key")
                .exits(1);

        assertTrue(run.err().contains(folder.resolve("hooks.groovy") + ":"), run.err());
        assertTrue(run.err().lines().anyMatch(l -> l.matches(".*hooks\\.groovy:\\d+:\\d+: .*")), run.err());
        assertTrue(run.err().contains("hookwright webhooks edit: 1 error(s) in the definitions"), run.err());
        assertFalse(run.all().contains("\tat "), "never a stack trace: " + run.all());
        assertEquals(before, file("hooks.groovy"));
        assertEquals(1, commits());

        JsonNode json = Cli.run("webhooks", "create", "--definitions", folder, "--json", "--code", "x",
                "--event", "Project", "--url", "https://x.example.com/").exits(1).json();
        assertEquals(422, json.get("status").intValue());
        assertEquals("eventTypes[0]", json.get("field").textValue());
        assertEquals(1, json.get("exitCode").intValue());

        JsonNode taken = Cli.run("webhooks", "create", "--definitions", folder, "--json", "--code", "beta",
                "--event", "Project:Updated", "--url", "https://x.example.com/").exits(1).json();
        assertEquals(409, taken.get("status").intValue());
        assertTrue(taken.get("error").textValue().contains("exists already"), taken.toString());
        assertEquals(1, commits());
    }

    @Test
    void deleteRemovesTheBlockAndAnUnknownCodeIsAUsageError() throws Exception {
        JsonNode answer = Cli.run("webhooks", "delete", "alpha", "--definitions", folder, "--json").exits(0).json();

        assertEquals("alpha", answer.get("code").textValue());
        assertEquals(head().getId().abbreviate(12).name(), answer.get("commit").textValue());
        assertEquals("Delete webhook alpha", head().getFullMessage());
        assertFalse(file("hooks.groovy").contains("webhook('alpha')"));
        assertTrue(file("hooks.groovy").contains("// The ERP's webhooks, by hand. Keep this comment."));

        Cli.Run unknown = Cli.run("webhooks", "delete", "nope", "--definitions", folder).exits(2);
        assertEquals("hookwright webhooks delete: no webhook nope in the definitions" + System.lineSeparator(),
                unknown.err());
        Cli.Run stale = Cli.run("webhooks", "delete", "beta", "--definitions", folder, "--if-match", "0123456789ab")
                .exits(1);
        assertTrue(stale.err().contains("beta changed since"), stale.err());
    }

    @Test
    void aFolderOutsideGitIsRefused() throws Exception {
        org.eclipse.jgit.util.FileUtils.delete(folder.resolve(".git").toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE);

        Cli.Run run = Cli.run("webhooks", "create", "--definitions", folder, "--code", "x", "--event",
                "Project:Updated", "--url", "https://x.example.com/").exits(1);

        assertTrue(run.err().contains("is not in a git work tree"), run.err());
        assertFalse(Files.exists(folder.resolve("x.groovy")));
    }

    @Test
    void onABranchPushedToARemoteTheWorkTreeStaysAsItIs() throws Exception {
        Path remote = root.resolve("remote.git");
        Git.init().setBare(true).setDirectory(remote.toFile()).call().close();
        RevCommit before = head();

        JsonNode answer = Cli.run("webhooks", "edit", "beta", "--definitions", folder, "--url",
                "https://erp.example.com/beta-v2", "--branch", "--push", remote, "--json").exits(0).json();

        String branch = answer.get("branch").textValue();
        assertTrue(branch.startsWith("hookwright/beta-"), answer.toString());
        assertTrue(answer.get("push").get("pushed").booleanValue(), answer.toString());
        assertEquals(before, head(), "the branch checked out does not move");
        assertEquals(HOOKS, file("hooks.groovy"));
        try (Git bare = Git.open(remote.toFile())) {
            assertNotNull(bare.getRepository().resolve("refs/heads/" + branch));
        }

        Cli.Run failed = Cli.run("webhooks", "delete", "alpha", "--definitions", folder, "--push",
                root.resolve("no-such-remote")).exits(3);
        assertTrue(failed.out().startsWith("Deleted webhook alpha"), failed.out());
        assertTrue(failed.err().contains("hookwright webhooks delete: pushing refs/heads/main to "), failed.err());
        assertTrue(failed.err().contains("the commit stays"), failed.err());
        assertEquals("Delete webhook alpha", head().getFullMessage(), "the commit is made");
    }
}
