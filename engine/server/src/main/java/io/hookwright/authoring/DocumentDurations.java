package io.hookwright.authoring;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as definitions write them: {@code '500ms'}, {@code '5s'}, {@code '2m'}, {@code '1h'}. */
final class DocumentDurations {
    static final String FORMAT = "write a whole number and a unit: '500ms', '5s', '2m' or '1h'";
    private static final Pattern PATTERN = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");
    private static final long[] SIZES = {3_600_000, 60_000, 1000, 1};
    private static final String[] UNITS = {"h", "m", "s", "ms"};

    private DocumentDurations() {
    }

    static Optional<Duration> parse(String text) {
        Matcher m = PATTERN.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        });
    }

    /** The largest unit that counts it exactly, as the printer writes it. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        for (int i = 0; i < SIZES.length; i++) {
            if (millis % SIZES[i] == 0 && millis / SIZES[i] <= 999_999_999) {
                return millis / SIZES[i] + UNITS[i];
            }
        }
        return millis + "ms";
    }
}
