package io.hookwright.cli;

import io.hookwright.server.auth.Caller;
import io.hookwright.server.auth.Scope;
import io.hookwright.server.auth.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hookwright token}: a new token and the tokens-file line that lets it in, with its scopes and nothing more. */
class TokenCommandTest {
    @TempDir
    Path dir;

    @Test
    void theLinePrintedLetsTheTokenInWithItsScopes() throws Exception {
        Cli.Run run = Cli.run("token", "ci-bot", "events:write", "runs:read").exits(0);
        List<String> lines = run.out().lines().map(String::strip).toList();
        String token = lines.get(1);
        String line = lines.get(3);
        assertTrue(token.startsWith("hwt_"), token);
        assertFalse(line.contains(token), "the file holds only the digest");
        Files.writeString(dir.resolve("tokens"), line + "\n");

        Caller caller = Tokens.load(dir.resolve("tokens"), null).authenticate(token).orElseThrow();
        assertEquals("ci-bot", caller.name());
        assertEquals(Set.of(Scope.EVENTS_WRITE, Scope.RUNS_READ), caller.scopes());
        assertTrue(Tokens.load(dir.resolve("tokens"), null).authenticate(token + "x").isEmpty());
    }

    @Test
    void anUnknownScopeIsAUsageError() {
        Cli.Run run = Cli.run("token", "ci-bot", "events:read").exits(2);
        assertTrue(run.err().contains("unknown scope 'events:read'"), run.err());
    }

    @Test
    void aTokensFileWithMistakesIsRefusedNamingEachLine() throws Exception {
        Files.writeString(dir.resolve("tokens"), "ok runs:read sha256:" + "a".repeat(64) + "\nbad runs:fly sha256:"
                + "b".repeat(64) + "\nshort admin sha256:abc\n");
        var e = org.junit.jupiter.api.Assertions.assertThrows(Tokens.TokensFileException.class,
                () -> Tokens.load(dir.resolve("tokens"), null));
        assertTrue(e.getMessage().contains("tokens:2: unknown scope 'runs:fly'"), e.getMessage());
        assertTrue(e.getMessage().contains("tokens:3: the digest must be 64 hex digits"), e.getMessage());
    }

    @Test
    void anEmailGivenGoesOnTheLineAndWithTheCaller() throws Exception {
        Cli.Run run = Cli.run("token", "anna", "webhooks:write", "--email", "anna.doe@company.com").exits(0);
        List<String> lines = run.out().lines().map(String::strip).toList();
        assertTrue(lines.get(3).startsWith("anna <anna.doe@company.com> webhooks:write sha256:"), lines.get(3));
        Files.writeString(dir.resolve("tokens"), lines.get(3) + "\nold runs:read sha256:" + "a".repeat(64) + "\n");

        Tokens tokens = Tokens.load(dir.resolve("tokens"), null);
        Caller anna = tokens.authenticate(lines.get(1)).orElseThrow();
        assertEquals("anna.doe@company.com", anna.email());
        assertEquals(Set.of(Scope.WEBHOOKS_WRITE), anna.scopes());
        assertTrue(Cli.run("token", "anna", "admin", "--email", "anna").exits(2).err().contains("not an e-mail"));
    }

    @Test
    void aMalformedEmailInTheTokensFileIsNamedWithItsLine() throws Exception {
        Files.writeString(dir.resolve("tokens"), "anna <anna> runs:read sha256:" + "a".repeat(64) + "\n");
        var e = org.junit.jupiter.api.Assertions.assertThrows(Tokens.TokensFileException.class,
                () -> Tokens.load(dir.resolve("tokens"), null));
        assertTrue(e.getMessage().contains("tokens:1: '<anna>' is not an e-mail"), e.getMessage());
    }
}
