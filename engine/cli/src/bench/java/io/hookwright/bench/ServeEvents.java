package io.hookwright.bench;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Events posted to {@code serve}'s {@code POST /events} in arrays, as JSON: {@code Project:Updated} events, which
 * the bench webhook delivers, or {@value #UNHEARD} events, which no webhook listens to. Event ids are {@code
 * evt-RUN-I}; the webhook sets {@link Receiver#EVENT_HEADER} to that id, so arrivals are known by event.
 */
final class ServeEvents {
    static final String UNHEARD = "Task:Archived";
    /** POSTs in flight at once when posting as fast as serve takes them ({@code bench.posters}). */
    static final int POSTERS = Integer.getInteger("bench.posters", 1);

    /**
     * Deliveries (or, for unheard events, events taken) per second; CPU time per event of the serve process and of
     * this JVM (receiver and poster), in microseconds; from each event's POST to its arrival (null if unheard).
     */
    record Result(double perSecond, double serveCpuMicros, double benchCpuMicros, Latency latency) {
    }

    private ServeEvents() {
    }

    static String eventId(String run, int i) {
        return "evt-" + run + "-" + i;
    }

    static String event(String type, String run, int i) {
        return "{\"id\": \"" + eventId(run, i) + "\", \"type\": \"" + type + "\", \"tenant\": \"acme\", "
                + "\"entity\": {\"type\": \"" + type.substring(0, type.indexOf(':')) + "\", \"id\": \"p-" + i
                + "\", \"key\": \"KEY-" + i + "\", \"attributes\": {\"Status\": \"Done\"}}, "
                + "\"before\": {\"Status\": \"On track\"}}";
    }

    /** Events {@code first} … {@code first + size - 1} as one JSON array. */
    static String array(String type, String run, int first, int size) {
        StringJoiner array = new StringJoiner(", ", "[", "]");
        for (int i = first; i < first + size; i++) {
            array.add(event(type, run, i));
        }
        return array.toString();
    }

    /**
     * Posts {@code count} events in arrays of {@code perPost}, {@link #POSTERS} at a time, and waits until the
     * receiver has every delivery ({@code type} {@code Project:Updated}) or the last POST was answered.
     */
    static Result post(ServeProcess serve, Receiver receiver, String type, String run, int count, int perPost)
            throws Exception {
        boolean heard = !type.equals(UNHEARD);
        List<String> bodies = new ArrayList<>();
        for (int first = 0; first < count; first += perPost) {
            bodies.add(array(type, run, first, Math.min(perPost, count - first)));
        }
        long[] sent = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        long before = receiver.received();
        long serveCpu = serve.cpuNanos();
        long benchCpu = CpuTime.nanos();
        long started = System.nanoTime();
        List<Thread> posters = new ArrayList<>();
        for (int t = 0; t < POSTERS; t++) {
            posters.add(Thread.ofVirtual().start(() -> {
                for (int b = next.getAndIncrement(); b < bodies.size(); b = next.getAndIncrement()) {
                    int first = b * perPost;
                    Arrays.fill(sent, first, Math.min(count, first + perPost), System.nanoTime());
                    try {
                        int status = serve.client().send(serve.post("/events", bodies.get(b)),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status != 202) {
                            refused.incrementAndGet();
                        }
                    } catch (Exception e) {
                        refused.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread poster : posters) {
            poster.join();
        }
        if (refused.get() > 0) {
            throw new IllegalStateException(refused.get() + " of " + bodies.size() + " POST /events not accepted");
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (heard && receiver.received() - before < count && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double serveMicros = (serve.cpuNanos() - serveCpu) / 1e3 / count;
        double benchMicros = (CpuTime.nanos() - benchCpu) / 1e3 / count;
        if (heard && receiver.received() - before < count) {
            throw new IllegalStateException("serve delivered " + (receiver.received() - before) + " of " + count);
        }
        Latency latency = heard ? latency(receiver, run, sent) : null;
        return new Result(count / seconds, serveMicros, benchMicros, latency);
    }

    /** From each event's POST to its arrival; every event must have arrived. */
    static Latency latency(Receiver receiver, String run, long[] sent) {
        long[] latencies = new long[sent.length];
        for (int i = 0; i < sent.length; i++) {
            latencies[i] = receiver.arrival(eventId(run, i)) - sent[i];
        }
        return Latency.of(latencies);
    }
}
