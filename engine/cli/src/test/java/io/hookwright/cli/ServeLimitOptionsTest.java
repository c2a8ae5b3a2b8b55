package io.hookwright.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** {@code serve} refuses a port, body limit or transaction time it cannot serve with, naming the option. */
class ServeLimitOptionsTest {
    @TempDir
    Path root;

    private Cli.Run serve(String option, String value) {
        CliFixture fixture = new CliFixture(root, 1).definitions(CliFixture.webhook("erp_sync", "/erp", "synchronous true"));
        return fixture.run("serve", "--definitions", fixture.definitions.toString(), "--db",
                root.resolve("hookwright.db").toString(), option, value);
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        assertEquals("hookwright serve: --port must be 0 to 65535 (0 picks a free one), not 70000"
                + System.lineSeparator(), serve("--port", "70000").exits(2).err());
        assertFalse(root.resolve("hookwright.db").toFile().exists(), "refused before the database is opened");
    }

    @Test
    void anEmptyBodyLimitIsRefused() {
        assertEquals("hookwright serve: --max-body must be at least 1 byte, not 0" + System.lineSeparator(),
                serve("--max-body", "0").exits(2).err());
    }

    @Test
    void aTransactionTimeBelowASecondIsRefused() {
        assertEquals("hookwright serve: --transaction-ttl must be at least 1 second, not 0" + System.lineSeparator(),
                serve("--transaction-ttl", "0").exits(2).err());
    }
}
