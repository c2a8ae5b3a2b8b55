package io.hookwright.bench;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * The delivery benchmarks' target: the JDK's own HTTP server on loopback, one virtual thread per request, answering
 * every POST with 204 after reading its body, noting when each message first arrived: by its {@value #EVENT_HEADER}
 * header when it has one (a webhook can set it to the event id, which a client of {@code serve} knows), else by its
 * {@code webhook-id}. Light enough that the sender, not the receiver, sets the pace.
 */
final class Receiver implements AutoCloseable {
    static final String EVENT_HEADER = "bench-event";
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final LongAdder received = new LongAdder();
    private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
    private volatile int delayMillis;

    /**
     * @param delayMillis how long each answer takes: 0 for the fastest receiver, more to stand for a distant one
     */
    Receiver(int delayMillis) throws IOException {
        this.delayMillis = delayMillis;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            int delay = this.delayMillis;
            if (delay > 0) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String messageId = exchange.getRequestHeaders().getFirst(EVENT_HEADER);
            if (messageId == null) {
                messageId = exchange.getRequestHeaders().getFirst("webhook-id");
            }
            if (messageId != null) {
                arrivals.putIfAbsent(messageId, System.nanoTime());
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            received.increment();
        });
        server.start();
    }

    /** From now on each answer takes {@code millis}. */
    void delay(int millis) {
        delayMillis = millis;
    }

    /** {@code http://127.0.0.1:PORT} */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** {@code 127.0.0.1:PORT}, as the engine's allow-list takes it. */
    String hostAndPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requests answered since the receiver started. */
    long received() {
        return received.sum();
    }

    /**
     * When the first request with this {@value #EVENT_HEADER} or, without one, {@code webhook-id} arrived
     * ({@link System#nanoTime}), or null.
     */
    Long arrival(String messageId) {
        return arrivals.get(messageId);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
