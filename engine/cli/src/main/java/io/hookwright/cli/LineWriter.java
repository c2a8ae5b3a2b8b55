package io.hookwright.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Log lines written by a thread of their own: the thread that settles deliveries hands its line over and goes on, and
 * the lines that arrived meanwhile are written together with one flush. A line is never dropped: when {@value
 * #CAPACITY} wait already, the caller waits for room. {@link #close} writes every line handed over before it.
 */
final class LineWriter implements AutoCloseable {
    private static final int CAPACITY = 8192;
    /** Handed over by {@link #close}: a line always ends with a separator, so no line equals it. */
    private static final String STOP = "stop";

    private final PrintStream out;
    private final BlockingQueue<String> pending = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread writer;

    LineWriter(PrintStream out) {
        this.out = out;
        this.writer = Thread.ofPlatform().daemon().name("hookwright-log").start(this::run);
    }

    /** Writes {@code line}, which ends with a line separator, soon; at once once closed. */
    void write(String line) {
        if (!writer.isAlive()) {
            print(List.of(line));
            return;
        }
        try {
            pending.put(line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            print(List.of(line));
        }
    }

    private void run() {
        List<String> lines = new ArrayList<>();
        while (true) {
            try {
                lines.add(pending.take());
            } catch (InterruptedException e) {
                return;
            }
            pending.drainTo(lines);
            boolean stop = lines.remove(STOP);
            print(lines);
            lines.clear();
            if (stop) {
                return;
            }
        }
    }

    private void print(List<String> lines) {
        synchronized (out) {
            lines.forEach(out::print);
            out.flush();
        }
    }

    @Override
    public void close() {
        if (writer.isAlive()) {
            try {
                pending.put(STOP);
                writer.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Whatever a writer that stopped early left.
        List<String> left = new ArrayList<>();
        pending.drainTo(left);
        left.remove(STOP);
        print(left);
    }
}
