package io.hookwright.server;

import io.hookwright.execution.EngineFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Many clients connecting at once, as a burst of webhook producers does: every connection is taken and answered,
 * none reset because the server's queue of connections not yet accepted overflowed.
 */
class ConnectionBurstTest {
    private static final int CLIENTS = 400;

    @TempDir
    Path dir;

    @Test
    void hundredsOfConnectionsOpenedAtOnceAreAllAnswered() throws Exception {
        try (ServerFixture server = new ServerFixture(dir, 1, EngineFixture.webhook("erp", "/erp", "synchronous false"));
             ExecutorService clients = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().factory())) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.server.port());
            CountDownLatch ready = new CountDownLatch(CLIENTS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                answers.add(clients.submit(() -> {
                    ready.countDown();
                    go.await();
                    return statusLine(address);
                }));
            }
            ready.await();
            go.countDown();
            Map<String, Integer> seen = new TreeMap<>();
            for (Future<String> answer : answers) {
                seen.merge(answer.get(), 1, Integer::sum);
            }
            assertEquals(Map.of("HTTP/1.1 200 OK", CLIENTS), seen);
        }
    }

    /** The status line of {@code GET /health} on a connection of its own, or what went wrong instead. */
    private static String statusLine(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 30_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return line == null ? "closed without an answer" : line;
        } catch (java.io.IOException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
