package io.hookwright.dsl.load;

import groovy.lang.Binding;
import io.hookwright.dsl.model.DefinitionError;
import io.hookwright.dsl.model.RuleSet;
import io.hookwright.dsl.model.SourcePosition;
import io.hookwright.dsl.model.WebhookDefinition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Turns a folder of {@code *.groovy} definitions (templates under {@code templates/}) into a {@link RuleSet},
 * reporting every error of every file with its file, line and column.
 */
public final class DefinitionLoader {
    /** How long a {@code where} closure may run per event. */
    public static final Duration DEFAULT_WHERE_LIMIT = Duration.ofMillis(100);
    /** How long one definition file may take to run when loaded. */
    public static final Duration DEFAULT_FILE_LIMIT = Duration.ofSeconds(5);

    private final Duration whereLimit;
    private final Duration fileLimit;
    private final SandboxCompiler compiler = new SandboxCompiler();

    public DefinitionLoader() {
        this(DEFAULT_WHERE_LIMIT, DEFAULT_FILE_LIMIT);
    }

    public DefinitionLoader(Duration whereLimit, Duration fileLimit) {
        this.whereLimit = whereLimit;
        this.fileLimit = fileLimit;
    }

    public LoadResult load(Path folder) {
        if (!Files.isDirectory(folder)) {
            return new LoadResult(new RuleSet(List.of()), List.of(new DefinitionError(folder.toString(), 1, 1,
                    "no definitions folder here: pass the folder holding your *.groovy files")), 0);
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".groovy") && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            return new LoadResult(new RuleSet(List.of()), List.of(new DefinitionError(folder.toString(), 1, 1,
                    "cannot list the folder: " + e.getMessage())), 0);
        }
        List<WebhookDefinition> webhooks = new ArrayList<>();
        List<DefinitionError> errors = new ArrayList<>();
        for (Path file : files) {
            loadFile(folder, file, webhooks, errors);
        }
        rejectDuplicates(webhooks, errors);
        return new LoadResult(new RuleSet(webhooks), errors, files.size());
    }

    private void loadFile(Path folder, Path path, List<WebhookDefinition> webhooks, List<DefinitionError> errors) {
        String file = folder.relativize(path).toString().replace('\\', '/');
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            errors.add(new DefinitionError(file, 1, 1, "cannot read the file: " + e.getMessage()));
            return;
        }
        SandboxCompiler.Outcome compiled = compiler.compile(file, text);
        if (!compiled.errors().isEmpty()) {
            errors.addAll(compiled.errors());
            return;
        }
        LoadSession session = new LoadSession(file, compiled.sites(), folder, whereLimit);
        run(compiled.scriptClass(), session);
        errors.addAll(session.errors());
        if (session.errors().isEmpty()) {
            webhooks.addAll(session.webhooks());
        }
    }

    private void run(Class<?> scriptClass, LoadSession session) {
        FutureTask<Void> task = new FutureTask<>(() -> {
            DefinitionScript script = (DefinitionScript) scriptClass.getDeclaredConstructor().newInstance();
            script.setBinding(new Binding());
            script.attach(session);
            script.run();
            return null;
        });
        Thread runner = Thread.ofPlatform().daemon().name("hookwright-load-" + session.file()).start(task);
        try {
            task.get(fileLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            runner.interrupt();
            session.error(SourcePosition.of(session.file()), "the file did not finish loading within "
                    + fileLimit.toSeconds() + " s: look for an endless loop");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            session.error(lineOf(cause, session.file()), describe(cause));
        } catch (InterruptedException e) {
            runner.interrupt();
            Thread.currentThread().interrupt();
        }
    }

    private static SourcePosition lineOf(Throwable error, String file) {
        for (StackTraceElement frame : error.getStackTrace()) {
            if (file.equals(frame.getFileName()) && frame.getLineNumber() > 0) {
                return new SourcePosition(file, frame.getLineNumber(), 1);
            }
        }
        return SourcePosition.of(file);
    }

    private static String describe(Throwable error) {
        if (error instanceof groovy.lang.MissingMethodException missing) {
            return "'" + missing.getMethod() + "' does not take these arguments; see the DSL reference in the README";
        }
        if (error instanceof StackOverflowError) {
            return "the file recursed without end while loading";
        }
        String message = error.getMessage() == null ? error.getClass().getSimpleName()
                : error.getMessage().lines().findFirst().orElse("");
        return "loading stopped: " + message;
    }

    private static void rejectDuplicates(List<WebhookDefinition> webhooks, List<DefinitionError> errors) {
        Map<String, WebhookDefinition> seen = new HashMap<>();
        List<WebhookDefinition> duplicates = new ArrayList<>();
        for (WebhookDefinition webhook : webhooks) {
            WebhookDefinition first = seen.putIfAbsent(webhook.code(), webhook);
            if (first != null) {
                duplicates.add(webhook);
                errors.add(DefinitionError.at(webhook.origin(), "duplicate webhook code '" + webhook.code()
                        + "': already declared at " + first.origin() + "; codes must be unique"));
            }
        }
        webhooks.removeAll(duplicates);
    }
}
