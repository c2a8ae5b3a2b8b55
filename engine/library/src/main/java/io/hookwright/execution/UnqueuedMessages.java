package io.hookwright.execution;

import io.hookwright.outbox.OutboxMessage;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Async messages of committed transactions that the outbox refused when they were written after the commit (the host's
 * data is in another database, or there is no host transaction): kept in memory and written again, with backoff up to
 * 5 s, until the store takes them. Bounded: beyond {@link #MAX_KEPT} messages the store has been down for long, and
 * further ones are logged as lost rather than let the heap fill. What is still unwritten when the engine closes is
 * tried once more and then logged, by message id, as lost. (A host connection to the engine's database never needs
 * this: its messages are written in its own transaction.)
 */
final class UnqueuedMessages implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(UnqueuedMessages.class.getName());
    static final int MAX_KEPT = 100_000;
    private static final long MAX_BACKOFF_MS = 5_000;

    private final Consumer<List<OutboxMessage>> write;
    private final Runnable afterWrite;
    /** Guarded by {@code this}: the transactions' messages, oldest first, each list removed once written. */
    private final ArrayDeque<List<OutboxMessage>> queue = new ArrayDeque<>();
    private final AtomicInteger kept = new AtomicInteger();
    private Thread thread;
    private boolean closing;

    /**
     * @param write      writes messages to the outbox and announces them, in one transaction; throws when it cannot
     * @param afterWrite run after each write that succeeded (wakes the workers)
     */
    UnqueuedMessages(Consumer<List<OutboxMessage>> write, Runnable afterWrite) {
        this.write = write;
        this.afterWrite = afterWrite;
    }

    /** Keeps {@code messages} to be written again; false when the bound is reached and they are lost. */
    synchronized boolean keep(List<OutboxMessage> messages) {
        if (closing || kept.get() + messages.size() > MAX_KEPT) {
            LOG.severe(messages.size() + " async message(s) of a committed transaction are lost: the outbox has not "
                    + "taken the " + kept.get() + " kept before them; message ids " + ids(messages));
            return false;
        }
        kept.addAndGet(messages.size());
        queue.add(List.copyOf(messages));
        if (thread == null) {
            thread = Thread.ofPlatform().name("hookwright-unqueued").daemon().start(this::run);
        }
        notifyAll();
        return true;
    }

    /** Waits until every kept message is written; false when {@code deadline} ({@link System#nanoTime}) came first. */
    synchronized boolean awaitWritten(long deadline) throws InterruptedException {
        while (!queue.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private void run() {
        long backoff = 50;
        try {
            while (true) {
                List<List<OutboxMessage>> batch;
                synchronized (this) {
                    while (queue.isEmpty() && !closing) {
                        wait();
                    }
                    if (closing) {
                        return;
                    }
                    batch = List.copyOf(queue);
                }
                if (tryWrite(batch)) {
                    backoff = 50;
                } else {
                    Thread.sleep(backoff);
                    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
                }
            }
        } catch (InterruptedException e) {
            // closing
        }
    }

    /** Writes the oldest kept transactions' messages at once; they stay kept unless the write succeeded. */
    private boolean tryWrite(List<List<OutboxMessage>> batch) {
        List<OutboxMessage> messages = batch.stream().flatMap(List::stream).toList();
        try {
            write.accept(messages);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, messages.size() + " async message(s) of committed transactions are still not in "
                    + "the outbox; trying again: " + e.getMessage());
            return false;
        }
        synchronized (this) {
            for (int i = 0; i < batch.size(); i++) {
                queue.remove();
            }
            kept.addAndGet(-messages.size());
            notifyAll();
        }
        afterWrite.run();
        return true;
    }

    /** Stops retrying: one last write of what is kept, and what it cannot write is logged as lost. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closing = true;
            running = thread;
            notifyAll();
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<List<OutboxMessage>> left;
        synchronized (this) {
            left = List.copyOf(queue);
        }
        if (!left.isEmpty() && !tryWrite(left)) {
            List<OutboxMessage> lost = left.stream().flatMap(List::stream).toList();
            LOG.severe(lost.size() + " async message(s) of committed transactions were never written to the outbox "
                    + "and are lost as the engine stops; message ids " + ids(lost));
        }
    }

    private static String ids(List<OutboxMessage> messages) {
        return String.join(", ", messages.stream().limit(20).map(OutboxMessage::messageId).toList())
                + (messages.size() > 20 ? ", …" : "");
    }
}
