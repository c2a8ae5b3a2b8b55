package io.hookwright.dsl.load;

import groovy.lang.Binding;
import io.hookwright.dsl.model.DefinitionError;
import io.hookwright.dsl.model.RuleSet;
import io.hookwright.dsl.model.SourcePosition;
import io.hookwright.dsl.model.WebhookDefinition;

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
        DefinitionFiles.Listing listing = DefinitionFiles.list(folder);
        List<String> files = listing.files().stream().filter(DefinitionLoader::isDefinition).toList();
        List<WebhookDefinition> webhooks = new ArrayList<>();
        List<DefinitionError> errors = new ArrayList<>(listing.errors());
        for (String file : files) {
            loadFile(listing.root(), file, webhooks, errors);
        }
        rejectDuplicates(webhooks, errors);
        int refused = (int) listing.errors().stream().filter(e -> isDefinition(e.file())).count();
        return new LoadResult(new RuleSet(webhooks), errors, files.size() + refused);
    }

    /** A definition file: {@code *.groovy} directly in the folder. */
    private static boolean isDefinition(String relative) {
        return relative.endsWith(".groovy") && relative.indexOf('/') < 0;
    }

    private void loadFile(Path root, String file, List<WebhookDefinition> webhooks, List<DefinitionError> errors) {
        String text;
        try {
            text = DefinitionFiles.readText(root, file);
        } catch (DefinitionFiles.Refused refused) {
            errors.add(new DefinitionError(file, 1, 1, refused.getMessage()));
            return;
        }
        SandboxCompiler.Outcome compiled = compiler.compile(file, text);
        if (compiled.scriptClass() == null) {
            errors.addAll(inOrder(compiled.errors()));
            return;
        }
        LoadSession session = new LoadSession(file, compiled.sites(), root, whereLimit);
        run(compiled.scriptClass(), session);
        List<DefinitionError> found = merge(compiled.errors(), session.close());
        errors.addAll(found);
        if (found.isEmpty()) {
            webhooks.addAll(session.webhooks());
        }
    }

    /**
     * The checker's errors for a file that still ran, and what running found; a mistake both saw (an unknown word
     * the block also ignored) is told once, in the checker's words.
     */
    private static List<DefinitionError> merge(List<DefinitionError> checked, List<DefinitionError> ran) {
        List<DefinitionError> all = new ArrayList<>(checked);
        for (DefinitionError error : ran) {
            if (checked.stream().noneMatch(c -> c.line() == error.line() && c.column() == error.column())) {
                all.add(error);
            }
        }
        return inOrder(all);
    }

    /** A file's errors from top to bottom, as a compiler lists them. */
    private static List<DefinitionError> inOrder(List<DefinitionError> errors) {
        List<DefinitionError> sorted = new ArrayList<>(new java.util.LinkedHashSet<>(errors));
        sorted.sort(Comparator.comparingInt(DefinitionError::line).thenComparingInt(DefinitionError::column));
        return sorted;
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
                    + Durations.format(fileLimit) + ": look for an endless loop");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            SourcePosition at = lineOf(cause, session.file());
            if (cause instanceof groovy.lang.MissingMethodException missing) {
                at = session.at(at.line(), missing.getMethod());
            }
            session.error(at, describe(cause));
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
            return Vocabulary.wrongArguments(missing.getMethod());
        }
        if (error instanceof StackOverflowError) {
            return "the file ran out of stack while loading: look for recursion without end";
        }
        if (error instanceof SandboxRuntime.SandboxViolation) {
            return error.getMessage();
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
