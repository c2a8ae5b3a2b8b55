package io.hookwright.server;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The errors after which a serving engine cannot be trusted to go on: an {@link OutOfMemoryError} or another
 * {@link VirtualMachineError}, in a request or in any of the JVM's threads. The first one is kept, so {@code /health}
 * answers 503 and requests are refused, and whoever serves is told, so it stops ({@code serve} exits non-zero for
 * its supervisor to restart it) instead of living on as a zombie that answers 500 to everything.
 */
public final class FatalErrors {
    private static final Logger LOG = Logger.getLogger(FatalErrors.class.getName());
    /** Every serving engine of this JVM: an error in any thread concerns them all, the heap being one. */
    private static final List<FatalErrors> WATCHING = new CopyOnWriteArrayList<>();
    private static boolean handlerInstalled;

    /** The first fatal error: what it was, where, and when. */
    public record Fatal(String error, String where, Instant at) {
        public String describe() {
            return error + " in " + where + " at " + at;
        }
    }

    private final Clock clock;
    private final AtomicReference<Fatal> first = new AtomicReference<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public FatalErrors(Clock clock) {
        this.clock = clock;
    }

    /**
     * Whether {@code error} is fatal: a {@link VirtualMachineError} other than a {@link StackOverflowError}, which
     * unwinds its own thread and leaves the rest of the JVM as it was (rendering and loading turn it into errors).
     */
    public static boolean isFatal(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
                return true;
            }
        }
        return false;
    }

    /** Records {@code error} when it is fatal; returns whether it was. Listeners hear of the first one only. */
    public boolean record(Throwable error, String where) {
        if (!isFatal(error)) {
            return false;
        }
        Fatal fatal = new Fatal(error.getClass().getSimpleName() + (error.getMessage() == null ? ""
                : ": " + error.getMessage()), where, clock.instant());
        if (first.compareAndSet(null, fatal)) {
            // Listeners first: with the heap exhausted, even logging may fail.
            for (Runnable listener : listeners) {
                try {
                    listener.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a listener of fatal errors failed", e);
                }
            }
            try {
                LOG.log(Level.SEVERE, "fatal error in " + where + "; the engine stops serving", error);
            } catch (Throwable ignored) {
                // Nothing more can be done; health says it, and the listeners were told.
            }
        }
        return true;
    }

    public Optional<Fatal> first() {
        return Optional.ofNullable(first.get());
    }

    /** Runs {@code listener} on the first fatal error (at once, when there was one already). */
    public void onFatal(Runnable listener) {
        listeners.add(listener);
        if (first.get() != null) {
            listener.run();
        }
    }

    /** Runs {@code task}, recording a fatal error it throws (and throwing it on). */
    public Runnable guard(String where, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Error e) {
                record(e, where);
                throw e;
            }
        };
    }

    /**
     * Hears of fatal errors that end any thread of the JVM from now on, until {@link #stopWatching}: the engine's
     * workers, the server's threads. A handler installed before is still called after.
     */
    public void watchThreads() {
        synchronized (WATCHING) {
            if (!handlerInstalled) {
                Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
                Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
                    WATCHING.forEach(w -> w.record(error, "thread " + thread.getName()));
                    if (previous != null) {
                        previous.uncaughtException(thread, error);
                    } else {
                        System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                        error.printStackTrace();
                    }
                });
                handlerInstalled = true;
            }
            WATCHING.add(this);
        }
    }

    public void stopWatching() {
        WATCHING.remove(this);
    }
}
