package io.hookwright.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * serve's options from a config file and from HOOKWRIGHT_* environment variables: the command line wins over the
 * environment, the environment over the file; a file naming what serve does not have is refused at its line.
 * Observed through the checks serve makes before it opens anything (a port in use, a lease too short).
 */
@Timeout(60) // every case is refused before serve listens; one that is not must fail, not serve on
class ServeConfigTest {
    @TempDir
    Path root;

    private Cli.Run serve(Map<String, String> env, String... options) {
        CliFixture fixture = new CliFixture(root, 1).definitions(CliFixture.webhook("erp_sync", "/erp", "synchronous true"));
        List<String> args = new ArrayList<>(List.of("serve", "--definitions", fixture.definitions.toString(), "--db",
                root.resolve("hookwright.db").toString()));
        args.addAll(List.of(options));
        return Cli.runWith(env, args.toArray());
    }

    private Path config(String text) throws IOException {
        return Files.writeString(root.resolve("hookwright.properties"), text);
    }

    private static String inUse(ServerSocket taken) {
        return "port " + taken.getLocalPort() + " on 127.0.0.1 is in use";
    }

    private static ServerSocket taken() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @Test
    void theFileSetsWhatTheCommandLineLeavesOut() throws Exception {
        try (ServerSocket taken = taken()) {
            Path file = config("# one file for every node\nport = " + taken.getLocalPort() + "\n\nper-host=4\n");
            Cli.Run run = serve(Map.of(), "--config", file.toString()).exits(2);
            assertTrue(run.err().contains(inUse(taken)), run.err());
            assertFalse(root.resolve("hookwright.db").toFile().exists());
        }
    }

    @Test
    void theEnvironmentWinsOverTheFileAndTheCommandLineOverBoth() throws Exception {
        try (ServerSocket inFile = taken(); ServerSocket inEnv = taken(); ServerSocket typed = taken()) {
            Path file = config("port = " + inFile.getLocalPort() + "\n");
            Map<String, String> env = Map.of("HOOKWRIGHT_CONFIG", file.toString(),
                    "HOOKWRIGHT_PORT", String.valueOf(inEnv.getLocalPort()));
            assertTrue(serve(env).exits(2).err().contains(inUse(inEnv)), "the environment over the file");
            assertTrue(serve(env, "--port", String.valueOf(typed.getLocalPort())).exits(2).err().contains(inUse(typed)),
                    "the command line over both");
            assertTrue(serve(Map.of("HOOKWRIGHT_CONFIG", file.toString())).exits(2).err().contains(inUse(inFile)),
                    "HOOKWRIGHT_CONFIG names the file");
        }
    }

    @Test
    void optionsWithDashesAreSetByTheirNameInTheFileAndInUpperCaseInTheEnvironment() throws Exception {
        Path file = config("transaction-ttl = 30\nlease = 2\n");
        Cli.Run fromFile = serve(Map.of(), "--config=" + file).exits(2);
        assertEquals("hookwright serve: --lease must be at least 3 seconds (a live node renews it every third)"
                + System.lineSeparator(), fromFile.err());
        Cli.Run fromEnv = serve(Map.of("HOOKWRIGHT_TRANSACTION_TTL", "30", "HOOKWRIGHT_NODE", "eu:1")).exits(2);
        assertTrue(fromEnv.err().contains("--node 'eu:1'"), fromEnv.err());
    }

    @Test
    void authoringAndPushAreSetInTheFileAndTheEnvironmentToo() throws Exception {
        Path file = config("push = origin\nauthoring = branchy\n");
        assertEquals("hookwright serve: --authoring takes direct, branch or off, not 'branchy'" + System.lineSeparator(),
                serve(Map.of(), "--config", file.toString()).exits(2).err(), "push is a key of the file");
        Cli.Run fromEnv = serve(Map.of("HOOKWRIGHT_PUSH", "origin", "HOOKWRIGHT_AUTHORING", "pr")).exits(2);
        assertTrue(fromEnv.err().contains("--authoring takes direct, branch or off, not 'pr'"), fromEnv.err());
    }

