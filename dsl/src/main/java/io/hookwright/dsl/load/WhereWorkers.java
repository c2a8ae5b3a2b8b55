package io.hookwright.dsl.load;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The threads {@code where} closures run on: a fixed number, each evaluation holding one until its work has really
 * ended (not merely until its caller stopped waiting). When every one is taken the evaluation is refused (after a
 * short wait) rather than queued or given a new thread, so closures that keep running cannot pile up threads or
 * work.
 */
final class WhereWorkers {
    /** How many where closures may run at the same time, across every definition. */
    static final int SIZE = 8;

    /**
     * How long an evaluation waits for a worker before it is refused: long enough to ride out a burst of quick
     * closures from many engine threads at once, far too short to pile callers up behind closures that run long.
     */
    static final Duration WAIT_FOR_WORKER = Duration.ofMillis(20);

    static final WhereWorkers SHARED = new WhereWorkers(SIZE);

    private final int size;
    private final Semaphore free;
    private final ThreadPoolExecutor threads;

    WhereWorkers(int size) {
        this.size = size;
        free = new Semaphore(size);
        // Never more than `size` tasks are handed over (the semaphore), so the queue holds at most that many.
        threads = new ThreadPoolExecutor(size, size, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().daemon().name("hookwright-where-", 0).factory());
        threads.allowCoreThreadTimeOut(true);
    }

    /** Starts {@code work} on a free worker, or returns null when none is free within {@link #WAIT_FOR_WORKER}. */
    <T> Future<T> submit(Callable<T> work) {
        try {
            if (!free.tryAcquire(WAIT_FOR_WORKER.toNanos(), TimeUnit.NANOSECONDS)) {
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        Slot<T> slot = new Slot<>(work);
        threads.execute(slot);
        return slot;
    }

    /** How many workers are running or about to run an evaluation. */
    int busy() {
        return size - free.availablePermits();
    }

    /** One evaluation; its worker is given back when the work ends, or when it is cancelled before it started. */
    private final class Slot<T> extends FutureTask<T> {
        private final AtomicBoolean claimed = new AtomicBoolean();

        Slot(Callable<T> work) {
            super(work);
        }

        @Override
        public void run() {
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            try {
                super.run();
            } finally {
                free.release();
            }
        }

        @Override
        public boolean cancel(boolean interrupt) {
            boolean cancelled = super.cancel(interrupt);
            if (claimed.compareAndSet(false, true)) {
                free.release();
            }
            return cancelled;
        }
    }
}
