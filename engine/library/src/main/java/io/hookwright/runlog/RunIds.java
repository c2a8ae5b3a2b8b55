package io.hookwright.runlog;

import java.security.SecureRandom;
import java.time.Clock;

/** Run ids that sort by creation time: {@code run_} + 10 characters of milliseconds + 16 random ones. */
public final class RunIds {
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunIds() {
    }

    public static String next(Clock clock) {
        StringBuilder id = new StringBuilder("run_");
        long millis = clock.millis();
        for (int shift = 45; shift >= 0; shift -= 5) {
            id.append(ALPHABET[(int) (millis >>> shift) & 31]);
        }
        for (int i = 0; i < 16; i++) {
            id.append(ALPHABET[RANDOM.nextInt(32)]);
        }
        return id.toString();
    }
}
