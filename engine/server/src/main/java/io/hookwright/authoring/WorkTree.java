package io.hookwright.authoring;

import io.hookwright.dsl.write.Lookup;
import io.hookwright.dsl.write.WebhookBlocks;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The git work tree a definitions folder is in, read and committed to with JGit. Paths given to it are relative to
 * the definitions folder, which may be a folder inside the work tree.
 */
final class WorkTree implements AutoCloseable {
    /** How many commits of a file are read to find a webhook's last change. */
    private static final int MAX_COMMITS = 200;
    static final int REVISION_LENGTH = 12;

    private final Repository repo;
    private final Git git;
    /** The definitions folder's path in the work tree, with a trailing {@code /}, or empty at its root. */
    private final String prefix;

    private WorkTree(Repository repo, String prefix) {
        this.repo = repo;
        this.git = new Git(repo);
        this.prefix = prefix;
    }

    /** The work tree holding {@code folder}, or empty when it is in none (or in a bare repository). */
    static Optional<WorkTree> of(Path folder) {
        try {
            FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(folder.toAbsolutePath().toFile());
            if (builder.getGitDir() == null) {
                return Optional.empty();
            }
            Repository repo = builder.build();
            if (repo.isBare()) {
                repo.close();
                return Optional.empty();
            }
            Path root = repo.getWorkTree().toPath().toRealPath();
            Path real = folder.toRealPath();
            String prefix = root.equals(real) ? "" : root.relativize(real).toString().replace('\\', '/') + "/";
            return Optional.of(new WorkTree(repo, prefix));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** One commit that changed a webhook. */
    record Change(String id, String author, String email, Instant date, String message, String diff) {
    }

    private String path(String file) {
        return prefix + file;
    }

    /** The files among {@code files} whose work tree differs from HEAD: changed, added, removed or untracked. */
    Set<String> uncommitted(List<String> files) {
        try {
            var status = git.status();
            files.forEach(f -> status.addPath(path(f)));
            Status s = status.call();
            Set<String> dirty = new TreeSet<>();
            for (String file : files) {
                String p = path(file);
                if (s.getModified().contains(p) || s.getChanged().contains(p) || s.getAdded().contains(p)
                        || s.getUntracked().contains(p) || s.getMissing().contains(p) || s.getRemoved().contains(p)
                        || s.getConflicting().contains(p)) {
                    dirty.add(file);
                }
            }
            return dirty;
        } catch (GitAPIException e) {
            throw new IllegalStateException("reading git status failed: " + e.getMessage(), e);
        }
    }

    /**
     * Commits the files written ({@code written}) and removed ({@code removed}), and only them: whatever else is
     * staged stays staged. Returns the commit's id.
     */
    String commit(List<String> written, List<String> removed, String author, String message) {
        try {
            for (String file : written) {
                git.add().addFilepattern(path(file)).call();
            }
            for (String file : removed) {
                git.rm().setCached(true).addFilepattern(path(file)).call();
            }
            PersonIdent who = new PersonIdent(author, "");
            var commit = git.commit().setAuthor(who).setCommitter(who).setMessage(message).setAllowEmpty(false);
            written.forEach(f -> commit.setOnly(path(f)));
            removed.forEach(f -> commit.setOnly(path(f)));
            return commit.call().getId().name();
        } catch (GitAPIException e) {
            throw new IllegalStateException("committing to git failed: " + e.getMessage(), e);
        }
    }

    /** The file's text at HEAD, or empty when HEAD has no such file. */
    Optional<String> atHead(String file) {
        try {
            ObjectId head = repo.resolve("HEAD^{tree}");
            return head == null ? Optional.empty() : text(head, path(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The commit of a webhook's last change (12 hex digits): the oldest of the newest commits of its file in which
     * its block reads as it does at HEAD. Empty when HEAD has no such block.
     */
    Optional<String> lastChange(String file, String code) {
        String p = path(file);
        try {
            if (repo.resolve("HEAD") == null) {
                return Optional.empty();
            }
            String now = null;
            String found = null;
            int read = 0;
            for (RevCommit c : git.log().addPath(p).setMaxCount(MAX_COMMITS).call()) {
                String block = block(text(c.getTree(), p).orElse(null), code);
                if (read++ == 0) {
                    if (block == null) {
                        return Optional.empty();
                    }
                    now = block;
                } else if (!now.equals(block)) {
                    break;
                }
                found = c.getId().abbreviate(REVISION_LENGTH).name();
            }
            return Optional.ofNullable(found);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("reading the git log failed: " + e.getMessage(), e);
        }
    }

    /**
     * The commits that changed a webhook's block in its file, newest first, each with the file's diff when asked;
     * the commit that created the file counts when the block was in it. A webhook with no block of its own at HEAD
     * (one a file makes by code) has every commit of its file.
     */
    List<Change> history(String file, String code, boolean diffs, int limit) {
        String p = path(file);
        try {
            if (repo.resolve("HEAD") == null) {
                return List.of();
            }
            List<RevCommit> commits = new ArrayList<>();
            git.log().addPath(p).setMaxCount(MAX_COMMITS).call().forEach(commits::add);
            boolean ownBlock = !commits.isEmpty() && block(text(commits.get(0).getTree(), p).orElse(null), code) != null;
            List<Change> changes = new ArrayList<>();
            for (int i = 0; i < commits.size() && changes.size() < limit; i++) {
                RevCommit c = commits.get(i);
                if (ownBlock) {
                    String block = block(text(c.getTree(), p).orElse(null), code);
                    String before = i + 1 < commits.size()
                            ? block(text(commits.get(i + 1).getTree(), p).orElse(null), code) : null;
                    if (block == null && before == null || block != null && block.equals(before)) {
                        continue;
                    }
                }
                PersonIdent a = c.getAuthorIdent();
                changes.add(new Change(c.getId().name(), a.getName(), a.getEmailAddress(), a.getWhenAsInstant(),
                        c.getFullMessage().strip(), diffs ? diff(c, p) : null));
            }
            return changes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("reading the git log failed: " + e.getMessage(), e);
        }
    }

    private String diff(RevCommit c, String p) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter format = new DiffFormatter(out)) {
            format.setRepository(repo);
            format.setPathFilter(PathFilter.create(p));
            ObjectId parent = null;
            if (c.getParentCount() > 0) {
                try (RevWalk walk = new RevWalk(repo)) {
                    parent = walk.parseCommit(c.getParent(0)).getTree();
                }
            }
            format.format(parent, c.getTree());
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String block(String text, String code) {
        return text != null && WebhookBlocks.find(text, code) instanceof Lookup.Found found ? found.source() : null;
    }

    private Optional<String> text(ObjectId tree, String p) throws IOException {
        try (TreeWalk walk = TreeWalk.forPath(repo, p, tree)) {
            if (walk == null) {
                return Optional.empty();
            }
            return Optional.of(new String(repo.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        git.close();
        repo.close();
    }
}
