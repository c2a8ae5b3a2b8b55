package io.hookwright.bench;

import java.lang.management.ManagementFactory;

/**
 * The CPU time this process has used, over all its threads. Throughput on a machine shared with other work moves
 * with the load; CPU time per request moves much less, so the benchmark reports both.
 */
final class CpuTime {
    private CpuTime() {
    }

    static long nanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
