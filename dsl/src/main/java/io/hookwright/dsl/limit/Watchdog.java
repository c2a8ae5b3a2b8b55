package io.hookwright.dsl.limit;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches work that runs user-written code (a where closure, a template) on a thread: once its time runs out, or the
 * thread has allocated more than its memory budget, the watchdog interrupts the thread, and the work's own interrupt
 * checks (Groovy's loop checks, FreeMarker's, {@code BoundedRegex}'s) end it there. One daemon thread serves every
 * guard and sleeps when there is none.
 *
 * <p>Memory is measured as bytes allocated by the thread since the guard began (HotSpot's per-thread counter), so it
 * catches a template or closure that builds ever larger text, not one large allocation made at once: those must be
 * bounded where they are made.
 */
public final class Watchdog {
    /** The engine's one watchdog. */
    public static final Watchdog SHARED = new Watchdog(Duration.ofMillis(5));

    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private final long tickNanos;
    private final Set<Guard> guards = ConcurrentHashMap.newKeySet();
    private volatile Thread ticker;

    Watchdog(Duration tick) {
        this.tickNanos = tick.toNanos();
    }

    /** Why a guard's work was stopped. */
    public enum Reason {
        TIME, MEMORY
    }

    /**
     * Guards the calling thread from now until the guard is closed.
     *
     * @param time       how long the work may take
     * @param allocation how many bytes the thread may allocate meanwhile; {@code Long.MAX_VALUE} for no budget
     */
    public Guard watch(Duration time, long allocation) {
        Guard guard = new Guard(Thread.currentThread(), System.nanoTime() + time.toNanos(), allocation);
        guards.add(guard);
        wake();
        return guard;
    }

    private void wake() {
        Thread running = ticker;
        if (running == null) {
            synchronized (this) {
                if (ticker == null) {
                    ticker = Thread.ofPlatform().daemon().name("hookwright-watchdog").start(this::tick);
                }
                running = ticker;
            }
        }
        LockSupport.unpark(running);
    }

    private void tick() {
        while (true) {
            if (guards.isEmpty()) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, tickNanos);
            }
            long now = System.nanoTime();
            for (Guard guard : guards) {
                guard.check(now);
            }
        }
    }

    private static com.sun.management.ThreadMXBean threads() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported()) {
            if (!bean.isThreadAllocatedMemoryEnabled()) {
                bean.setThreadAllocatedMemoryEnabled(true);
            }
            return bean;
        }
        return null;
    }

    private static long allocated(Thread thread) {
        return THREADS == null || thread.isVirtual() ? -1 : THREADS.getThreadAllocatedBytes(thread.threadId());
    }

    /** One piece of guarded work. Close it when the work ends, however it ends. */
    public final class Guard implements AutoCloseable {
        private final Thread thread;
        private final long deadline;
        private final long allocationLimit;
        private final long allocatedAtStart;
        private Reason tripped;
        private boolean closed;

        private Guard(Thread thread, long deadline, long allocationLimit) {
            this.thread = thread;
            this.deadline = deadline;
            this.allocationLimit = allocationLimit;
            this.allocatedAtStart = allocationLimit == Long.MAX_VALUE ? -1 : allocated(thread);
        }

        private synchronized void check(long now) {
            if (closed || tripped != null) {
                return;
            }
            if (now - deadline > 0) {
                trip(Reason.TIME);
            } else if (allocatedAtStart >= 0 && allocated(thread) - allocatedAtStart > allocationLimit) {
                trip(Reason.MEMORY);
            }
        }

        private void trip(Reason reason) {
            tripped = reason;
            thread.interrupt();
        }

        /** Why the work was stopped, or null while it is within its limits. */
        public synchronized Reason tripped() {
            return tripped;
        }

        /**
         * Ends the watch. An interrupt the watchdog sent is taken back, so it never reaches whatever the thread
         * does next.
         */
        @Override
        public void close() {
            guards.remove(this);
            synchronized (this) {
                if (!closed && tripped != null && Thread.currentThread() == thread) {
                    Thread.interrupted();
                }
                closed = true;
            }
        }
    }
}
