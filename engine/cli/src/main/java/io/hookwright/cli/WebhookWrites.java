package io.hookwright.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookwright.authoring.Author;
import io.hookwright.authoring.Authoring;
import io.hookwright.authoring.AuthoringMode;
import io.hookwright.authoring.WriteRefused;
import io.hookwright.definitions.DefinitionCompiler;
import io.hookwright.definitions.DefinitionsSource;
import io.hookwright.dryrun.TerminalText;
import io.hookwright.event.EventJson;
import io.hookwright.execution.LoadedDefinitions;
import io.hookwright.git.GitRevisions;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What {@code webhooks create|edit|delete} share: the same authoring as {@code serve}'s REST API, on the definitions
 * folder's git work tree, and how they tell what it committed or why it refused.
 */
final class WebhookWrites {
    /** The command tells of a push that failed itself, on one line; held so the level set on it holds. */
    private static final Logger AUTHORING_LOG = Logger.getLogger(Authoring.class.getName());

    static {
        AUTHORING_LOG.setLevel(Level.SEVERE);
    }

    private final CommandSpec spec;
    private final Path folder;
    private final WriteOptions options;
    private final boolean json;
    private final Authoring authoring;

    private WebhookWrites(CommandSpec spec, Path folder, WriteOptions options, boolean json, Authoring authoring) {
        this.spec = spec;
        this.folder = folder;
        this.options = options;
        this.json = json;
        this.authoring = authoring;
    }

    /** Compiles the folder (refusing one that is not valid, as serve does) and authors on it. */
    static WebhookWrites open(CommandSpec spec, DefinitionsOption definitions, WriteOptions options, boolean json) {
        DefinitionCompiler compiler = new DefinitionCompiler();
        AtomicReference<LoadedDefinitions> running = new AtomicReference<>(definitions.load(compiler));
        Path folder = definitions.folder();
        DefinitionsSource source = new DefinitionsSource(folder, compiler, GitRevisions.INSTANCE);
        Authoring.Reload reload = () -> {
            DefinitionsSource.Load load = source.load(source.snapshot(), folder);
            if (load.valid()) {
                running.set(new LoadedDefinitions(load.definitions(), load.revision()));
            }
            return load;
        };
        AuthoringMode mode = options.branch ? AuthoringMode.BRANCH : AuthoringMode.DIRECT;
        return new WebhookWrites(spec, folder, options, json, new Authoring(folder, mode, options.push, reload,
                running::get));
    }

    Authoring authoring() {
        return authoring;
    }

    /** {@code --author}, else the work tree's git configuration. */
    String author() {
        if (options.author != null) {
            Author given = Author.parse(options.author);
            if (options.author.contains("<") && given.email().isEmpty() || options.author.isBlank()) {
                throw CommandFailure.usage("--author '" + options.author + "': write it as \"Name <mail>\"");
            }
            return given.identity();
        }
        return authoring.configuredAuthor().orElse("hookwright");
    }

    String message() {
        return options.message;
    }

    /** Reads a webhook document from a file, or from standard input for {@code -}. */
    static ObjectNode document(String source) {
        JsonNode doc;
        try {
            doc = source.equals("-") ? EventJson.MAPPER.readTree(System.in) : EventJson.MAPPER.readTree(Files.readString(
                    Path.of(source)));
        } catch (IOException e) {
            String what = source.equals("-") ? "standard input" : source;
            throw CommandFailure.usage("cannot read a webhook document from " + what + ": "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (doc == null || !doc.isObject()) {
            throw new CommandFailure(ExitCodes.INVALID, (source.equals("-") ? "standard input" : source)
                    + ": a webhook document is a JSON object");
        }
        return (ObjectNode) doc;
    }

    /** A webhook's document as it is now, to be changed. */
    ObjectNode current(String code) {
        return EventJson.MAPPER.valueToTree(authoring.read(code).body());
    }

    /**
     * Runs a write and tells what it committed ({@code done}: "Created", "Updated", "Deleted"), or why it was refused.
     * Returns the exit code.
     */
    int run(String done, String code, Supplier<Authoring.Answer> write) {
        Authoring.Answer answer;
        try {
            answer = write.get();
        } catch (RuntimeException e) {
            return refused(e);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (answer.body() != null) {
            body.putAll(answer.body());
        } else {
            body.put("code", code);
            body.put("commit", answer.revision());
        }
        String shown = body.get("code") != null ? String.valueOf(body.get("code")) : code;
        @SuppressWarnings("unchecked")
        Map<String, Object> push = (Map<String, Object>) body.get("push");
        boolean pushFailed = push != null && Boolean.FALSE.equals(push.get("pushed"));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.pretty(body));
        } else {
            String where = body.get("file") == null ? "" : " in " + folder.resolve((String) body.get("file"));
            if (answer.proposed()) {
                out.println(done + " webhook " + shown + " on the new branch " + body.get("branch") + ", commit "
                        + answer.revision() + "; the work tree and the branch checked out are unchanged: merge it to "
                        + "take it live");
            } else {
                out.println(done + " webhook " + shown + where + ": commit " + answer.revision());
                out.println("A serve running on this folder takes it on its next reload (serve --watch, or "
                        + "POST /admin/reload).");
            }
            if (push != null && !pushFailed) {
                out.println("Pushed " + push.get("ref") + " to " + push.get("remote") + ".");
            }
        }
        out.flush();
        if (pushFailed) {
            if (!json) {
                PrintWriter err = spec.commandLine().getErr();
                err.println(name() + ": pushing " + push.get("ref") + " to " + push.get("remote") + " failed: "
                        + TerminalText.line(String.valueOf(push.get("error"))));
                err.flush();
            }
            return ExitCodes.UNAVAILABLE;
        }
        return ExitCodes.OK;
    }

    private int refused(RuntimeException e) {
        return tell(WriteRefused.of(e).orElseThrow(() -> e));
    }

    private int tell(WriteRefused refused) {
        int exit = refused.status() == 404 ? ExitCodes.USAGE : ExitCodes.INVALID;
        if (json) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("error", refused.detail());
            answer.put("title", refused.title());
            answer.put("status", refused.status());
            answer.put("exitCode", exit);
            answer.putAll(refused.members());
            PrintWriter out = spec.commandLine().getOut();
            out.println(Json.pretty(answer));
            out.flush();
            return exit;
        }
        PrintWriter err = spec.commandLine().getErr();
        if (refused.members().get("errors") instanceof List<?> errors) {
            for (Object error : errors) {
                if (error instanceof Map<?, ?> e) {
                    err.println(TerminalText.block(folder.resolve(String.valueOf(e.get("file"))) + ":" + e.get("line")
                            + ":" + e.get("column") + ": " + e.get("message")));
                }
            }
        }
        err.println(name() + ": " + TerminalText.block(refused.detail()));
        err.flush();
        return exit;
    }

    private String name() {
        return spec.qualifiedName(" ");
    }
}
