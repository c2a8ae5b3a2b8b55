package io.hookwright.samples.host;

import io.hookwright.runlog.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's runnable execution table: what the example host's three changes leave in the run log. */
class ExampleHostTest {
    @TempDir
    Path dir;

    @Test
    void commitSendsEveryModeRollbackOnlyTheInsideSyncOneAndAVetoKeepsTheHostUnchanged() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<Run> runs = ExampleHost.run(Path.of("embedded/webhooks"), dir.resolve("example.db"),
                new PrintStream(printed, true, StandardCharsets.UTF_8));

        List<String> log = runs.stream().map(r -> r.webhook() + " " + r.mode() + " " + r.outcome().word()).toList();
        assertEquals(List.of(
                // 1. committed: each mode once (async ones after the commit)
                "budget_guard sync-inside succeeded",
                "budget_mail sync-after-commit succeeded",
                "budget_erp async-inside succeeded",
                "budget_warehouse async-after-commit succeeded",
                // 2. rolled back: sync-inside had already gone; nothing else ever does
                "budget_guard sync-inside succeeded",
                // 3. refused by the finance system: vetoed, and nothing after-commit
                "budget_guard sync-inside vetoed"), sortedWithinScenario(log));
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("commit threw: webhook budget_guard vetoed the transaction: HTTP 409: budget over the 100000 limit"), text);
        assertEquals(3, text.lines().filter(l -> l.contains("saved budget: 8000")).count(), text);
        assertTrue(text.contains("budget_warehouse  async-after-commit  rolled-back"), text);
    }

    /**
     * After the first change commits, its sync-after-commit webhook is sent by the committing thread while the workers
     * send the two async ones: those three may be logged in any order, so they are compared in the table's.
     */
    private static List<String> sortedWithinScenario(List<String> log) {
        List<String> sorted = new java.util.ArrayList<>(log);
        if (sorted.size() >= 4) {
            List<String> table = List.of("budget_mail", "budget_erp", "budget_warehouse");
            sorted.subList(1, 4).sort(java.util.Comparator.comparingInt(run -> table.indexOf(run.split(" ")[0])));
        }
        return sorted;
    }
}
