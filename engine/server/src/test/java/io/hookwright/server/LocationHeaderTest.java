package io.hookwright.server;

import io.hookwright.execution.EngineFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@code Location} the server answers with never carries the host a request's {@code Host} header names: a
 * poisoned Host (behind a proxy that passes it on, or in a cached answer) must not send browsers elsewhere.
 */
class LocationHeaderTest {
    @TempDir
    Path dir;
    private ServerFixture server;

    @BeforeEach
    void start() {
        server = new ServerFixture(dir, 9, EngineFixture.webhook("erp", "/erp", "synchronous false"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The response's status line and headers, for a GET sent as written, with {@code host} as its Host header. */
    private List<String> get(String path, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: text/html\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            List<String> head = new java.util.ArrayList<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                head.add(line);
            }
            return head;
        }
    }

    private static String location(List<String> head) {
        return head.stream().filter(h -> h.regionMatches(true, 0, "Location:", 0, 9))
                .map(h -> h.substring(9).strip()).findFirst().orElse(null);
    }

    @Test
    void redirectsAreRelativeWhateverTheHostHeaderSays() throws IOException {
        for (String host : List.of("evil.example", "evil.example:8443", "127.0.0.1.evil.example", "[::1]:1")) {
            for (String page : List.of("/", "/ui/runs", "/ui/webhooks?q=erp", "/ui/runs/run_1")) {
                List<String> head = get(page, host);
                assertTrue(head.get(0).contains(" 303 "), page + " " + head);
                String location = location(head);
                assertNotNull(location, head.toString());
                assertTrue(location.startsWith("/") && !location.startsWith("//"), location);
                assertFalse(location.contains("evil") || location.contains("[::1]"), location);
                assertTrue(page.equals("/") || location.startsWith("/login?next="), location);
            }
        }
    }

    @Test
    void aRelativeLocationKeepsOnlyItsPathQueryAndFragment() {
        assertEquals("/login?next=%2F", RelativeLocations.relative(java.net.URI.create("http://evil.example/login?next=%2F")));
        assertEquals("/x", RelativeLocations.relative(java.net.URI.create("//evil.example//x")));
        assertEquals("/", RelativeLocations.relative(java.net.URI.create("http://evil.example")));
        assertEquals("/a#b", RelativeLocations.relative(java.net.URI.create("https://h:1/a#b")));
    }
}
