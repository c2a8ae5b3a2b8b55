package io.hookwright.dsl.load;

import io.hookwright.testwait.Await;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;

/** The threads definition code runs on (where workers, files' loading threads), as a test sees them. */
final class SandboxThreads {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SandboxThreads() {
    }

    /** Threads running definition code now: a where worker in the middle of a closure, or a file still loading. */
    static List<Thread> busy() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("hookwright-load-")
                        || t.getName().startsWith("hookwright-where-") && t.getState() == Thread.State.RUNNABLE)
                .filter(Thread::isAlive)
                .toList();
    }

    /** Fails unless every thread running definition code has stopped within {@code within}. */
    static void assertNoneBusy(Duration within) {
        Await.until(within, () -> busy().isEmpty(), () -> "no thread running definition code; still running: "
                + busy().stream().map(SandboxThreads::describe).toList());
    }

    /** CPU time used so far by every where worker, in nanoseconds. */
    static long whereWorkersCpu() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("hookwright-where-"))
                .mapToLong(t -> Math.max(0, THREADS.getThreadCpuTime(t.threadId())))
                .sum();
    }

    private static String describe(Thread thread) {
        StackTraceElement[] stack = thread.getStackTrace();
        return thread.getName() + " " + thread.getState() + (stack.length > 0 ? " at " + stack[0] : "");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
