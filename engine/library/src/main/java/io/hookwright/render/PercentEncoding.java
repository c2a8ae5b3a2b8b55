package io.hookwright.render;

import java.nio.charset.StandardCharsets;

/**
 * Text percent-encoded as UTF-8, every character but the unreserved ones ({@code A-Z a-z 0-9 - . _ ~}): the same bytes
 * in any part of a URL (path segment, query, fragment, user info), never a delimiter. What templates insert into a
 * URL and what secret values put into one are encoded alike.
 */
public final class PercentEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {
    }

    public static String encode(String text) {
        if (text.chars().allMatch(PercentEncoding::unreserved)) {
            return text;
        }
        StringBuilder encoded = new StringBuilder(text.length() * 3);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            if (unreserved(b)) {
                encoded.append((char) b);
            } else {
                encoded.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return encoded.toString();
    }

    private static boolean unreserved(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
                || c == '~';
    }
}
