package io.hookwright.ingest;

import com.fasterxml.jackson.core.JsonGenerator;
import io.hookwright.event.Event;
import io.hookwright.event.EventJson;
import io.hookwright.event.Values;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The SHA-256 of an event as posted, in a canonical form: object keys sorted, numbers by value ({@code 5000},
 * {@code 5000.0} and {@code 5e3} alike). Two posts of one event id are the same event when their digests are equal,
 * however the JSON was spaced or ordered. The canonical form is JSON as {@link EventJson#MAPPER} writes it, streamed
 * into the digest: digests kept by earlier versions stay valid.
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
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
        try (JsonGenerator json = EventJson.MAPPER.createGenerator(new Into(digest))) {
            write(json, EventJson.toMap(posted));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void write(JsonGenerator json, Object value) throws IOException {
        if (value instanceof Map<?, ?> map) {
            String[] keys = new String[map.size()];
            int i = 0;
            for (Object key : map.keySet()) {
                keys[i++] = String.valueOf(key);
            }
            Arrays.sort(keys);
            json.writeStartObject();
            for (String key : keys) {
                json.writeFieldName(key);
                write(json, map.get(key));
            }
            json.writeEndObject();
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                write(json, item);
            }
            json.writeEndArray();
        } else if (value instanceof Number) {
            // As BigDecimal.toString() writes it (5E+3): short within EventLimits' bounds, and 5000 equals 5000.0.
            BigDecimal number = Values.number(value);
            json.writeNumber(number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros());
        } else if (value instanceof String text) {
            json.writeString(text);
        } else {
            json.writeObject(value);
        }
    }

    /** The generator's bytes, straight into the digest. */
    private static final class Into extends OutputStream {
        private final MessageDigest digest;

        Into(MessageDigest digest) {
            this.digest = digest;
        }

        @Override
        public void write(int b) {
            digest.update((byte) b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            digest.update(bytes, offset, length);
        }
    }
}
