package io.hookwright.dsl.load;

import groovy.lang.Closure;
import groovy.lang.GroovyObjectSupport;
import io.hookwright.dsl.limit.Watchdog;
import io.hookwright.dsl.model.EventPredicate;
import io.hookwright.dsl.model.SourcePosition;
import org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@code where} closure, cut off from the script that declared it and run on one of a few worker threads
 * ({@link WhereWorkers}), so a closure that loops or blocks fails its match after the limit instead of holding up
 * the engine. The limit is enforced where the work is done: a {@link Watchdog} interrupts the worker at the limit
 * or when it allocates more than {@link SandboxLimits#WHERE_ALLOCATION}, and the compiled closure stops at its next
 * interrupt check, so the worker is free again shortly after.
 */
final class SandboxedPredicate implements EventPredicate {
    /**
     * The first call of a closure links Groovy's call sites and loads classes, which on a cold JVM takes longer
     * than the per-event limit; it gets this much instead, so a fresh dry-run does not fail a correct closure.
     */
    static final Duration FIRST_CALL_ALLOWANCE = Duration.ofSeconds(2);

    private final Closure<?> closure;
    private final Duration limit;
    private final SourcePosition position;
    private volatile boolean warmedUp;

    SandboxedPredicate(Closure<?> closure, Duration limit, SourcePosition position) {
        Refusing nothing = new Refusing();
        this.closure = closure.rehydrate(nothing, nothing, nothing);
        this.closure.setResolveStrategy(Closure.DELEGATE_ONLY);
        this.limit = limit;
        this.position = position;
    }

    @Override
    public boolean test(Map<String, Object> event) {
        Duration allowed = warmedUp || limit.compareTo(FIRST_CALL_ALLOWANCE) >= 0 ? limit : FIRST_CALL_ALLOWANCE;
        Future<Boolean> answer = WhereWorkers.SHARED.submit(() -> evaluate(event, allowed));
        if (answer == null) {
            throw new PredicateFailure("where { } at " + position + " not run: every where worker is busy ("
                    + WhereWorkers.SIZE + " running)");
        }
        try {
            return answer.get(allowed.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw tooLong(allowed);
        } catch (ExecutionException e) {
            if (stopped(e.getCause())) {
                // Stopped on the worker a moment before the wait here ran out: the same failure, told the same way.
                throw tooLong(allowed);
            }
            throw new PredicateFailure("where { } at " + position + " failed: " + describe(e.getCause(), allowed));
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new PredicateFailure("where { } at " + position + " was interrupted");
        } finally {
            warmedUp = true;
        }
    }

    /** Runs on a worker: the closure, with the time and memory it has. */
    private boolean evaluate(Map<String, Object> event, Duration allowed) {
        Watchdog.Guard guard = Watchdog.SHARED.watch(allowed, SandboxLimits.WHERE_ALLOCATION);
        try (SandboxLimits.Scope ignored = SandboxLimits.until(System.nanoTime() + allowed.toNanos())) {
            return DefaultTypeTransformation.castToBoolean(closure.call(event));
        } catch (Throwable e) {
            // Groovy's interrupt checks throw InterruptedException, undeclared
            if (guard.tripped() == Watchdog.Reason.MEMORY) {
                throw new OverBudget();
            }
            throw e;
        } finally {
            guard.close();
        }
    }

    private PredicateFailure tooLong(Duration allowed) {
        return new PredicateFailure("where { } at " + position + " ran longer than its " + Durations.format(allowed)
                + " limit and was stopped");
    }

    /** Whether the closure was interrupted for its time: Groovy's interrupt checks throw InterruptedException. */
    private static boolean stopped(Throwable cause) {
        return cause instanceof InterruptedException || cause instanceof groovy.lang.GroovyRuntimeException
                && cause.getCause() instanceof InterruptedException;
    }

    private static String describe(Throwable cause, Duration allowed) {
        if (cause instanceof OverBudget) {
            return "it allocated more than " + (SandboxLimits.WHERE_ALLOCATION >> 20) + " MiB and was stopped";
        }
        if (SandboxRegex.outOfTime(cause)) {
            return "it ran longer than its " + Durations.format(allowed) + " limit in a regular expression and was stopped";
        }
        if (cause instanceof SandboxRuntime.SandboxViolation || cause instanceof io.hookwright.dsl.regex.RegexLimitException
                || cause instanceof io.hookwright.dsl.regex.RegexRefusedException) {
            return cause.getMessage();
        }
        if (cause instanceof StackOverflowError) {
            return "it ran out of stack: look for recursion without end";
        }
        if (cause instanceof OutOfMemoryError) {
            return "it ran out of memory and was stopped";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
    }

    /** The closure was stopped for allocating more than its budget. */
    private static final class OverBudget extends RuntimeException {
        OverBudget() {
            super(null, null, false, false);
        }
    }

    /** What a {@code where} closure sees as its owner and delegate: nothing it can call. */
    private static final class Refusing extends GroovyObjectSupport {
        @Override
        public Object invokeMethod(String name, Object args) {
            throw new UnsupportedOperationException("'" + name + "' cannot be called in where { }");
        }

        @Override
        public Object getProperty(String name) {
            throw new UnsupportedOperationException("unknown name '" + name + "' in where { }");
        }

        @Override
        public void setProperty(String name, Object value) {
            throw new UnsupportedOperationException("where { } cannot set '" + name + "'");
        }
    }
}
