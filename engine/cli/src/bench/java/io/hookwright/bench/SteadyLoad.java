package io.hookwright.bench;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A steady load on {@code serve}: {@code perSecond} events a second for {@code seconds}, {@code perPost} to a
 * {@code POST /events}, each POST sent on schedule whether or not the ones before were answered (an open loop, as
 * independent clients send). Then up to 30 s for the last deliveries; an event accepted and not arrived by then is
 * lost. A POST refused or failed is counted apart, with the first refusal's reason.
 */
final class SteadyLoad {
    /**
     * Events per second actually posted; from each event's POST to its arrival; events accepted that never arrived;
     * events whose POST was refused or failed.
     */
    record Result(double postedPerSecond, Latency latency, int lost, int refused, int events, String firstRefusal) {
    }

    private SteadyLoad() {
    }

    static Result run(ServeProcess serve, Receiver receiver, String run, int perSecond, int perPost, int seconds)
            throws Exception {
        int posts = perSecond / perPost * seconds;
        int count = posts * perPost;
        List<String> bodies = new ArrayList<>(posts);
        for (int p = 0; p < posts; p++) {
            bodies.add(ServeEvents.array("Project:Updated", run, p * perPost, perPost));
        }
        long interval = 1_000_000_000L * perPost / perSecond;
        long[] sent = new long[count];
        boolean[] accepted = new boolean[posts];
        AtomicInteger refused = new AtomicInteger();
        AtomicReference<String> firstRefusal = new AtomicReference<>();
        List<CompletableFuture<?>> answers = new ArrayList<>(posts);
        long started = System.nanoTime();
        for (int p = 0; p < posts; p++) {
            long due = started + p * interval;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            int post = p;
            long now = System.nanoTime();
            for (int i = post * perPost; i < (post + 1) * perPost; i++) {
                sent[i] = now;
            }
            answers.add(serve.client().sendAsync(serve.post("/events", bodies.get(p)),
                    HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
                        if (error == null && response.statusCode() == 202) {
                            accepted[post] = true;
                        } else {
                            refused.addAndGet(perPost);
                            firstRefusal.compareAndSet(null, error != null ? error.toString()
                                    : response.statusCode() + " " + response.body());
                        }
                        return null;
                    }));
        }
        double postedPerSecond = count / ((System.nanoTime() - started) / 1e9);
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (missing(receiver, run, accepted, perPost) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        int lost = missing(receiver, run, accepted, perPost);
        long[] latencies = new long[count];
        int arrived = 0;
        for (int i = 0; i < count; i++) {
            Long arrival = receiver.arrival(ServeEvents.eventId(run, i));
            if (arrival != null) {
                latencies[arrived++] = arrival - sent[i];
            }
        }
        Latency latency = arrived == 0 ? new Latency(Double.NaN, Double.NaN)
                : Latency.of(Arrays.copyOf(latencies, arrived));
        return new Result(postedPerSecond, latency, lost, refused.get(), count, firstRefusal.get());
    }

    /** Accepted events that have not arrived. */
    private static int missing(Receiver receiver, String run, boolean[] accepted, int perPost) {
        int missing = 0;
        for (int p = 0; p < accepted.length; p++) {
            for (int i = p * perPost; accepted[p] && i < (p + 1) * perPost; i++) {
                missing += receiver.arrival(ServeEvents.eventId(run, i)) == null ? 1 : 0;
            }
        }
        return missing;
    }
}
