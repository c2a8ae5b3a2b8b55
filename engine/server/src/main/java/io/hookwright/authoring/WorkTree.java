package io.hookwright.authoring;

import io.hookwright.dsl.write.Lookup;
import io.hookwright.dsl.write.WebhookBlocks;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.UserConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
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
import java.util.Map;
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
    /** How long a push may wait on a remote that does not answer: writes wait for it, one at a time. */
    private static final int PUSH_TIMEOUT_SECONDS = 60;

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
    String commit(List<String> written, List<String> removed, Author author, String message) {
        try {
            for (String file : written) {
                git.add().addFilepattern(path(file)).call();
            }
            for (String file : removed) {
                git.rm().setCached(true).addFilepattern(path(file)).call();
            }
            PersonIdent who = new PersonIdent(author.name(), author.email());
            var commit = git.commit().setAuthor(who).setCommitter(who).setMessage(message).setAllowEmpty(false);
            written.forEach(f -> commit.setOnly(path(f)));
            removed.forEach(f -> commit.setOnly(path(f)));
            return commit.call().getId().name();
        } catch (GitAPIException e) {
            throw new IllegalStateException("committing to git failed: " + e.getMessage(), e);
        }
    }

    /**
     * Commits {@code edits} (file to its new text, or to null when it is removed) on top of HEAD as a new branch,
     * without touching the work tree, the index or the branch checked out. The branch is named
     * {@code hookwright/<name>-<the commit's first 7 hex digits>}. Returns the branch and the commit's id.
     */
    Branch commitOnBranch(String name, Map<String, String> edits, Author author, String message) {
        try (ObjectInserter inserter = repo.newObjectInserter(); RevWalk walk = new RevWalk(repo)) {
            ObjectId head = repo.resolve("HEAD^{commit}");
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            Set<String> changed = new TreeSet<>();
            edits.keySet().forEach(f -> changed.add(path(f)));
            if (head != null) {
                try (TreeWalk files = new TreeWalk(repo)) {
                    files.addTree(walk.parseCommit(head).getTree());
                    files.setRecursive(true);
                    while (files.next()) {
                        if (!changed.contains(files.getPathString())) {
                            DirCacheEntry entry = new DirCacheEntry(files.getPathString());
                            entry.setFileMode(files.getFileMode(0));
                            entry.setObjectId(files.getObjectId(0));
                            builder.add(entry);
                        }
                    }
                }
            }
            for (Map.Entry<String, String> edit : edits.entrySet()) {
                if (edit.getValue() != null) {
                    DirCacheEntry entry = new DirCacheEntry(path(edit.getKey()));
                    entry.setFileMode(FileMode.REGULAR_FILE);
                    entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, edit.getValue().getBytes(StandardCharsets.UTF_8)));
                    builder.add(entry);
                }
            }
            builder.finish();
            PersonIdent who = new PersonIdent(author.name(), author.email());
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(index.writeTree(inserter));
            if (head != null) {
                commit.setParentId(head);
            }
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage(message);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            String branch = "hookwright/" + name + "-" + id.abbreviate(7).name();
            RefUpdate ref = repo.updateRef(Constants.R_HEADS + branch);
            ref.setNewObjectId(id);
            ref.setExpectedOldObjectId(ObjectId.zeroId());
            ref.setRefLogMessage("commit: " + message.lines().findFirst().orElse(""), false);
            RefUpdate.Result result = ref.update(walk);
            if (result != RefUpdate.Result.NEW) {
                throw new IllegalStateException("making the branch " + branch + " failed: " + result);
            }
            return new Branch(branch, id.name());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A branch a change was committed on, and its commit. */
    record Branch(String name, String commit) {
    }

    /** The branch checked out, as {@code refs/heads/main}; empty when HEAD is detached. */
    Optional<String> checkedOut() {
        try {
            String full = repo.getFullBranch();
            return full != null && full.startsWith(Constants.R_HEADS) ? Optional.of(full) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Pushes {@code ref} ({@code refs/heads/…}) to the branch of the same name on {@code remote} (a remote's name or
     * a URL), with the credentials git needs none for. Never throws: a push that fails says why.
     */
    Pushed push(String remote, String ref) {
        try {
            for (PushResult result : git.push().setRemote(remote).setRefSpecs(new RefSpec(ref + ":" + ref))
                    .setTimeout(PUSH_TIMEOUT_SECONDS).call()) {
                for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                    if (update.getStatus() != RemoteRefUpdate.Status.OK
                            && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                        return new Pushed(remote, ref, "the remote refused " + ref + ": " + update.getStatus()
                                + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")"));
                    }
                }
            }
            return new Pushed(remote, ref, null);
        } catch (GitAPIException | JGitInternalException e) {
            return new Pushed(remote, ref, e.getMessage());
        }
    }

    /** Who the work tree's git configuration says commits are by: user.name and user.email, or git's defaults. */
    Author configuredAuthor() {
        UserConfig user = repo.getConfig().get(UserConfig.KEY);
        return new Author(user.getAuthorName(), user.getAuthorEmail());
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
                String diff = !diffs ? null : ownBlock ? blockDiff(c, p, code) : diff(c, p);
                changes.add(new Change(c.getId().name(), a.getName(), a.getEmailAddress(), a.getWhenAsInstant(),
                        c.getFullMessage().strip(), diff));
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

    /**
     * A commit's diff of the webhook's own block alone, against the block in the commit's parent: the other
     * webhooks and comments of its file are left out. Hunks carry the file's line numbers.
     */
    private String blockDiff(RevCommit c, String p, String code) throws IOException {
        Optional<String> after = text(c.getTree(), p);
        Optional<String> before = Optional.empty();
        if (c.getParentCount() > 0) {
            try (RevWalk walk = new RevWalk(repo)) {
                before = text(walk.parseCommit(c.getParent(0)).getTree(), p);
            }
        }
        Lookup.Found a = before.map(t -> WebhookBlocks.find(t, code)).orElse(null) instanceof Lookup.Found f ? f : null;
        Lookup.Found b = after.map(t -> WebhookBlocks.find(t, code)).orElse(null) instanceof Lookup.Found f ? f : null;
        RawText old = new RawText(a == null ? new byte[0] : (a.source() + "\n").getBytes(StandardCharsets.UTF_8));
        RawText now = new RawText(b == null ? new byte[0] : (b.source() + "\n").getBytes(StandardCharsets.UTF_8));
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, old, now);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--- " + (before.isPresent() ? "a/" + p : "/dev/null") + "\n+++ "
                + (after.isPresent() ? "b/" + p : "/dev/null") + "\n").getBytes(StandardCharsets.UTF_8));
        int fromLine = a == null ? 0 : a.line() - 1;
        int toLine = b == null ? 0 : b.line() - 1;
        try (DiffFormatter format = new DiffFormatter(out) {
            @Override
            protected void writeHunkHeader(int aStart, int aEnd, int bStart, int bEnd, String function)
                    throws IOException {
                super.writeHunkHeader(aStart + fromLine, aEnd + fromLine, bStart + toLine, bEnd + toLine, function);
            }
        }) {
            format.format(edits, old, now);
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
