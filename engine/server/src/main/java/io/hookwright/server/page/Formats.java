package io.hookwright.server.page;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the pages write times and durations. Times are UTC, as the CLI writes them. */
final class Formats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** The time, or null (a template leaves it out) when there is none. */
    static String time(Instant at) {
        return at == null ? null : TIME.format(at);
    }

    static String duration(Duration d) {
        return d == null ? null : d.toMillis() + " ms";
    }
}
