package io.hookwright.samples.host;

import io.hookwright.execution.EngineObserver;
import io.hookwright.runlog.Run;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Counts the engine's async attempts, so the example can wait for the deliveries it queued before it goes on. */
final class AsyncAttempts implements EngineObserver {
    private final Semaphore attempts = new Semaphore(0);

    @Override
    public void attempted(Run run) {
        if (run.mode().startsWith("async")) {
            attempts.release();
        }
    }

    /** Waits for {@code count} more async attempts; false when {@code timeout} passed first. */
    boolean await(int count, Duration timeout) throws InterruptedException {
        return attempts.tryAcquire(count, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
