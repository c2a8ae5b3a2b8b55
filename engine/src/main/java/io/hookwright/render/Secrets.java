package io.hookwright.render;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where secret values come from: {@code HOOKWRIGHT_SECRET_<NAME>} environment variables, then a secrets file
 * ({@code NAME=value} lines). Values are only read when a request is sent; they are never stored or shown.
 */
public final class Secrets {
    public static final String ENV_PREFIX = "HOOKWRIGHT_SECRET_";
    private final Map<String, String> values;

    private Secrets(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Secrets none() {
        return new Secrets(Map.of());
    }

    public static Secrets of(Map<String, String> values) {
        return new Secrets(values);
    }

    /** Environment variables first, then the file when one is given. */
    public static Secrets load(Map<String, String> environment, Path file) throws IOException {
        Map<String, String> values = new HashMap<>();
        if (file != null) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        }
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                values.put(name.substring(ENV_PREFIX.length()), value);
            }
        });
        return new Secrets(values);
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    @Override
    public String toString() {
        return "Secrets" + values.keySet();
    }
}
