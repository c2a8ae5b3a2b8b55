package io.hookwright.runlog;

import java.security.SecureRandom;
import java.time.Clock;

/** Run ids that sort by creation time: {@code run_} + 10 characters of milliseconds + 16 random ones. */
public final class RunIds {
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** 16 characters of 5 bits each. */
    private static final int RANDOM_BYTES = 10;

    private RunIds() {
    }

    public static String next(Clock clock) {
        StringBuilder id = new StringBuilder(30).append("run_");
        long millis = clock.millis();
        for (int shift = 45; shift >= 0; shift -= 5) {
            id.append(ALPHABET[(int) (millis >>> shift) & 31]);
        }
        // One draw for all 16 characters: each draw from the shared generator takes its lock (and, with NativePRNG,
        // reads /dev/urandom), which showed in the profile of a run log written by thousands of deliveries a second.
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        long high = 0;
        for (int i = 0; i < 5; i++) {
            high = high << 8 | bytes[i] & 0xff;
        }
        long low = 0;
        for (int i = 5; i < RANDOM_BYTES; i++) {
            low = low << 8 | bytes[i] & 0xff;
        }
        for (long bits : new long[]{high, low}) {
            for (int shift = 35; shift >= 0; shift -= 5) {
                id.append(ALPHABET[(int) (bits >>> shift) & 31]);
            }
        }
        return id.toString();
    }
}
