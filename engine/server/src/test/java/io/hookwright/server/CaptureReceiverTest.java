package io.hookwright.server;

import io.hookwright.delivery.Sender;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code serve --capture}'s receiver prints what it got in one line a terminal shows as it is. */
class CaptureReceiverTest {
    @Test
    void aCapturedTargetWithTerminalControlsIsPrintedEscaped() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (CaptureReceiver receiver = new CaptureReceiver(new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            // raw bytes: java.net.http refuses to send control characters in a header
            try (Socket socket = new Socket("127.0.0.1", receiver.port())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + Sender.CAPTURED_TARGET
                        + ": https://x.example/\u001b[2J\u001b]0;owned\u0007\u009b31m\r\nwebhook-id: msg_1\r\n"
                        + "Content-Length: 2\r\nConnection: close\r\n\r\n{}").getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                String status = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(status.startsWith("HTTP/1.1 204"), status);
            }
        }
        String line = printed.toString(StandardCharsets.UTF_8);
        assertTrue(line.startsWith("captured POST https://x.example/\\u001b[2J\\u001b]0;owned\\u0007"), line);
        assertFalse(line.chars().anyMatch(c -> c == 0x1b || c == 0x07 || c == 0x9b), line);
    }
}