    @Test
    void aKeyThatIsNoOptionOfServeIsRefusedAtItsLine() throws Exception {
        Path file = config("port = 8080\nprot = 9090\n");
        Cli.Run run = serve(Map.of(), "--config", file.toString()).exits(2);
        assertTrue(run.err().startsWith("hookwright serve: " + file + ":2: 'prot' is not an option of serve; the "
                + "file may set "), run.err());
        assertTrue(run.err().contains("port"), run.err());
        assertFalse(run.err().contains("help"), "only what serve does can be set: " + run.err());
        assertFalse(root.resolve("hookwright.db").toFile().exists());
    }

    @Test
    void aBadValueIsNamedByWhereItWasSet() throws Exception {
        Path file = config("port = 8080\nper-host = many\n");
        Cli.Run fromFile = serve(Map.of(), "--config", file.toString()).exits(2);
        assertTrue(fromFile.err().contains("'many'") && fromFile.err().contains("(set by " + file + ":2)"),
                fromFile.err());
        Cli.Run fromEnv = serve(Map.of("HOOKWRIGHT_PORT", "eighty")).exits(2);
        assertTrue(fromEnv.err().contains("'eighty'") && fromEnv.err().contains("(set by the environment variable "
                + "HOOKWRIGHT_PORT)"), fromEnv.err());
        assertEquals(1, fromEnv.err().lines().count(), fromEnv.err());
    }

    @Test
    void failuresRisingIsSetInTheFileByItsName() throws Exception {
        Path file = config("failures-rising = 50, seventy\n");
        Cli.Run run = serve(Map.of(), "--config", file.toString()).exits(2);
        assertTrue(run.err().contains("--failures-rising takes percentages") && run.err().contains("'50, seventy'"),
                run.err());
    }

    @Test
    void aListIsCommaSeparatedAndEachEntryIsChecked() throws Exception {
        Path file = config("allow-target = localhost:9000, 10.0.0.0/99\n");
        Cli.Run run = serve(Map.of(), "--config", file.toString()).exits(2);
        assertTrue(run.err().contains("(set by " + file + ":1)"), run.err());
    }

    @Test
    void aMissingOrMalformedFileIsOneLine() throws Exception {
        Cli.Run missing = serve(Map.of(), "--config", root.resolve("nope.properties").toString()).exits(2);
        assertEquals("hookwright serve: config file " + root.resolve("nope.properties") + " does not exist"
                + System.lineSeparator(), missing.err());
        Path file = config("port 8080\n");
        Cli.Run malformed = serve(Map.of(), "--config", file.toString()).exits(2);
        assertTrue(malformed.err().contains(file + ":1: expected 'option = value'"), malformed.err());
        Path twice = config("port = 1\nport = 2\n");
        assertTrue(serve(Map.of(), "--config", twice.toString()).exits(2).err()
                .contains(twice + ":2: 'port' is set already on line 1"));
    }

    @Test
    void theExampleConfigShippedForDeploymentSetsOnlyOptionsServeHas() throws Exception {
        Path example = Path.of("deploy", "hookwright.properties");
        assertTrue(Files.exists(example), example.toAbsolutePath().toString());
        try (ServerSocket taken = taken()) {
            Cli.Run run = serve(Map.of(), "--config", example.toString(), "--port", String.valueOf(taken.getLocalPort()))
                    .exits(2);
            assertTrue(run.err().contains(inUse(taken)), "read whole, then refused for the port alone: " + run.err());
        }
    }

    @Test
    void otherCommandsAreNotTouchedByTheEnvironment() {
        Cli.Run run = Cli.runWith(Map.of("HOOKWRIGHT_PORT", "eighty", "HOOKWRIGHT_DEFINITIONS", "/nowhere"),
                "validate", new CliFixture(root, 1).definitions(CliFixture.webhook("erp_sync", "/erp",
                        "synchronous true")).definitions.toString());
        run.exits(0);
    }
}
