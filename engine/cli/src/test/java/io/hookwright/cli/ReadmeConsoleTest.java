package io.hookwright.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every {@code $ ./hookwright …} command in the README's console blocks runs, from the repository root, and prints
 * what the README shows: ids, hashes and times may differ, and a line {@code ...} stands for lines left out. A
 * {@code $ cat FILE} before it writes the file it shows (in a folder of its own, where the command then runs). Blocks
 * that run Maven are left to the tests of what they run (the example host's {@code ExampleHostTest}).
 */
@Tag("slow")
class ReadmeConsoleTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();

    @TempDir
    static Path scratch;

    /** A {@code $} command of a console block and the lines the README shows after it. */
    private record Shown(int line, List<String> command, List<String> output) {
    }

    @TestFactory
    Stream<DynamicTest> everyHookwrightCommandPrintsWhatTheReadmeShows() throws IOException {
        List<String> readme = Files.readAllLines(ROOT.resolve("README.md"));
        List<DynamicTest> tests = new ArrayList<>();
        for (List<Shown> block : consoleBlocks(readme)) {
            if (block.stream().noneMatch(s -> s.command().get(0).equals("./hookwright"))) {
                continue;
            }
            Shown last = block.get(block.size() - 1);
            tests.add(DynamicTest.dynamicTest("README.md:" + last.line() + ": " + String.join(" ", last.command()),
                    () -> run(block)));
        }
        assertTrue(tests.size() >= 3, "the README's console blocks were found: " + tests.size());
        return tests.stream();
    }

    private static List<List<Shown>> consoleBlocks(List<String> readme) {
        List<List<Shown>> blocks = new ArrayList<>();
        for (int i = 0; i < readme.size(); i++) {
            if (!readme.get(i).equals("```console")) {
                continue;
            }
            List<Shown> block = new ArrayList<>();
            for (i++; !readme.get(i).equals("```"); i++) {
                String text = readme.get(i);
                if (text.startsWith("$ ")) {
                    block.add(new Shown(i + 1, List.of(text.substring(2).split(" +")), new ArrayList<>()));
                } else if (!block.isEmpty()) {
                    block.get(block.size() - 1).output().add(text);
                }
            }
            if (!block.isEmpty()) {
                blocks.add(block);
            }
        }
        return blocks;
    }

    private static void run(List<Shown> block) throws Exception {
        Path where = ROOT;
        for (Shown shown : block) {
            if (shown.command().get(0).equals("cat")) {
                where = Files.createTempDirectory(scratch, "readme-");
                Path file = where.resolve(shown.command().get(1));
                Files.createDirectories(file.getParent());
                Files.writeString(file, String.join("\n", shown.output()) + "\n");
                continue;
            }
            assertEquals("./hookwright", shown.command().get(0), "README.md:" + shown.line() + ": only hookwright runs here");
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    "io.hookwright.cli.Main"));
            command.addAll(shown.command().subList(1, shown.command().size()));
            Process process = new ProcessBuilder(command).directory(where.toFile()).redirectErrorStream(true).start();
            String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the command finished");
            compare(shown, printed.lines().toList());
        }
    }

    /** The README's lines against the printed ones, line by line; {@code ...} skips printed lines up to the next. */
    private static void compare(Shown shown, List<String> printed) {
        List<String> expected = shown.output();
        int p = 0;
        for (int e = 0; e < expected.size(); e++) {
            String want = expected.get(e);
            if (want.strip().equals("...")) {
                String next = e + 1 < expected.size() ? normal(expected.get(e + 1)) : null;
                while (p < printed.size() && (next == null || !normal(printed.get(p)).equals(next))) {
                    p++;
                }
                continue;
            }
            if (p >= printed.size() || !normal(printed.get(p)).equals(normal(want))) {
                fail("README.md:" + (shown.line() + 1 + e) + " shows\n  " + want + "\nbut `" + String.join(" ", shown.command())
                        + "` printed " + (p < printed.size() ? "\n  " + printed.get(p) : "nothing more") + "\nall it printed:\n"
                        + String.join("\n", printed));
            }
            p++;
        }
        assertEquals(printed.size(), p, () -> "`" + String.join(" ", shown.command()) + "` printed more than README.md:"
                + shown.line() + " shows:\n" + String.join("\n", printed.subList(Math.min(printed.size(), expected.size()),
                printed.size())));
    }

    /** A line with what differs from run to run (message and run ids, revisions, UUIDs of runs) made the same. */
    private static String normal(String line) {
        return line.replaceAll("\\b(msg|run)_[0-9a-z]{26}\\b", "$1_ID").stripTrailing();
    }
}
