package io.hookwright.samples.host;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The outside systems of the example, on localhost: answers 204 to everything, except that the finance system
 * ({@code /sync-inside}) refuses a budget above 100000 with 409.
 */
public final class ExampleReceiver implements AutoCloseable {
    public static final int PORT = 8099;
    static final long BUDGET_LIMIT = 100_000;

    /** One request as received. */
    public record Received(String path, String messageId, String body, int answered) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public ExampleReceiver(Consumer<Received> onRequest) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), PORT), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String path = exchange.getRequestURI().getPath();
            boolean refuse = path.equals("/sync-inside") && budget(body) > BUDGET_LIMIT;
            Received r = new Received(path, exchange.getRequestHeaders().getFirst("webhook-id"), body, refuse ? 409 : 204);
            received.add(r);
            onRequest.accept(r);
            if (refuse) {
                byte[] answer = ("budget over the " + BUDGET_LIMIT + " limit").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(409, answer.length);
                exchange.getResponseBody().write(answer);
            } else {
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        server.start();
    }

    private static long budget(String body) {
        var m = java.util.regex.Pattern.compile("\"budget\":\\s*(\\d+)").matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
