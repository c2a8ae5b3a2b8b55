package io.hookwright.authoring;

/** An {@code If-Match} header against a webhook's revision: {@code "rev"}, {@code W/"rev"}, a list, or {@code *}. */
final class IfMatch {
    private IfMatch() {
    }

    static boolean matches(String header, String revision) {
        for (String tag : header.split(",")) {
            String t = tag.strip();
            if (t.equals("*")) {
                return true;
            }
            t = t.startsWith("W/") ? t.substring(2) : t;
            t = t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
            if (t.equals(revision)) {
                return true;
            }
        }
        return false;
    }
}
