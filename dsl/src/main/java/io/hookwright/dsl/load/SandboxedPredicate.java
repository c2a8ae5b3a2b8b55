package io.hookwright.dsl.load;

import groovy.lang.Closure;
import groovy.lang.GroovyObjectSupport;
import io.hookwright.dsl.model.EventPredicate;
import io.hookwright.dsl.model.SourcePosition;
import org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@code where} closure, cut off from the script that declared it and run on a worker thread, so a closure
 * that loops or blocks fails its match after the limit instead of holding up the engine.
 */
final class SandboxedPredicate implements EventPredicate {
    /**
     * The first call of a closure links Groovy's call sites and loads classes, which on a cold JVM takes longer
     * than the per-event limit; it gets this much instead, so a fresh dry-run does not fail a correct closure.
     */
    static final Duration FIRST_CALL_ALLOWANCE = Duration.ofSeconds(2);
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("hookwright-where-", 0).factory());

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
        Future<Boolean> answer = WORKERS.submit(() -> DefaultTypeTransformation.castToBoolean(closure.call(event)));
        Duration allowed = warmedUp || limit.compareTo(FIRST_CALL_ALLOWANCE) >= 0 ? limit : FIRST_CALL_ALLOWANCE;
        try {
            return answer.get(allowed.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new PredicateFailure("where { } at " + position + " ran longer than its " + Durations.format(allowed)
                    + " limit and was stopped");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new PredicateFailure("where { } at " + position + " failed: " + describe(cause));
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new PredicateFailure("where { } at " + position + " was interrupted");
        } finally {
            warmedUp = true;
        }
    }

    private static String describe(Throwable cause) {
        if (cause instanceof SandboxRuntime.SandboxViolation) {
            return cause.getMessage();
        }
        if (cause instanceof StackOverflowError) {
            return "it ran out of stack: look for recursion without end";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
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
