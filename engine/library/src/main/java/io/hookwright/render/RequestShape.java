package io.hookwright.render;

import java.util.Locale;

/** Checks on a rendered URL and header values that escaping alone cannot make: their shape as a whole. */
final class RequestShape {
    private RequestShape() {
    }

    /**
     * A path segment {@code .} or {@code ..} would move the request to another resource (receivers resolve them,
     * some after decoding {@code %2E}); no webhook needs one, so an inserted value that makes one is refused.
     */
    static void checkUrl(CompiledWebhook webhook, String url) {
        int authority = url.indexOf("://");
        int pathStart = authority < 0 ? 0 : url.indexOf('/', authority + 3);
        if (pathStart < 0) {
            return;
        }
        int pathEnd = url.length();
        for (char end : new char[]{'?', '#'}) {
            int at = url.indexOf(end, pathStart);
            if (at >= 0 && at < pathEnd) {
                pathEnd = at;
            }
        }
        for (String segment : url.substring(pathStart, pathEnd).split("/", -1)) {
            String decoded = segment.toLowerCase(Locale.ROOT).replace("%2e", ".");
            if (decoded.equals(".") || decoded.equals("..")) {
                throw new RenderException(webhook.url().source().origin() + ": the url of " + webhook.code()
                        + " renders a path segment '" + segment + "', which would change the path: "
                        + SecretRefs.mask(url));
            }
        }
    }

    /** A header value is one line: a CR or LF (or another control character) would start a header of its own. */
    static void checkHeader(CompiledWebhook webhook, CompiledWebhook.NamedTemplate header, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new RenderException(header.source().origin() + ": header " + header.name() + " of "
                        + webhook.code() + " renders a " + describe(c) + " at character " + (i + 1)
                        + ": a header value must be one line of text");
            }
        }
    }

    private static String describe(char c) {
        return switch (c) {
            case '\r' -> "carriage return (CR)";
            case '\n' -> "line feed (LF)";
            default -> String.format("control character U+%04X", (int) c);
        };
    }
}
