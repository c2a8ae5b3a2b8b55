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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;

/**
 * Turns a folder of {@code *.groovy} definitions (templates under {@code templates/}) into a {@link RuleSet},
 * reporting every error of every file with its file, line and column. A loader remembers the files it loaded without
 * an error and, loading again, compiles only the files (or the templates they read) that changed.
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
    private final CompiledFiles cache = new CompiledFiles();

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
                    "no definitions folder here: pass the folder holding your *.groovy files")), 0, 0);
        }
        DefinitionFiles.Listing listing = DefinitionFiles.list(folder);
        List<String> files = listing.files().stream().filter(DefinitionLoader::isDefinition).toList();
        List<FileLoad> loads = loadAll(listing.root(), files);
        List<WebhookDefinition> webhooks = new ArrayList<>();
        List<DefinitionError> errors = new ArrayList<>(listing.errors());
        Map<String, CompiledFiles.Entry> loaded = new HashMap<>();
        int compiledFiles = 0;
        for (FileLoad load : loads) {
            errors.addAll(load.errors());
            if (load.errors().isEmpty()) {
                webhooks.addAll(load.entry().webhooks());
                loaded.put(load.file(), load.entry());
            }
            compiledFiles += load.compiled() ? 1 : 0;
        }
        cache.replace(loaded);
        rejectDuplicates(webhooks, errors);
        int refused = (int) listing.errors().stream().filter(e -> isDefinition(e.file())).count();
        return new LoadResult(new RuleSet(webhooks), errors, files.size() + refused, compiledFiles);
    }

    /** A definition file: {@code *.groovy} directly in the folder. */
    private static boolean isDefinition(String relative) {
        return relative.endsWith(".groovy") && relative.indexOf('/') < 0;
    }

    /** What loading one file gave; {@code entry} is set when it has no errors. */
    private record FileLoad(String file, CompiledFiles.Entry entry, List<DefinitionError> errors, boolean compiled) {
    }

    /**
     * Loads the files side by side, one per core (each is compiled and run on threads of its own, within its
     * limits), and gives their results in the files' order, so that errors and webhooks keep the order of a
     * sequential load.
     */
    private List<FileLoad> loadAll(Path root, List<String> files) {
        int threads = Math.max(1, Math.min(files.size(), Runtime.getRuntime().availableProcessors()));
        if (threads == 1) {
            return files.stream().map(file -> loadFile(root, file)).toList();
        }
        ThreadFactory factory = Thread.ofPlatform().daemon().name("hookwright-loader-", 1).factory();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads, factory)) {
            List<Future<FileLoad>> pending = files.stream().map(file -> pool.submit(() -> loadFile(root, file))).toList();
            List<FileLoad> loads = new ArrayList<>();
            for (Future<FileLoad> load : pending) {
                loads.add(load.get());
            }
            return loads;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("loading the definitions was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("loading the definitions failed", e.getCause());
        }
    }

    private FileLoad loadFile(Path root, String file) {
        String text;
        try {
            text = DefinitionFiles.readText(root, file);
        } catch (DefinitionFiles.Refused refused) {
            return new FileLoad(file, null, List.of(new DefinitionError(file, 1, 1, refused.getMessage())), false);
        }
        CompiledFiles.Entry known = cache.reuse(root, file, text);
        if (known != null) {
            return new FileLoad(file, known, List.of(), false);
        }
        SandboxCompiler.Outcome compiled = compiler.compile(file, text);
        if (compiled.scriptClass() == null) {
            return new FileLoad(file, null, inOrder(compiled.errors()), true);
        }
        LoadSession session = new LoadSession(file, compiled.sites(), root, whereLimit);
        run(compiled.scriptClass(), session);
        List<DefinitionError> found = merge(compiled.errors(), session.close());
        CompiledFiles.Entry entry = found.isEmpty()
                ? new CompiledFiles.Entry(text, session.templatesRead(), session.webhooks()) : null;
        return new FileLoad(file, entry, found, true);
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
            session.error(SourcePosition.of(session.file()), "loading was interrupted");
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
