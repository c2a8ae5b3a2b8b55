package io.hookwright.execution;

import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import io.hookwright.runlog.RunLog;
import io.hookwright.runlog.RunQuery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/** Finds the messages an outage left undelivered and sends each again, as Svix's "recover" does. */
final class Recovery {
    private static final Set<Outcome> UNDELIVERED = Set.of(Outcome.FAILED, Outcome.GAVE_UP, Outcome.SKIPPED);
    /** Redeliveries in flight at once: enough to get through an outage's backlog, few enough to spare the target. */
    private static final int PARALLEL = 16;

    private final RunLog runs;
    private final Function<String, Run> redeliver;

    Recovery(RunLog runs, Function<String, Run> redeliver) {
        this.runs = runs;
        this.redeliver = redeliver;
    }

    /** The messages to send again: each one's latest run failed, gave up or was skipped, since {@code since}. */
    List<Run> undeliveredSince(Instant since, String webhook) {
        List<Run> latest = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Run run : runs.list(new RunQuery(webhook, UNDELIVERED, since, Integer.MAX_VALUE))) {
            if (run.mode().equals("test") || !seen.add(run.messageId())) {
                continue;
            }
            // A test send of the same event shares the message id but says nothing about its delivery.
            List<Run> all = runs.ofMessage(run.messageId()).stream().filter(r -> !r.mode().equals("test")).toList();
            Run last = all.get(all.size() - 1);
            if (last.id().equals(run.id())) {
                latest.add(run);
            }
        }
        return latest.reversed();
    }

    List<Run> failedSince(Instant since, String webhook) {
        List<Run> undelivered = undeliveredSince(since, webhook);
        Semaphore slots = new Semaphore(PARALLEL);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Run>> sent = new ArrayList<>();
            for (Run run : undelivered) {
                sent.add(executor.submit(() -> {
                    slots.acquire();
                    try {
                        return redeliver.apply(run.id());
                    } finally {
                        slots.release();
                    }
                }));
            }
            List<Run> results = new ArrayList<>(sent.size());
            for (Future<Run> future : sent) {
                results.add(future.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while redelivering", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
