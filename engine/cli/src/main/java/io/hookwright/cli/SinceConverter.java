package io.hookwright.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code TIME}: an ISO-8601 instant such as {@code 2026-11-23T10:00:00Z}, or how long ago: {@code 30m}, {@code 2h}, {@code 7d}. */
final class SinceConverter implements ITypeConverter<Instant> {
    static final String HELP = "an ISO-8601 instant (2026-11-23T10:00:00Z) or that long ago (45s, 30m, 2h, 7d)";
    private static final Pattern AGO = Pattern.compile("(\\d{1,9})([smhd])");

    @Override
    public Instant convert(String value) {
        Duration length = span(value);
        if (length != null) {
            return Instant.now().minus(length);
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a time: give " + HELP);
        }
    }

    /** A span such as {@code 45s}, {@code 30m}, {@code 2h} or {@code 30d}; null when {@code value} is none. */
    static Duration span(String value) {
        Matcher ago = AGO.matcher(value.trim());
        if (!ago.matches()) {
            return null;
        }
        long amount = Long.parseLong(ago.group(1));
        return switch (ago.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }
}
