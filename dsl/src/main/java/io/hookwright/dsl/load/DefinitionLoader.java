package io.hookwright.dsl.load;

import groovy.lang.Binding;
import io.hookwright.dsl.limit.Watchdog;
import io.hookwright.dsl.model.DefinitionError;
import io.hookwright.dsl.model.RuleSet;
import io.hookwright.dsl.model.SourcePosition;
import io.hookwright.dsl.model.WebhookDefinition;
import io.hookwright.dsl.regex.RegexLimitException;
import io.hookwright.dsl.regex.RegexRefusedException;

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
    /** How long the loader waits, after a file's limit, for the file's thread to stop. */
    static final Duration STOP_GRACE = Duration.ofSeconds(2);

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
            // The file's time and memory are enforced on its own thread: the watchdog interrupts it, and the
            // compiled code stops at its next interrupt check (a definition cannot catch the interrupt).
            Watchdog.Guard guard = Watchdog.SHARED.watch(fileLimit, SandboxLimits.LOAD_ALLOCATION);
            try (SandboxLimits.Scope ignored = SandboxLimits.until(System.nanoTime() + fileLimit.toNanos())) {
                DefinitionScript script = (DefinitionScript) scriptClass.getDeclaredConstructor().newInstance();
                script.setBinding(new Binding());
                script.attach(session);
                script.run();
            } catch (Throwable e) {
                if (guard.tripped() == Watchdog.Reason.TIME || SandboxRegex.outOfTime(e)) {
                    throw new OutOfTime();
                }
                if (guard.tripped() == Watchdog.Reason.MEMORY) {
                    throw new SandboxRuntime.SandboxViolation("loading allocated more than "
                            + (SandboxLimits.LOAD_ALLOCATION >> 20) + " MiB and was stopped: look for a value that "
                            + "keeps growing");
                }
                throw e;
            } finally {
                guard.close();
            }
            return null;
        });
        Thread runner = Thread.ofPlatform().daemon().name("hookwright-load-" + session.file()).start(task);
        try {
            task.get(fileLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            runner.interrupt();
            session.error(SourcePosition.of(session.file()), outOfTime());
            awaitEnd(runner);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof OutOfTime || SandboxRegex.outOfTime(cause)) {
                session.error(SourcePosition.of(session.file()), outOfTime());
                return;
            }
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

    private String outOfTime() {
        return "the file did not finish loading within " + Durations.format(fileLimit) + ": look for an endless loop";
    }

    /** The watchdog stopped a file at its time limit (just before the loader stopped waiting for it). */
    private static final class OutOfTime extends RuntimeException {
        OutOfTime() {
            super(null, null, false, false);
        }
    }

    /** Waits for a file's thread that ran out of time to end, as its interrupt checks make it. */
    private static void awaitEnd(Thread runner) {
        try {
            runner.join(STOP_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SourcePosition lineOf(Throwable error, String file) {
        if (error instanceof SandboxRuntime.SandboxViolation violation && violation.line() > 0) {
            return new SourcePosition(file, violation.line(), 1);
        }
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
        if (error instanceof SandboxRuntime.SandboxViolation || error instanceof RegexLimitException
                || error instanceof RegexRefusedException) {
            return error.getMessage();
        }
        if (error instanceof Values.NotPlain notPlain) {
            return "values in a definition are texts, numbers, true/false, null, and lists and maps of them, not "
                    + notPlain.getMessage();
        }
        if (error instanceof OutOfMemoryError) {
            return "the file ran out of memory while loading: look for a value that keeps growing";
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
