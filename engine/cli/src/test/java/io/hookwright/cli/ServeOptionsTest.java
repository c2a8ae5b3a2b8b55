package io.hookwright.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What {@code serve} refuses before it opens anything: options that would make a node misbehave among others. */
class ServeOptionsTest {
    @TempDir
    Path root;

    private Cli.Run serve(String... options) {
        CliFixture fixture = new CliFixture(root, 1).definitions(CliFixture.webhook("erp_sync", "/erp", "synchronous true"));
        String[] args = new String[options.length + 5];
        args[0] = "serve";
        args[1] = "--definitions";
        args[2] = fixture.definitions.toString();
        args[3] = "--db";
        args[4] = root.resolve("hookwright.db").toString();
        System.arraycopy(options, 0, args, 5, options.length);
        return fixture.run((Object[]) args);
    }

    @Test
    void aLeaseTooShortToRenewIsRefused() {
        Cli.Run run = serve("--lease", "2").exits(2);
        assertEquals("hookwright serve: --lease must be at least 3 seconds (a live node renews it every third)"
                + System.lineSeparator(), run.err());
        assertFalse(root.resolve("hookwright.db").toFile().exists(), "refused before the database is opened");
    }

    @Test
    void aPortInUseIsOneLineBeforeAnyTokenOrDatabase() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Cli.Run run = serve("--port", String.valueOf(taken.getLocalPort())).exits(2);
            assertEquals("hookwright serve: port " + taken.getLocalPort() + " on 127.0.0.1 is in use: stop what listens "
                    + "there, or pick another port with --port" + System.lineSeparator(), run.err());
            assertEquals("", run.out(), "no admin token printed");
            assertFalse(root.resolve("hookwright.db").toFile().exists(), "no database created");
        }
    }

    @Test
    void failuresRisingTakesPercentagesOrNone() {
        Cli.Run run = serve("--failures-rising", "50,120").exits(2);
        assertEquals("hookwright serve: --failures-rising takes percentages from 1 to 99 separated by commas (such as "
                + "50,70,90) or none, not '50,120'" + System.lineSeparator(), run.err());
        assertFalse(root.resolve("hookwright.db").toFile().exists(), "refused before the database is opened");
        ServeCommand command = new ServeCommand();
        command.failuresRising = "none";
        assertEquals(java.util.List.of(), command.failuresRising());
        command.failuresRising = " 60, 80 ";
        assertEquals(java.util.List.of(60, 80), command.failuresRising());
    }

    @Test
    void anUnknownAuthoringModeIsRefused() {
        Cli.Run run = serve("--authoring", "branchy").exits(2);
        assertEquals("hookwright serve: --authoring takes direct, branch or off, not 'branchy'" + System.lineSeparator(),
                run.err());
        assertFalse(root.resolve("hookwright.db").toFile().exists(), "refused before the database is opened");
    }

    @Test
    void aDatabaseANewerEngineUpgradedIsRefusedInOneLineAndLeftAsItIs() {
        Path file = root.resolve("hookwright.db");
        int newer = io.hookwright.store.Migrations.latest() + 1;
        try (io.hookwright.store.Database database = io.hookwright.store.Database.sqlite(file)) {
            database.dsl().insertInto(io.hookwright.store.Schema.SchemaVersion.TABLE,
                    io.hookwright.store.Schema.SchemaVersion.VERSION, io.hookwright.store.Schema.SchemaVersion.DESCRIPTION,
                    io.hookwright.store.Schema.SchemaVersion.APPLIED_AT).values(newer, "a step of a newer engine", 0L)
                    .execute();
        }
        Cli.Run run = serve("--port", "0").exits(3);
        assertEquals("hookwright serve: the database " + file.toAbsolutePath() + " is at schema version " + newer
                + ", newer than this engine knows (up to version " + io.hookwright.store.Migrations.latest() + "): a newer "
                + "Hookwright upgraded it. Upgrade this engine to that Hookwright version or later; the database was left "
                + "unchanged." + System.lineSeparator(), run.err());
    }

    @Test
    void aTlsCertificateWithoutItsKeyIsRefused() {
        Cli.Run run = serve("--tls-cert", root.resolve("cert.pem").toString()).exits(2);
        assertEquals("hookwright serve: --tls-cert and --tls-key go together: give the certificate chain and its key"
                + System.lineSeparator(), run.err());
        assertFalse(root.resolve("hookwright.db").toFile().exists(), "refused before the database is opened");
    }

    @Test
    void aRetentionThatIsNoSpanIsRefused() {
        Cli.Run run = serve("--retention", "a month").exits(2);
        assertEquals("hookwright serve: --retention takes how long runs are kept, such as 30d or 12h (more than 0), "
                + "or forever, not 'a month'" + System.lineSeparator(), run.err());
        assertFalse(root.resolve("hookwright.db").toFile().exists(), "refused before the database is opened");
    }

    @Test
    void durabilityTakesNormalOrFullAndOnPostgresOnlyWhatItDecidesItself() {
        Cli.Run run = serve("--durability", "fsync").exits(2);
        assertEquals("hookwright serve: --durability takes normal or full, not 'fsync'" + System.lineSeparator(),
                run.err());
        assertFalse(root.resolve("hookwright.db").toFile().exists(), "refused before the database is opened");
        CliFixture fixture = new CliFixture(root, 1).definitions(CliFixture.webhook("erp_sync", "/erp", "synchronous true"));
        Cli.Run postgres = fixture.run("serve", "--definitions", fixture.definitions, "--db-url",
                "jdbc:postgresql://db.internal/hooks", "--durability", "full").exits(2);
        assertTrue(postgres.err().contains("--durability is for a SQLite database; on PostgreSQL its own "
                + "synchronous_commit setting decides"), postgres.err());
    }

    @Test
    void aNodeNameWithAColonIsRefused() {
        Cli.Run run = serve("--node", "eu:1").exits(2);
        assertTrue(run.err().contains("--node 'eu:1': a name of up to 60 characters, without ':'"), run.err());
    }

    @Test
    void aPublicUrlThatIsNotJustAnOriginIsRefusedOnOneLine() {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("https://hooks.example.com/hookwright", "it must not have a path (/hookwright)");
        refused.put("https://hooks.example.com/ui/", "it must not have a path (/ui/)");
        refused.put("https://hooks.example.com?x=1", "it must not have a query or fragment");
        refused.put("https://hooks.example.com/#top", "it must not have a query or fragment");
        refused.put("https://admin:pw@hooks.example.com", "it must not carry a user or password");
        refused.put("hooks.example.com", "it must start with https:// or http://");
        refused.put("ftp://hooks.example.com", "it must start with https:// or http://");
        refused.put("", "it must start with https:// or http://");
        refused.put("https://", "not a URL");
        refused.put("https://hooks_example", "its host[:port] is not valid");
        refused.put("https://hooks.example.com:0", "port 0 is not one from 1 to 65535");
        refused.put("https://hooks.example.com:70000", "port 70000 is not one from 1 to 65535");
        refused.put("https://hooks.example.com:80x", "its host[:port] is not valid");
        refused.put("https://hooks.example.com\nSet-Cookie: x", "not a URL");
        refused.forEach((url, why) -> {
            Cli.Run run = serve("--public-url", url).exits(2);
            String err = run.err();
            assertTrue(err.startsWith("hookwright serve: --public-url '" + url.replace("\n", "?") + "': " + why),
                    url + ": " + err);
            assertTrue(err.contains("e.g. https://hooks.example.com"), err);
            assertEquals(1, err.lines().count(), "one line: " + err);
        });
        assertFalse(root.resolve("hookwright.db").toFile().exists(), "refused before the database is opened");
    }

    @Test
    void anUnreachablePostgresIsNamedWithoutItsPassword() {
        CliFixture fixture = new CliFixture(root, 1).definitions(CliFixture.webhook("erp_sync", "/erp", "synchronous true"));
        Cli.Run run = fixture.run("serve", "--definitions", fixture.definitions.toString(), "--db-url",
                "jdbc:postgresql://127.0.0.1:1/hookwright?user=hw&password=s3cret-pw", "--port", "0").exits(3);
        assertTrue(run.err().contains("could not open the database jdbc:postgresql://127.0.0.1:1/hookwright?user=hw&password=***"),
                run.err());
        assertFalse(run.err().contains("s3cret-pw") || run.out().contains("s3cret-pw"));
    }

    @Test
    void aDefinitionsFolderWithALinkIsRefusedAtStartNamingThePath() throws Exception {
        CliFixture fixture = new CliFixture(root, 1).definitions(CliFixture.webhook("erp_sync", "/erp", "synchronous true"));
        java.nio.file.Files.createSymbolicLink(fixture.definitions.resolve("templates"), Path.of("/"));
        Cli.Run run = fixture.run("serve", "--definitions", fixture.definitions.toString(), "--db",
                root.resolve("hookwright.db").toString(), "--port", "0").exits(1);
        assertTrue(run.err().contains(fixture.definitions.resolve("templates") + ":1:1: this is a symbolic link"),
                run.err());
        assertTrue(run.err().contains("the definitions in " + fixture.definitions + " are not valid"), run.err());
        assertFalse(java.nio.file.Files.exists(root.resolve("hookwright.db")), "nothing was opened");
    }
}
