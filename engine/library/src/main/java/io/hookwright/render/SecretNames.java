package io.hookwright.render;

import java.util.Arrays;
import java.util.List;

/** How a list of secret names is stored: comma-separated (names are {@code [A-Za-z0-9_]+}), null when empty. */
public final class SecretNames {
    private SecretNames() {
    }

    public static String join(List<String> names) {
        return names.isEmpty() ? null : String.join(",", names);
    }

    public static List<String> split(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : Arrays.asList(stored.split(","));
    }
}
