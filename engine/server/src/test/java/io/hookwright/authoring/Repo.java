package io.hookwright.authoring;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.util.io.DisabledOutputStream;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A real git repository for the tests, made and read with JGit. */
final class Repo implements AutoCloseable {
    final Git git;

    private Repo(Git git) {
        this.git = git;
    }

    /** A repository at {@code root} with everything in it committed once, by Anna. */
    static Repo init(Path root) throws Exception {
        Git git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call();
        git.add().addFilepattern(".").call();
        PersonIdent anna = new PersonIdent("Anna Doe", "anna.doe@company.com");
        git.commit().setAuthor(anna).setCommitter(anna).setMessage("Hand-written webhooks").call();
        return new Repo(git);
    }

    /** A repository at {@code root} with nothing committed yet. */
    static Repo empty(Path root) throws Exception {
        return new Repo(Git.init().setDirectory(root.toFile()).setInitialBranch("main").call());
    }

    /** Commits, newest first. */
    List<RevCommit> log() throws Exception {
        List<RevCommit> commits = new ArrayList<>();
        git.log().call().forEach(commits::add);
        return commits;
    }

    RevCommit head() throws Exception {
        return log().get(0);
    }

    /** The paths a commit changed, against its parent. */
    List<String> changed(RevCommit commit) throws Exception {
        try (DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            diff.setRepository(git.getRepository());
            var parent = commit.getParentCount() == 0 ? null
                    : git.getRepository().parseCommit(commit.getParent(0)).getTree();
            return diff.scan(parent, commit.getTree()).stream()
                    .map(e -> e.getChangeType() == DiffEntry.ChangeType.DELETE ? e.getOldPath() : e.getNewPath())
                    .sorted().toList();
        }
    }

    boolean clean() throws Exception {
        return git.status().call().isClean();
    }

    @Override
    public void close() {
        git.close();
    }
}
