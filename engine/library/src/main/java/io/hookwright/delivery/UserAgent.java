package io.hookwright.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The {@code User-Agent} every request carries unless its definition sets one: receivers and their firewalls can
 * tell Hookwright's requests, and which version sent them.
 */
final class UserAgent {
    static final String HEADER = "User-Agent";
    static final String VALUE = "Hookwright/" + version();

    private UserAgent() {
    }

    private static String version() {
        try (InputStream in = UserAgent.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "dev");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
