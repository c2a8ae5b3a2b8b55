package io.hookwright.git;

import io.hookwright.definitions.FolderRevision;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which version of the definitions runs, and a definition file's history, read from git with JGit. Runs record the
 * revision, so an operator can tell which commit sent what.
 */
public final class GitRevisions implements FolderRevision {
    /** The one instance: it holds no state. */
    public static final GitRevisions INSTANCE = new GitRevisions();

    private GitRevisions() {
    }

    /** One commit touching a definition file. */
    public record Commit(String id, String author, String email, Instant date, String message) {
    }

    /**
     * The revision of a definitions folder: the commit at HEAD (12 hex digits) when the folder is in a git work tree,
     * with {@code -dirty} when its files differ from that commit (untracked files included, since they load too);
     * otherwise {@code content-} and 12 hex digits of a hash over the folder's files (hidden ones left out), which
     * changes when they do.
     */
    @Override
    public String of(Path folder) {
        Optional<Repository> repository = repository(folder);
        if (repository.isEmpty()) {
            return FolderRevision.contentHash().of(folder);
        }
        try (Repository repo = repository.get(); Git git = new Git(repo)) {
            ObjectId head = repo.resolve("HEAD");
            String path = relative(repo, folder);
            var status = git.status();
            if (!path.isEmpty()) {
                status.addPath(path);
            }
            boolean clean = status.call().isClean();
            String commit = head == null ? "uncommitted" : head.abbreviate(12).name();
            return clean && head != null ? commit : commit + "-dirty";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("reading git status of " + folder + " failed: " + e.getMessage(), e);
        }
    }

    /** The commits that touched a file, newest first; empty when it is not in a git work tree. */
    public static List<Commit> history(Path file, int limit) {
        Optional<Repository> repository = repository(file.getParent());
        if (repository.isEmpty()) {
            return List.of();
        }
        try (Repository repo = repository.get(); Git git = new Git(repo)) {
            if (repo.resolve("HEAD") == null) {
                return List.of();
            }
            List<Commit> commits = new ArrayList<>();
            for (RevCommit c : git.log().addPath(relative(repo, file)).setMaxCount(limit).call()) {
                commits.add(new Commit(c.getId().name(), c.getAuthorIdent().getName(), c.getAuthorIdent().getEmailAddress(),
                        c.getAuthorIdent().getWhenAsInstant(), c.getFullMessage().strip()));
            }
            return commits;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("reading the git log of " + file + " failed: " + e.getMessage(), e);
        }
    }

    private static Optional<Repository> repository(Path path) {
        try {
            FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment()
                    .findGitDir(path.toAbsolutePath().toFile());
            if (builder.getGitDir() == null) {
                return Optional.empty();
            }
            Repository repo = builder.build();
            if (repo.isBare()) {
                repo.close();
                return Optional.empty();
            }
            return Optional.of(repo);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String relative(Repository repo, Path path) throws IOException {
        Path root = repo.getWorkTree().toPath().toRealPath();
        Path real = path.toRealPath();
        return root.equals(real) ? "" : root.relativize(real).toString().replace('\\', '/');
    }

}
