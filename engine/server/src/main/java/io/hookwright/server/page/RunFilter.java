package io.hookwright.server.page;

import io.hookwright.runlog.Outcome;
import io.hookwright.runlog.RunQuery;
import jakarta.ws.rs.core.MultivaluedMap;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The runs page's search, as its form sends it: in the query of a GET, or in the body of the bulk redelivery's POST.
 * Times are ISO-8601 instants, a browser's date-time field (UTC, as the page shows times), or how long ago
 * ({@code 30m}, {@code 2h}, {@code 7d}).
 */
public record RunFilter(String webhook, String eventType, String outcome, String text, String since, String until) {
    private static final Pattern AGO = Pattern.compile("(\\d{1,9})([smhd])");

    public RunFilter {
        webhook = blankToNull(webhook);
        eventType = blankToNull(eventType);
        outcome = blankToNull(outcome);
        text = blankToNull(text);
        since = blankToNull(since);
        until = blankToNull(until);
    }

    /** The search in a page's query or a form's fields: webhook, eventType, outcome, q, since, until. */
    static RunFilter of(MultivaluedMap<String, String> fields) {
        return new RunFilter(fields.getFirst("webhook"), fields.getFirst("eventType"), fields.getFirst("outcome"),
                fields.getFirst("q"), fields.getFirst("since"), fields.getFirst("until"));
    }

    /** The query this search makes, for the first page of {@link RunPages#DEFAULT_LIMIT}. */
    RunQuery query(Clock clock) {
        Set<Outcome> outcomes = outcome == null ? Set.of() : Set.of(Outcome.fromWord(outcome)
                .orElseThrow(() -> new IllegalArgumentException("outcome '" + outcome + "' is not one of "
                        + String.join(", ", RunPages.outcomeWords()))));
        return new RunQuery(webhook, outcomes, time("since", since, clock), RunPages.DEFAULT_LIMIT,
                eventType, text, time("until", until, clock), null);
    }

    /** The search's fields as given, for the form to show them again. */
    Map<String, String> shown() {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("webhook", nonNull(webhook));
        shown.put("eventType", nonNull(eventType));
        shown.put("outcome", nonNull(outcome));
        shown.put("q", nonNull(text));
        shown.put("since", nonNull(since));
        shown.put("until", nonNull(until));
        return shown;
    }

    /** The search as a URL query ({@code webhook=erp&since=2h}), the empty fields left out: for links and redirects. */
    String queryString() {
        return shown().entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Instant time(String name, String value, Clock clock) {
        String given = blankToNull(value);
        if (given == null) {
            return null;
        }
        Matcher ago = AGO.matcher(given);
        if (ago.matches()) {
            long amount = Long.parseLong(ago.group(1));
            Duration span = switch (ago.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return clock.instant().minus(span);
        }
        try {
            return Instant.parse(given);
        } catch (DateTimeParseException e) {
            // a browser's date-time field next
        }
        try {
            return LocalDateTime.parse(given).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " '" + given + "' is not a time: give an ISO-8601 instant "
                    + "(2026-11-23T10:00:00Z), a date and time in UTC (2026-11-23T10:00) or how long ago (30m, 2h, 7d)");
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
