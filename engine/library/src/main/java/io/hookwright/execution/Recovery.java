package io.hookwright.execution;

import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.Run;
import io.hookwright.runlog.RunLog;
import io.hookwright.runlog.RunQuery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Sends again each message {@link #undeliveredSince} finds, except, unless {@code includeOff}, those of a webhook
     * that is off ({@code off} tells why, or null when it is on): an operator or a 410 deactivated it, or its
     * definition disables it, and recovery must not undo that.
     */
    Recovered failedSince(Instant since, String webhook, boolean includeOff, Function<String, Recovered.Off> off) {
        List<Run> undelivered = new ArrayList<>();
        Map<String, Recovered.Skipped> skipped = new LinkedHashMap<>();
        for (Run run : undeliveredSince(since, webhook)) {
            Recovered.Off why = includeOff ? null : off.apply(run.webhook());
            if (why == null) {
                undelivered.add(run);
            } else {
                skipped.merge(run.webhook(), new Recovered.Skipped(run.webhook(), why, 1),
                        (a, b) -> new Recovered.Skipped(a.webhook(), a.why(), a.messages() + 1));
            }
        }
        return new Recovered(sendAgain(undelivered), List.copyOf(skipped.values()));
    }

    private List<Run> sendAgain(List<Run> undelivered) {
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
