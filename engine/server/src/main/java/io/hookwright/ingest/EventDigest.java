package io.hookwright.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.hookwright.event.Event;
import io.hookwright.event.EventJson;
import io.hookwright.event.Values;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SHA-256 of an event as posted, in a canonical form: object keys sorted, numbers by value ({@code 5000},
 * {@code 5000.0} and {@code 5e3} alike). Two posts of one event id are the same event when their digests are equal,
 * however the JSON was spaced or ordered.
 */
final class EventDigest {
    private EventDigest() {
    }

    /** Cloned for each digest: looking the algorithm up among the providers cost more than the digest. */
    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static String of(Event posted) {
        try {
            // The bytes of EventJson.write's text in UTF-8, without the text in between.
            byte[] canonical = EventJson.MAPPER.writeValueAsBytes(canonical(EventJson.toMap(posted)));
            return HexFormat.of().formatHex(((MessageDigest) SHA_256.clone()).digest(canonical));
        } catch (CloneNotSupportedException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(canonical(v)));
            return copy;
        }
        if (value instanceof Number) {
            // Written as BigDecimal.toString() does (5E+3): short within EventLimits' bounds, and 5000 equals 5000.0.
            BigDecimal number = Values.number(value);
            return number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
        }
        return value;
    }
}
