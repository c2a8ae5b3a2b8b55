package io.hookwright.event;

/** An event in JSON that does not have the shape of DESIGN's "Events"; the message names the field. */
public final class EventFormatException extends RuntimeException {
    private final String field;
    private final String reason;

    public EventFormatException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
        this.reason = message;
    }

    /** What is wrong, without the field. */
    public String reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}
