package io.hookwright.match;

/** A field read from an event: whether it exists, and its value (which may be null). */
record Lookup(String path, boolean found, Object value) {
    static Lookup absent(String path) {
        return new Lookup(path, false, null);
    }

    /** Absent, null, empty text or an empty list or object. */
    boolean empty() {
        return !found || value == null || (value instanceof String s && s.isEmpty())
                || (value instanceof java.util.Collection<?> c && c.isEmpty())
                || (value instanceof java.util.Map<?, ?> m && m.isEmpty());
    }
}
