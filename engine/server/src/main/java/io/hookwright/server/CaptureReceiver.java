package io.hookwright.server;

import com.sun.net.httpserver.HttpServer;
import io.hookwright.delivery.Sender;
import io.hookwright.dryrun.TerminalText;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for the outside systems in {@code serve --capture}: takes every request the engine sends, answers 204,
 * and prints one line for it. Nothing leaves the machine.
 */
public final class CaptureReceiver implements AutoCloseable {
    private final HttpServer server;
    private final AtomicLong count = new AtomicLong();

    public CaptureReceiver(PrintStream out) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            long bytes;
            try (InputStream in = exchange.getRequestBody()) {
                bytes = in.readAllBytes().length;
            }
            String target = exchange.getRequestHeaders().getFirst(Sender.CAPTURED_TARGET);
            out.printf("captured %s %s  (%s, %d bytes)%n", exchange.getRequestMethod(),
                    TerminalText.line(target == null ? exchange.getRequestURI().toString() : target),
                    TerminalText.line(exchange.getRequestHeaders().getFirst("webhook-id")), bytes);
            count.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    /** Where the engine sends: the receiver's root on loopback. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public long received() {
        return count.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
