package io.hookwright.dsl.load;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations written as {@code '500ms'}, {@code '5s'}, {@code '2m'} or {@code '1h'}. */
public final class Durations {
    public static final String FORMAT = "write a whole number and a unit: '500ms', '5s', '2m' or '1h'";
    private static final Pattern PATTERN = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");

    private Durations() {
    }

    /** {@code 300 ms}, {@code 5 s}, {@code 1.5 s}: for messages. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** A duration as definitions write it, or empty when the text is not one. */
    public static Optional<Duration> parse(String text) {
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

    /**
     * {@code 5s}, {@code 500ms}, {@code 1m}, {@code 2h}: the largest unit that counts it exactly, as {@link #parse} reads
     * it back; empty for what no definition can write (negative, finer than a millisecond, or too long).
     */
    public static Optional<String> written(Duration duration) {
        if (duration.isNegative() || duration.getSeconds() > 1_000_000_000L || duration.getNano() % 1_000_000 != 0) {
            return Optional.empty();
        }
        long millis = duration.toMillis();
        if (millis == 0) {
            return Optional.of("0s");
        }
        long[] sizes = {3_600_000, 60_000, 1000, 1};
        String[] units = {"h", "m", "s", "ms"};
        for (int i = 0; i < sizes.length; i++) {
            // parse reads at most nine digits
            if (millis % sizes[i] == 0 && millis / sizes[i] <= 999_999_999) {
                return Optional.of(millis / sizes[i] + units[i]);
            }
        }
        return Optional.empty();
    }
}
