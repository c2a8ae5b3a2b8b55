package io.hookwright.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** serve's log lines: none lost or torn however many threads write at once, in order per thread, all out by close. */
class LineWriterTest {
    @Test
    void everyLineHandedOverIsWrittenWholeAndInOrderByClose() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LineWriter writer = new LineWriter(new PrintStream(bytes, false, StandardCharsets.UTF_8));
        int threads = 4;
        int each = 5_000;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        writer.write("thread " + thread + " line " + i + "\n");
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        writer.write("last\n");
        writer.close();
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(threads * each + 1, lines.size());
        assertEquals("last", lines.get(lines.size() - 1), "a line handed over before close comes before close ends");
        int[] next = new int[threads];
        for (String line : lines.subList(0, lines.size() - 1)) {
            String[] words = line.split(" ");
            int thread = Integer.parseInt(words[1]);
            assertEquals(next[thread]++, Integer.parseInt(words[3]), "in order within a thread: " + line);
        }
        writer.write("after close\n");
        assertEquals("after close", bytes.toString(StandardCharsets.UTF_8).lines().reduce((a, b) -> b).orElseThrow(),
                "written at once once closed");
    }
}
