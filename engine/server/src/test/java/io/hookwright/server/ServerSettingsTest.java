package io.hookwright.server;

import io.hookwright.server.auth.PageOrigin;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A host names the server settings it changes; only the definitions folder has no default, and a bad one is named. */
class ServerSettingsTest {
    @Test
    void unnamedSettingsKeepTheirDefaults() {
        ServerSettings settings = ServerSettings.builder().definitionsFolder(Path.of("/srv/hooks/webhooks")).build();
        assertEquals("127.0.0.1", settings.host());
        assertEquals(8080, settings.port());
        assertEquals(Path.of("/srv/hooks/workspace"), settings.workspace());
        assertEquals(1024 * 1024, settings.maxBodyBytes());
        assertEquals(Duration.ofSeconds(60), settings.transactionTtl());
        assertEquals(PageOrigin.OF_REQUEST, settings.pageOrigin());
        assertEquals(9000, settings.toBuilder().port(9000).build().port());
    }

    @Test
    void aBadSettingIsRefusedByName() {
        assertEquals("server setting definitionsFolder: is required", refused(ServerSettings.builder()));
        ServerSettings.Builder valid = ServerSettings.builder().definitionsFolder(Path.of("webhooks"));
        assertEquals("server setting port: must be 0 to 65535, not 70000", refused(valid.port(70_000)));
        assertEquals("server setting maxBodyBytes: must be at least 1, not 0", refused(valid.port(0).maxBodyBytes(0)));
        assertEquals("server setting transactionTtl: must be above 0, not PT0S",
                refused(valid.maxBodyBytes(1).transactionTtl(Duration.ZERO)));
    }

    private static String refused(ServerSettings.Builder builder) {
        return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
    }
}
