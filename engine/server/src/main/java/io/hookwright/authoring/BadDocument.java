package io.hookwright.authoring;

/**
 * A webhook document that cannot be a definition: {@code field} names where ({@code filter[1].op}); 400 when it is
 * not the document's shape, 422 when a value is well formed but wrong.
 */
public final class BadDocument extends RuntimeException {
    private final int status;
    private final String field;

    BadDocument(int status, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    static BadDocument shape(String field, String message) {
        return new BadDocument(400, field, field + ": " + message);
    }

    static BadDocument value(String field, String message) {
        return new BadDocument(422, field, field + ": " + message);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
