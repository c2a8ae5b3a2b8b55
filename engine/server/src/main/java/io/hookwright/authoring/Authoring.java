package io.hookwright.authoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookwright.definitions.DefinitionsSource;
import io.hookwright.dsl.model.DefinitionError;
import io.hookwright.dsl.model.WebhookDefinition;
import io.hookwright.dsl.write.DuplicateCode;
import io.hookwright.dsl.write.Edit;
import io.hookwright.dsl.write.ExampleCode;
import io.hookwright.dsl.write.Lookup;
import io.hookwright.dsl.write.UnknownCode;
import io.hookwright.dsl.write.Unparsable;
import io.hookwright.dsl.write.WebhookBlocks;
import io.hookwright.execution.LoadedDefinitions;
import io.hookwright.execution.Reloader;
import io.hookwright.server.Problem;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Webhooks written over REST as commits to the definitions' git work tree: each write is checked as the whole folder
 * would be after it, written (each file to a temporary file moved into place), committed, and the running set
 * reloaded; in {@link AuthoringMode#BRANCH} committed on a branch of its own instead, leaving the work tree and the
 * running set as they are. With a remote to push to, each commit is pushed. Writes run one at a time, so none is
 * lost, and a writer holding an old revision is refused.
 */
public final class Authoring {
    private static final Logger LOG = Logger.getLogger(Authoring.class.getName());
    private final Path folder;
    private final AuthoringMode mode;
    private final Reload reloader;
    /** The remote each commit is pushed to, or null. */
    private final String push;
    private final Supplier<LoadedDefinitions> definitions;
    private final FolderCheck check = new FolderCheck();
    private final ReentrantLock writes = new ReentrantLock();
    private final FolderFiles files;

    /**
     * @param folder      the definitions folder, where writes go
     * @param definitions the set that runs, which reads answer from
     */
    public Authoring(Path folder, AuthoringMode mode, Reloader reloader, Supplier<LoadedDefinitions> definitions) {
        this(folder, mode, null, reloader::reload, definitions);
    }

    /**
     * @param push   the remote (a name or a URL) each commit is pushed to, or null for none
     * @param reload runs the folder after a direct commit: a server's reload, or a command's compile
     */
    public Authoring(Path folder, AuthoringMode mode, String push, Reload reload, Supplier<LoadedDefinitions> definitions) {
        this.folder = folder;
        this.mode = mode;
        this.reloader = reload;
        this.push = push == null || push.isBlank() ? null : push.strip();
        this.definitions = definitions;
        this.files = new FolderFiles(folder);
    }

    /** Makes the definitions a direct commit wrote the ones that run; refused, it says why. */
    @FunctionalInterface
    public interface Reload {
        DefinitionsSource.Load reload();
    }

    /** The remote each commit is pushed to, if any, without the password its URL may carry. */
    public Optional<String> pushesTo() {
        return Optional.ofNullable(push).map(Redacted::remote);
    }

    /**
     * Who commits are by when no caller says: the work tree's git configuration (user.name, user.email), as
     * {@code Name <mail>}; empty outside a git work tree.
     */
    public Optional<String> configuredAuthor() {
        try (WorkTree tree = WorkTree.of(folder).orElse(null)) {
            return tree == null ? Optional.empty() : Optional.of(tree.configuredAuthor().identity());
        }
    }

    public AuthoringMode mode() {
        return mode;
    }

    /** Why writes are refused here, or empty when they are taken. */
    public Optional<String> refusal() {
        if (mode == AuthoringMode.OFF) {
            return Optional.of("authoring is off (serve --authoring off): change the definitions in their files");
        }
        try (var tree = WorkTree.of(folder).orElse(null)) {
            return tree != null ? Optional.empty() : Optional.of(notGit());
        }
    }

    private String notGit() {
        return "the definitions folder " + folder + " is not in a git work tree, so a change could not be a "
                + "commit: authoring is off (run git init there, or change the files)";
    }

    /**
     * A document as answered: what the definition says, its file, revision, and whether it can be edited; for a
     * change proposed on a branch, {@code {code, branch, commit}} instead. A direct delete without a push has none.
     */
    public record Answer(Map<String, Object> body, String revision) {
        /** Whether the change was committed on a branch of its own, not to the definitions that run. */
        public boolean proposed() {
            return body != null && body.containsKey(BRANCH);
        }
    }

    private static final String BRANCH = "branch";

    public Answer read(String code) {
        WebhookDefinition webhook = webhook(code);
        String file = webhook.origin().file();
        Map<String, Object> body = DocumentJson.write(DocumentModel.document(webhook));
        String revision = revision(file, code);
        body.put("file", file);
        body.put("revision", revision);
        Optional<String> reason = notEditable(webhook);
        body.put("editable", reason.isEmpty());
        reason.ifPresent(r -> body.put("reason", r));
        return new Answer(body, revision);
    }

    /** The webhook's {@code webhook('code') { … }} block as its file has it. */
    public String source(String code) {
        WebhookDefinition webhook = webhook(code);
        if (!files.exists(webhook.origin().file())) {
            throw conflict(webhook.origin().file() + " is no longer in the definitions folder");
        }
        return switch (WebhookBlocks.find(files.text(webhook.origin().file()), code)) {
            case Lookup.Found found -> found.source() + "\n";
            case UnknownCode unknown -> throw conflict("the file " + webhook.origin().file() + " has no block of its "
                    + "own for " + code + ": " + unknown.message());
            case DuplicateCode duplicate -> throw conflict(duplicate.message());
            case Unparsable problem -> throw conflict(webhook.origin().file() + " does not parse: " + problem.message());
        };
    }

    /** Creates a webhook in {@code <code>.groovy}; the document's code is made from its label or URL when absent. */
    public Answer create(JsonNode json, String author) {
        WebhookDocument sent = DocumentJson.read(json);
        return locked(tree -> {
            Set<String> taken = running().stream().map(WebhookDefinition::code).collect(Collectors.toSet());
            String code = sent.code() != null ? sent.code()
                    : ExampleCode.of(sent.label().isEmpty() ? null : sent.label().values().iterator().next(),
                    sent.url(), taken);
            if (taken.contains(code)) {
                throw conflict("a webhook " + code + " exists already, in " + webhook(code).origin().file()
                        + ": change it with PUT /webhooks/" + code);
            }
            WebhookDocument doc = sent.withCode(code);
            String file = code + ".groovy";
            String block = DocumentGroovy.block(doc, file);
            Map<String, String> edits = new LinkedHashMap<>();
            edits.put(file, files.exists(file) ? edited(file, WebhookBlocks.append(files.text(file), block)) : block);
            templateEdit(doc, edits);
            return answer(code, commit(tree, edits, author, message(json, "Create webhook " + code + label(doc)), code));
        });
    }

    /** Replaces a webhook's block by what the document says, if it is still at {@code ifMatch}. */
    public Answer update(String code, String ifMatch, JsonNode json, String author) {
        requireIfMatch(ifMatch);
        WebhookDocument sent = DocumentJson.read(json);
        if (sent.code() != null && !sent.code().equals(code)) {
            throw new BadDocument(400, "code", "code: '" + sent.code() + "' is not the webhook's code '" + code
                    + "': a code does not change (create a new webhook and delete this one)");
        }
        WebhookDocument doc = sent.withCode(code);
        return locked(tree -> {
            WebhookDefinition current = editable(code);
            String file = current.origin().file();
            requireClean(tree, List.of(file));
            requireRevision(tree, file, code, ifMatch);
            String block = DocumentGroovy.block(doc, file);
            Map<String, String> edits = new LinkedHashMap<>();
            String changed = changedFields(DocumentModel.document(current),
                    DocumentModel.document(DocumentModel.definition(doc, file)));
            // A document that says what the definition says leaves its block as written, defaults and all.
            if (!changed.isEmpty()) {
                String before = files.text(file);
                String after = edited(file, WebhookBlocks.replace(before, code, block));
                if (!after.equals(before)) {
                    edits.put(file, after);
                }
            }
            templateEdit(doc, edits);
            if (edits.isEmpty()) {
                return read(code);
            }
            String template = DocumentModel.TEMPLATES + doc.bodyTemplate();
            String what = edits.containsKey(template) ? (changed.isEmpty() ? "" : changed + ", ") + template : changed;
            return answer(code, commit(tree, edits, author, message(json, "Update webhook " + code
                    + (what.isEmpty() ? "" : ": " + what)), code));
        });
    }

    /**
     * Removes a webhook's block (and its file when nothing else is left in it), if it is still at {@code ifMatch}.
     * The answer has no body for a direct delete without a push.
     */
    public Answer delete(String code, String ifMatch, String author, String message) {
        requireIfMatch(ifMatch);
        return locked(tree -> {
            WebhookDefinition current = editable(code);
            String file = current.origin().file();
            requireClean(tree, List.of(file));
            requireRevision(tree, file, code, ifMatch);
            String after = edited(file, WebhookBlocks.remove(files.text(file), code));
            Map<String, String> edits = new LinkedHashMap<>();
            edits.put(file, after.isBlank() ? null : after);
            Committed committed = commit(tree, edits, author, message != null && !message.isBlank() ? message
                    : "Delete webhook " + code, code);
            if (committed.branch() == null && committed.push() == null) {
                return new Answer(null, committed.revision());
            }
            return new Answer(committedJson(code, committed), committed.revision());
        });
    }

    /**
     * What deleting every webhook gave: the codes deleted, and those kept with why; the commit, the branch it is on
     * when proposed, and how its push went (all null when nothing was deleted).
     */
    public record Deleted(List<String> deleted, Map<String, String> kept, String revision, String branch, Pushed push) {
    }

    /** Deletes every editable webhook in one commit; those that cannot be edited stay, each with its reason. */
    public Deleted deleteAll(String author, String message) {
        return locked(tree -> {
            Map<String, String> edits = new LinkedHashMap<>();
            List<String> deleted = new ArrayList<>();
            Map<String, String> kept = new LinkedHashMap<>();
            for (WebhookDefinition webhook : running()) {
                Optional<String> reason = notEditable(webhook);
                if (reason.isPresent()) {
                    kept.put(webhook.code(), reason.get());
                    continue;
                }
                String file = webhook.origin().file();
                String before = edits.containsKey(file) ? edits.get(file) : files.text(file);
                edits.put(file, edited(file, WebhookBlocks.remove(before, webhook.code())));
                deleted.add(webhook.code());
            }
            if (deleted.isEmpty()) {
                return new Deleted(deleted, kept, null, null, null);
            }
            edits.replaceAll((file, text) -> text.isBlank() ? null : text);
            requireClean(tree, List.copyOf(edits.keySet()));
            Committed commit = commit(tree, edits, author, message != null && !message.isBlank() ? message
                    : "Delete " + deleted.size() + " webhook" + (deleted.size() == 1 ? "" : "s") + ": "
                    + String.join(", ", deleted), "all");
            return new Deleted(deleted, kept, commit.revision(), commit.branch(), commit.push());
        });
    }

    /**
     * The commits that changed a webhook, newest first, with each one's diff of the webhook's own block when asked
     * (of its whole file for a webhook its file makes by code).
     */
    public List<Map<String, Object>> history(String code, boolean diffs, int limit) {
        WebhookDefinition webhook = webhook(code);
        try (WorkTree tree = WorkTree.of(folder).orElse(null)) {
            if (tree == null) {
                return List.of();
            }
            return tree.history(webhook.origin().file(), code, diffs, limit).stream().map(c -> {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("commit", c.id());
                json.put("author", c.author());
                json.put("email", c.email());
                json.put("date", c.date().toString());
                json.put("message", c.message());
                if (c.diff() != null) {
                    json.put("diff", c.diff());
                }
                return json;
            }).toList();
        }
    }

    /**
     * The document field a definition error of a refused write points at ({@code headers[1]}, {@code execution.timeout}),
     * when its line lies in the block the document was printed as; {@code code} null for a create.
     */
    public Optional<String> fieldAt(String code, JsonNode json, String file, int line) {
        try {
            WebhookDocument doc = DocumentJson.read(json);
            if (doc.bodyTemplate() != null && file.equals(DocumentModel.TEMPLATES + doc.bodyTemplate())) {
                return Optional.of(doc.bodyTemplateText() != null ? "bodyTemplateText" : "bodyTemplate");
            }
            String written = code != null ? code : doc.code() != null ? doc.code()
                    : file.endsWith(".groovy") && !files.exists(file) ? file.substring(0, file.length() - 7) : null;
            int start = 1;
            if (written == null) {
                return Optional.empty();
            } else if (files.exists(file)) {
                if (!(WebhookBlocks.find(files.text(file), written) instanceof Lookup.Found found)) {
                    return Optional.empty();
                }
                start = found.line();
            } else if (!file.equals(written + ".groovy")) {
                return Optional.empty();
            }
            return ErrorFields.at(DocumentGroovy.block(doc.withCode(written), file), line - start + 1);
        } catch (BadDocument bad) {
            return Optional.empty();
        }
    }

    private interface Write<T> {
        T run(WorkTree tree);
    }

    private <T> T locked(Write<T> write) {
        if (mode == AuthoringMode.OFF) {
            throw conflict(refusal().orElseThrow());
        }
        writes.lock();
        try (WorkTree tree = WorkTree.of(folder).orElseThrow(() -> conflict(notGit()))) {
            return write.run(tree);
        } finally {
            writes.unlock();
        }
    }

    /** What a write committed: its commit (12 hex digits), the branch it is on when proposed, how its push went. */
    private record Committed(String revision, String branch, Pushed push) {
    }

    /**
     * Checks the folder as it would be, then writes the files, commits them and reloads the set; or, proposing,
     * commits them on a branch {@code hookwright/<name>-<id>} and writes nothing. Pushes the commit when asked.
     */
    private Committed commit(WorkTree tree, Map<String, String> edits, String author, String message, String name) {
        requireClean(tree, List.copyOf(edits.keySet()));
        for (String file : edits.keySet()) {
            files.requireNoLink(file);
        }
        List<DefinitionError> errors = check.after(folder, edits);
        if (!errors.isEmpty()) {
            throw Problem.of(422, "Invalid definitions", errors.size() + " error(s) in the definitions as they would "
                    + "be after this change; nothing was written", Map.of("errors", errorsJson(errors)));
        }
        Author who = Author.parse(author);
        if (mode == AuthoringMode.BRANCH) {
            WorkTree.Branch branch = tree.commitOnBranch(name, edits, who, message);
            String revision = branch.commit().substring(0, WorkTree.REVISION_LENGTH);
            return new Committed(revision, branch.name(), pushed(tree, Optional.of("refs/heads/" + branch.name()),
                    revision));
        }
        List<String> written = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        edits.forEach((file, text) -> {
            if (text == null) {
                files.remove(file);
                removed.add(file);
            } else {
                files.write(file, text);
                written.add(file);
            }
        });
        String revision = tree.commit(written, removed, who, message).substring(0, WorkTree.REVISION_LENGTH);
        Pushed pushed = pushed(tree, tree.checkedOut(), revision);
        DefinitionsSource.Load load = reloader.reload();
        if (!load.valid()) {
            // Only a change made to the folder meanwhile, outside this server (a git hook, an editor), gets here.
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("commit", revision);
            extra.put("errors", errorsJson(load.errors()));
            if (pushed != null) {
                extra.put("push", pushed.json());
            }
            throw Problem.of(409, "Committed, not reloaded", "the change was committed as " + revision + ", but the "
                    + "definitions folder changed meanwhile and the reload was refused (" + load.errors().size()
                    + " error(s), the first: " + load.errors().get(0).format() + "): the running set is unchanged; "
                    + "fix the folder and reload it (POST /admin/reload) to take the change live", extra);
        }
        return new Committed(revision, null, pushed);
    }

    /** Pushes {@code ref} when a remote is set (null when none is); a push that fails is logged and told. */
    private Pushed pushed(WorkTree tree, Optional<String> ref, String revision) {
        if (push == null) {
            return null;
        }
        Pushed pushed = ref.map(r -> tree.push(push, r))
                .orElseGet(() -> new Pushed(push, "HEAD", "HEAD is detached: no branch to push"));
        Pushed shown = new Pushed(Redacted.remote(pushed.remote()), pushed.ref(),
                pushed.ok() ? null : Redacted.remote(pushed.error()));
        if (!shown.ok()) {
            LOG.warning("pushing " + shown.ref() + " (commit " + revision + ") to " + shown.remote() + " failed: "
                    + shown.error() + "; the commit stays in the definitions' work tree");
        }
        return shown;
    }

    /** The answer to a write: the document as it runs now, or what was proposed; with how the push went. */
    private Answer answer(String code, Committed committed) {
        if (committed.branch() != null) {
            return new Answer(committedJson(code, committed), committed.revision());
        }
        Answer read = read(code);
        if (committed.push() != null) {
            read.body().put("push", committed.push().json());
        }
        return read;
    }

    private static Map<String, Object> committedJson(String code, Committed committed) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", code);
        if (committed.branch() != null) {
            json.put(BRANCH, committed.branch());
        }
        json.put("commit", committed.revision());
        if (committed.push() != null) {
            json.put("push", committed.push().json());
        }
        return json;
    }

    private static List<Map<String, Object>> errorsJson(List<DefinitionError> errors) {
        return errors.stream().map(e -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("file", e.file());
            json.put("line", e.line());
            json.put("column", e.column());
            json.put("message", e.message());
            return json;
        }).toList();
    }

    private void templateEdit(WebhookDocument doc, Map<String, String> edits) {
        if (doc.bodyTemplateText() == null) {
            return;
        }
        String file = DocumentModel.TEMPLATES + doc.bodyTemplate();
        files.requireNoLink(file);
        if (files.exists(file) && doc.bodyTemplateText().equals(files.text(file))) {
            return;
        }
        edits.put(file, doc.bodyTemplateText());
    }

    private List<WebhookDefinition> running() {
        return definitions.get().definitions().rules().webhooks();
    }

    private WebhookDefinition webhook(String code) {
        return definitions.get().definitions().webhook(code).map(w -> w.definition())
                .orElseThrow(() -> Problem.of(404, "Not Found", "no webhook " + code + " in the definitions"));
    }

    private WebhookDefinition editable(String code) {
        WebhookDefinition webhook = webhook(code);
        notEditable(webhook).ifPresent(reason -> {
            throw conflict(code + " cannot be edited over REST: " + reason);
        });
        return webhook;
    }

    /** Why a webhook cannot be edited as a document: what it says, or how its file holds it. */
    private Optional<String> notEditable(WebhookDefinition webhook) {
        Optional<String> reason = DocumentGroovy.notEditable(webhook);
        if (reason.isPresent()) {
            return reason;
        }
        String file = webhook.origin().file();
        if (!files.exists(file)) {
            return Optional.of(file + " is no longer in the definitions folder; reload to see what it holds now");
        }
        return switch (WebhookBlocks.find(files.text(file), webhook.code())) {
            case Lookup.Found found -> Optional.empty();
            case UnknownCode unknown -> Optional.of(file + " makes it by code, not as a webhook('" + webhook.code()
                    + "') { … } block of its own");
            case DuplicateCode duplicate -> Optional.of(file + ": " + duplicate.message());
            case Unparsable problem -> Optional.of(file + " does not parse now: " + problem.message());
        };
    }

    private String revision(String file, String code) {
        try (WorkTree tree = WorkTree.of(folder).orElse(null)) {
            if (tree != null) {
                return tree.lastChange(file, code).orElse("uncommitted");
            }
        }
        String block = files.exists(file)
                && WebhookBlocks.find(files.text(file), code) instanceof Lookup.Found f ? f.source() : "";
        return "content-" + sha256(block).substring(0, WorkTree.REVISION_LENGTH);
    }

    private static void requireIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw Problem.of(428, "Precondition Required", "send If-Match: \"<revision>\" with the revision "
                    + "GET /webhooks/{code}/definition answered (its ETag), so a change made since is not overwritten");
        }
    }

    private void requireRevision(WorkTree tree, String file, String code, String ifMatch) {
        String now = tree.lastChange(file, code).orElse("uncommitted");
        if (!IfMatch.matches(ifMatch, now)) {
            throw Problem.of(412, "Precondition Failed", code + " changed since " + ifMatch.strip() + ": it is at "
                    + "revision " + now + " now; read it again (GET /webhooks/" + code + "/definition) and redo the "
                    + "change on it", Map.of("revision", now));
        }
    }

    private static void requireClean(WorkTree tree, List<String> paths) {
        Set<String> dirty = tree.uncommitted(paths);
        if (!dirty.isEmpty()) {
            throw conflict(String.join(", ", dirty) + (dirty.size() == 1 ? " has" : " have") + " uncommitted "
                    + "changes in the definitions' work tree: commit or discard them first, so this change does not "
                    + "mix with them");
        }
    }

    private String edited(String file, Edit edit) {
        return switch (edit) {
            case Edit.Edited edited -> edited.text();
            case UnknownCode unknown -> throw conflict(file + ": " + unknown.message());
            case DuplicateCode duplicate -> throw conflict(file + ": " + duplicate.message());
            case Unparsable problem -> throw conflict(file + " does not parse (" + problem.line() + ":"
                    + problem.column() + ": " + problem.message() + "); fix it in the file first");
        };
    }

    private static String message(JsonNode json, String otherwise) {
        String message = DocumentJson.message(json);
        return message != null && !message.isBlank() ? message : otherwise;
    }

    private static String label(WebhookDocument doc) {
        return doc.label().isEmpty() ? "" : " (" + doc.label().values().iterator().next() + ")";
    }

    /** The document's fields that differ, in the document's order: {@code url, filter}. */
    private static String changedFields(WebhookDocument before, WebhookDocument after) {
        Map<String, Object> a = DocumentJson.write(before);
        Map<String, Object> b = DocumentJson.write(after);
        List<String> changed = new ArrayList<>();
        for (String field : b.keySet()) {
            if (!Objects.equals(a.get(field), b.get(field))) {
                changed.add(field);
            }
        }
        a.keySet().stream().filter(f -> !b.containsKey(f)).forEach(changed::add);
        return String.join(", ", changed);
    }

    private static RuntimeException conflict(String detail) {
        return Problem.of(409, "Conflict", detail);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
